import { cp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** How big a generated library is. */
export interface CorpusSize {
  sops: number;
  emails: number;
  playbooks: number;
  clients: number;
}

export const DEFAULT_SIZE: CorpusSize = { sops: 1000, emails: 50, playbooks: 10, clients: 200 };

const PHASES = ['announce', 'wrap-up', 'finance', 'feedback', 'growth', 'archive', 'farewell'];
const ROLES = ['account-lead', 'project-manager', 'finance', 'operations', 'director'];
const WORDS =
  'client contract handover invoice archive feedback referral testimonial deliverable credential domain retention policy meeting agenda owner schedule reminder acceptance payment survey gift vendor access'.split(
    ' ',
  );

/** A small deterministic generator (mulberry32), so every run builds the same corpus. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes a complete Sendoff project into `dir`: this repo's code and config, the starter company,
 * team and phases, and a generated library of the given size. `node_modules` is linked, not copied.
 */
export async function generateCorpus(dir: string, size: CorpusSize, seed = 42): Promise<void> {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const root = resolve('.');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const entry of ['src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    await cp(join(root, entry), join(dir, entry), { recursive: true });
  }
  await mkdir(join(dir, 'content/clients'), { recursive: true });
  for (const file of ['company.yaml', 'team.yaml', 'phases.yaml']) await cp(join(root, 'content', file), join(dir, 'content', file));
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await mkdir(join(dir, 'sops'), { recursive: true });
  await mkdir(join(dir, 'templates/emails'), { recursive: true });
  await mkdir(join(dir, 'templates/playbooks'), { recursive: true });

  const emailIds = Array.from({ length: size.emails }, (_, i) => `email-${i + 1}`);
  for (const id of emailIds) {
    await writeFile(
      join(dir, 'templates/emails', `${id}.md`),
      `---\ntitle: ${sentence(3)}\nsubject: 'About {{ client.name }}: {{ contract.end | date: "long" }}'\naudience: client\nsend: -${Math.floor(rand() * 30)}d\n---\nHi {{ contact.name }},\n\n${sentence(40)}.\n\n{% if outstanding.invoices.size > 0 %}You have open invoices.{% endif %}\n\n{{ owner.name }}\n{{ owner.role }}, {{ company.name }}\n`,
    );
  }
  const sopIds: string[] = [];
  for (let i = 0; i < size.sops; i++) {
    const id = `sop-${String(i + 1).padStart(4, '0')}`;
    sopIds.push(id);
    const items = Array.from({ length: 5 }, (_, n) => {
      const lines = [`  - id: task-${n + 1}`, `    task: ${sentence(6)}`, `    owner: ${pick(ROLES)}`, `    due: ${-30 + n * 7}d`];
      if (n > 0) lines.push(`    after: [task-${n}]`);
      if (n === 2 && size.emails > 0) lines.push(`    email: ${pick(emailIds)}`);
      lines.push(`    evidence: ${sentence(4)}`);
      return lines.join('\n');
    }).join('\n');
    const diagram = i % 3 === 0 ? `\n\`\`\`mermaid\nflowchart TD\n  A["Start"] --> B["${sentence(2)}"]\n  B --> C{"Done?"}\n  C -- "Yes" --> D["Record it"]\n  C -- "No" --> B\n\`\`\`\n` : '';
    const body = Array.from({ length: 4 }, (_, s) => `## ${['Why it matters', 'What good looks like', 'Steps', 'Pitfalls'][s]}\n\n${sentence(60)}.\n\n- ${sentence(8)}\n- ${sentence(8)}\n`).join('\n');
    await writeFile(
      join(dir, 'sops', `${id}.mdx`),
      `---\ntitle: ${sentence(4)} ${i + 1}\nsummary: ${sentence(14)}.\nphase: ${PHASES[i % PHASES.length]}\nowner: ${pick(ROLES)}\ntags: [${pick(WORDS)}, ${pick(WORDS)}]\nreview: { lastReviewed: 2026-0${1 + (i % 9)}-15, every: 12 months }\nchecklist:\n${items}\n---\n${body}${diagram}`,
    );
  }
  const playbookIds = Array.from({ length: size.playbooks }, (_, i) => `playbook-${i + 1}`);
  for (const [p, id] of playbookIds.entries()) {
    const sops = sopIds.filter((_, i) => i % size.playbooks === p).slice(0, 60);
    await writeFile(
      join(dir, 'templates/playbooks', `${id}.yaml`),
      `title: Playbook ${p + 1}\ndescription: ${sentence(12)}.\nsops:\n${sops.map((s) => `  - ${s}`).join('\n')}\nvars:\n  keepsDomains: { type: boolean, description: Keeps domains?, default: true }\n`,
    );
  }
  for (let c = 0; c < size.clients; c++) {
    const month = String(1 + (c % 12)).padStart(2, '0');
    await writeFile(
      join(dir, 'content/clients', `client-${c + 1}.yaml`),
      `name: Client ${c + 1}\nplaybook: ${playbookIds[c % playbookIds.length]}\ncontract: { start: 2025-01-01, end: 2027-${month}-${String(1 + (c % 27)).padStart(2, '0')} }\ncontacts:\n  - { name: Contact ${c + 1}, email: c${c + 1}@example.com, primary: true }\nteam: { account-lead: theo-okafor, project-manager: priya-raman, finance: ines-carvalho, operations: dev-patel, director: mara-lindqvist }\noutstanding:\n  invoices: [{ number: INV-${c}, amount: ${100 + c}, currency: USD, due: 2027-${month}-28 }]\n`,
    );
  }
}
