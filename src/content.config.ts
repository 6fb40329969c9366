import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { yamlFile } from './loaders/yaml-file';
import { ClientSchema, CompanySchema, EmailSchema, PhasesSchema, PlaybookSchema, SopSchema, TeamSchema } from './schemas';

// Wiring only: every schema lives in src/schemas, and authors' folders sit at the top of the repo.
const sops = defineCollection({ loader: glob({ base: './sops', pattern: '**/*.{md,mdx}' }), schema: SopSchema });
const emails = defineCollection({ loader: glob({ base: './templates/emails', pattern: '*.md' }), schema: EmailSchema });
const playbooks = defineCollection({ loader: glob({ base: './templates/playbooks', pattern: '*.{yaml,yml}' }), schema: PlaybookSchema });
const clients = defineCollection({ loader: glob({ base: './content/clients', pattern: '*.{yaml,yml}' }), schema: ClientSchema });
const company = defineCollection({ loader: yamlFile('content/company.yaml', { id: 'company' }), schema: CompanySchema });
const team = defineCollection({ loader: yamlFile('content/team.yaml', { id: 'team' }), schema: TeamSchema });
const phases = defineCollection({
  loader: yamlFile('content/phases.yaml', { id: 'phases', wrap: 'phases' }),
  schema: z.strictObject({ phases: PhasesSchema }),
});

export const collections = { sops, emails, playbooks, clients, company, team, phases };
