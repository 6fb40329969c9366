import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readSchemaDocs } from '../../src/cli/schema-docs';
import { EDITOR_SCHEMAS, toEditorJsonSchema } from '../../src/lib/content/json-schema';
import { fixtureProject } from '../fixture-project';

const docs = readSchemaDocs(resolve('src/schemas'));
const generated = Object.fromEntries(EDITOR_SCHEMAS.map((entry) => [entry.name, toEditorJsonSchema(entry.schema, docs, entry.exportName)]));
// The YAML language server reads YAML 1.2 core, where 2027-01-29 is a string, as the `yaml` package does.
const yaml = (path: string) => parse(readFileSync(resolve(path), 'utf8')) as unknown;
const validator = (name: string) => new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(generated[name]!);

describe('JSON Schemas for editors', () => {
  it('are committed as `npm run schema` writes them', () => {
    for (const entry of EDITOR_SCHEMAS) {
      const committed = JSON.parse(readFileSync(resolve(`.vscode/schemas/${entry.name}.schema.json`), 'utf8'));
      expect(committed, `${entry.name}: run npm run schema`).toEqual(generated[entry.name]);
    }
  });

  it('accept every YAML file of a valid library (the runs fixture)', async () => {
    const dir = await fixtureProject('runs');
    const files: [string, string][] = [
      ['company', 'content/company.yaml'],
      ['team', 'content/team.yaml'],
      ['phases', 'content/phases.yaml'],
      ...readdirSync(join(dir, 'templates/playbooks')).map((f) => ['playbook', `templates/playbooks/${f}`] as [string, string]),
      ...readdirSync(join(dir, 'content/clients')).map((f) => ['client', `content/clients/${f}`] as [string, string]),
    ];
    expect(files).toHaveLength(10);
    for (const [name, file] of files) {
      const validate = validator(name);
      expect(validate(yaml(join(dir, file))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('reject a misspelt key and a malformed due offset, as the editor would while typing', () => {
    const validate = validator('playbook');
    const playbook = { title: 'T', description: 'D', sops: ['a'], skp: [], extra: [{ id: 'x', phase: 'p', owner: 'o', task: 'T', due: '30 days' }] };
    expect(validate(playbook)).toBe(false);
    // The editor takes the anchored forms as valid as it types them (issue 14, item 2).
    const anchored = ['send-invoice+15d', 'pay#send-invoice-2bd', 'vars.requestDate+10bd', 'notice+3d', '-30d'];
    for (const due of anchored) expect(validator('playbook')({ title: 'T', description: 'D', sops: ['a'], extra: [{ ...playbook.extra[0], due }] }), due).toBe(true);
    validate(playbook);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual(
      expect.arrayContaining([' must NOT have additional properties', expect.stringMatching(/^\/extra\/0\/due must match pattern "\^\(notice\)\?/)]),
    );
  });

  it('carry each field\'s JSDoc as its description', () => {
    const client = generated.client as { properties: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> };
    expect(client.properties.contract?.properties?.end?.description).toBe('Last day of the contract: the anchor of every `-30d` / `+7d` offset.');
    expect(client.properties.team?.description).toBe('Who fills each role for this client: role id → person id.');
  });
});
