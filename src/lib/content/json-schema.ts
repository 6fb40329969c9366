import { z } from 'astro/zod';
import { ClientSchema, CompanySchema, PhasesSchema, PlaybookSchema, TeamSchema } from '../../schemas';

/** Field documentation read from the schemas' JSDoc: for an object with these keys, key → text. */
export interface FieldDocs {
  objects: { keys: string[]; docs: Record<string, string> }[];
  /** Documentation of whole schemas, by export name (`ClientSchema`). */
  schemas: Record<string, string>;
}

/** The files editors validate, with the schema that describes each. */
export const EDITOR_SCHEMAS = [
  { name: 'company', schema: CompanySchema, exportName: 'CompanySchema', files: ['content/company.yaml'] },
  { name: 'team', schema: TeamSchema, exportName: 'TeamSchema', files: ['content/team.yaml'] },
  { name: 'phases', schema: PhasesSchema, exportName: 'PhasesSchema', files: ['content/phases.yaml'] },
  { name: 'playbook', schema: PlaybookSchema, exportName: 'PlaybookSchema', files: ['templates/playbooks/*.yaml', 'templates/playbooks/*.yml'] },
  { name: 'client', schema: ClientSchema, exportName: 'ClientSchema', files: ['content/clients/*.yaml', 'content/clients/*.yml'] },
] as const;

/**
 * A JSON Schema (draft 2020-12) for what authors write (the input side of each zod schema), with each
 * field's JSDoc as its description so editors show the docs on hover and autocomplete.
 */
export function toEditorJsonSchema(schema: z.ZodType, docs: FieldDocs, exportName: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const target = jsonSchema as Record<string, unknown>;
      // A date may arrive as text or as a YAML timestamp; editors only need "a YYYY-MM-DD date".
      if (target.format === 'date' && Array.isArray(target.anyOf)) {
        delete target.anyOf;
        target.type = 'string';
        target.pattern = '^\\d{4}-\\d{2}-\\d{2}$';
      }
      const def = (zodSchema as unknown as { _zod: { def: { type: string; shape?: Record<string, unknown> } } })._zod.def;
      if (def.type !== 'object' || !def.shape) return;
      const keys = Object.keys(def.shape);
      const properties = target.properties as Record<string, Record<string, unknown>> | undefined;
      if (!properties) return;
      // The object literals this schema was built from: the exact one, or the pieces of an
      // `.extend()` (every literal whose keys are all in this object), largest first.
      const sources = docs.objects
        .filter((object) => object.keys.every((key) => keys.includes(key)))
        .sort((a, b) => b.keys.length - a.keys.length);
      for (const key of keys) {
        const text = sources.find((object) => object.docs[key])?.docs[key];
        // A copy: zod shares one JSON node between every use of a schema (all dates, say).
        if (text && properties[key]) properties[key] = { ...properties[key], description: text };
      }
    },
  }) as Record<string, unknown>;
  if (docs.schemas[exportName]) json.description = docs.schemas[exportName];
  return json;
}
