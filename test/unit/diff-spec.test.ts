import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import type { AnyObjectSpec, FieldRule } from '../../src/lib/diff/fields';
import { CLIENT_SPEC, PERSON_SPEC, SCHEMA_SPECS, SOP_SPEC } from '../../src/lib/diff/spec';
import { ClientSchema, ContractSchema, PersonSchema, ReviewSchema, SopSchema } from '../../src/schemas';

/** The part of a zod 4 schema's definition the walk reads. */
interface SchemaNode {
  def: { type: string; shape?: Record<string, SchemaNode>; element?: SchemaNode; valueType?: SchemaNode; innerType?: SchemaNode; in?: SchemaNode };
}

/** The object schema a field holds, through optional, default, transform, list and map wrappers; null for a plain value. */
function objectIn(schema: unknown): SchemaNode | null {
  let node = schema as SchemaNode | undefined;
  for (let depth = 0; node && depth < 20; depth++) {
    const { def } = node;
    if (def.type === 'object') return node;
    node = { optional: def.innerType, default: def.innerType, nullable: def.innerType, pipe: def.in, array: def.element, record: def.valueType }[def.type];
  }
  return null;
}

const WHERE = 'src/lib/diff/spec.ts';

/** How the rule of an object-holding field says what happens to the object's own fields. */
function nestedProblems(rule: FieldRule<never>, object: SchemaNode | null, path: string, spec: AnyObjectSpec, key: string): string[] {
  const nested = 'nested' in rule ? rule.nested : 'own' in rule ? rule.entries : undefined;
  const parts = 'parts' in rule ? rule.parts : undefined;
  if (!object) {
    return nested || parts ? [`${spec.name} (${WHERE}) describes the fields inside \`${key}\`, but ${path}.${key} holds no object: remove them from the rule.`] : [];
  }
  if (nested) return specProblems(object, nested);
  if (parts) {
    const keys = Object.keys(object.def.shape ?? {});
    return [
      ...keys.filter((part) => !(part in parts)).map((part) => `${path}.${key} has a field \`${part}\` that the \`${key}\` rule of ${spec.name} (${WHERE}) does not show: add it to the rule's value and to its \`parts\`.`),
      ...Object.keys(parts).filter((part) => !keys.includes(part)).map((part) => `The \`${key}\` rule of ${spec.name} (${WHERE}) lists a part \`${part}\`, which ${path}.${key} no longer has: remove it from \`parts\`.`),
    ];
  }
  // Ignored or private fields are taken whole: whatever is inside them is ignored, or compared unseen, with them.
  if ('ignored' in rule || 'private' in rule) return [];
  return [`${path}.${key} holds objects, but the \`${key}\` rule of ${spec.name} (${WHERE}) says nothing of their fields: give it a nested spec, \`entries\` or \`parts\`, or ignore the field with a reason.`];
}

/**
 * Every way a spec and its schema disagree, nested objects included, each as a sentence that names
 * the schema, the field and where to fix it. Empty when every field is compared or ignored.
 */
function specProblems(schema: unknown, spec: AnyObjectSpec): string[] {
  const object = objectIn(schema);
  const path = spec.schema;
  if (!object) return [`${path} is no longer an object schema, but ${spec.name} (${WHERE}) describes its fields.`];
  const keys = Object.keys(object.def.shape ?? {});
  const rules = spec.fields as Record<string, FieldRule<never>>;
  return [
    ...keys
      .filter((key) => !(key in rules))
      .map((key) => `${path} has a field \`${key}\` that the diff neither compares nor ignores: add \`${key}\` to ${spec.name} in ${WHERE}, compared (with a label) or ignored (with the reason).`),
    ...Object.keys(rules)
      .filter((key) => !keys.includes(key))
      .map((key) => `${spec.name} (${WHERE}) names a field \`${key}\`, which ${path} no longer has: remove it from the spec.`),
    ...keys.filter((key) => key in rules).flatMap((key) => nestedProblems(rules[key]!, objectIn(object.def.shape![key]), path, spec, key)),
  ];
}

describe('the semantic diff compares every field of every schema it covers, or says why not', () => {
  it.each(SCHEMA_SPECS.map(({ schema, spec }) => [spec.schema, schema, spec] as const))('%s (and the objects inside it)', (_name, schema, spec) => {
    expect(specProblems(schema, spec)).toEqual([]);
  });

  it('fails for a field added to a schema, naming the schema, the field and where to add it', () => {
    expect(specProblems(PersonSchema.extend({ pronouns: z.string().optional() }), PERSON_SPEC)).toMatchInlineSnapshot(`
      [
        "PersonSchema has a field \`pronouns\` that the diff neither compares nor ignores: add \`pronouns\` to PERSON_SPEC in src/lib/diff/spec.ts, compared (with a label) or ignored (with the reason).",
      ]
    `);
  });

  it('fails for a field the schema no longer has', () => {
    expect(specProblems(PersonSchema.omit({ handle: true }), PERSON_SPEC)).toMatchInlineSnapshot(`
      [
        "PERSON_SPEC (src/lib/diff/spec.ts) names a field \`handle\`, which PersonSchema no longer has: remove it from the spec.",
      ]
    `);
  });

  it('looks inside nested objects: one compared field by field, one shown as a single value', () => {
    const client = ClientSchema.extend({ contract: ContractSchema.extend({ renewal: z.boolean() }) });
    expect(specProblems(client, CLIENT_SPEC)).toMatchInlineSnapshot(`
      [
        "ContractSchema has a field \`renewal\` that the diff neither compares nor ignores: add \`renewal\` to CONTRACT_SPEC in src/lib/diff/spec.ts, compared (with a label) or ignored (with the reason).",
      ]
    `);
    const sop = SopSchema.extend({ review: ReviewSchema.extend({ by: z.string() }).optional() });
    expect(specProblems(sop, SOP_SPEC)).toMatchInlineSnapshot(`
      [
        "SopSchema.review has a field \`by\` that the \`review\` rule of SOP_SPEC (src/lib/diff/spec.ts) does not show: add it to the rule's value and to its \`parts\`.",
      ]
    `);
  });

  it('fails for a field that starts holding objects the rule knows nothing about', () => {
    const sop = SopSchema.extend({ tags: z.array(z.strictObject({ name: z.string() })) });
    expect(specProblems(sop, SOP_SPEC)).toMatchInlineSnapshot(`
      [
        "SopSchema.tags holds objects, but the \`tags\` rule of SOP_SPEC (src/lib/diff/spec.ts) says nothing of their fields: give it a nested spec, \`entries\` or \`parts\`, or ignore the field with a reason.",
      ]
    `);
  });
});
