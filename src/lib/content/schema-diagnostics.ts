import type { z } from 'astro/zod';
import didYouMean from 'didyoumean2';
import { reportAs } from '../check/catalogue';
import type { Diagnostic } from '../check/diagnostics';
import { positionOf, type YamlSource } from './yaml-positions';

/** `checklist[2].due` from `['checklist', 2, 'due']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

/** The parts of a zod 4 schema's `def` that the field walk reads. */
interface AnySchema {
  def?: { type?: string; shape?: Record<string, AnySchema>; element?: AnySchema; keyType?: z.ZodType; valueType?: AnySchema; innerType?: AnySchema; in?: AnySchema; options?: AnySchema[] };
}

/** The schema that describes the value at `path` (wrappers such as optional and default removed). */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): AnySchema | undefined {
  let current: AnySchema | undefined = unwrap(schema as unknown as AnySchema);
  for (const segment of path) {
    if (!current) return undefined;
    const def = current.def ?? {};
    if (def.type === 'union') {
      // A union of shapes (an answer: text, a number or a sign-off; the answer specs): the object option with this field.
      const option = objectOptions(def).find((candidate) => Object.hasOwn(candidate.def!.shape!, String(segment)));
      current = option ? unwrap(option.def!.shape![String(segment)]) : undefined;
    } else if (def.type === 'object') current = Object.hasOwn(def.shape ?? {}, String(segment)) ? unwrap(def.shape![String(segment)]) : undefined;
    else if (def.type === 'array') current = unwrap(def.element);
    else if (def.type === 'record') current = unwrap(def.valueType);
    else return undefined;
  }
  return current;
}

/** The field names an object schema accepts at `path`, for "did you mean" hints. */
export function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const def = schemaAt(schema, path)?.def ?? {};
  if (def.type === 'union') return [...new Set(objectOptions(def).flatMap((option) => Object.keys(option.def!.shape!)))];
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** The options of a union that are objects (wrappers removed). */
function objectOptions(def: NonNullable<AnySchema['def']>): AnySchema[] {
  return (def.options ?? []).map(unwrap).filter((option): option is AnySchema => option?.def?.type === 'object' && option.def.shape !== undefined);
}

/** The one key zod's records skip: assigning it to an object would replace the object's prototype. */
const PROTO = '__proto__';
const RESERVED = `"${PROTO}" cannot be used as a name`;

/**
 * The issues for `__proto__` keys in maps (`vars`, `team`, `links`), which zod's records skip without
 * a word, so that what the author wrote would vanish. Each is judged as zod judges any other key: by
 * the map's rule for names (not a kebab-case id, not a variable name); where any name goes (a client's
 * `vars`) it is refused, since no object can keep it as an ordinary name. Strict objects report it
 * themselves, as an unknown field.
 */
export function droppedKeyIssues(schema: z.ZodType, value: unknown): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  // Almost no file has such a key: a plain walk says so before the walk along the schema.
  if (!hasProtoKey(value)) return issues;
  // The value is walked where the schema describes it, so the walk ends where the schema does.
  const visit = (node: unknown, path: PropertyKey[], at: AnySchema | undefined) => {
    const def = at?.def;
    if (!def || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      if (def.type === 'array') node.forEach((item, index) => visit(item, [...path, index], unwrap(def.element)));
      return;
    }
    const fields = node as Record<string, unknown>;
    if (def.type === 'object') {
      for (const [key, field] of Object.entries(def.shape ?? {})) if (Object.hasOwn(fields, key)) visit(fields[key], [...path, key], unwrap(field));
    } else if (def.type === 'record' && def.keyType) {
      for (const [key, entry] of Object.entries(fields)) if (key !== PROTO) visit(entry, [...path, key], unwrap(def.valueType));
      if (Object.hasOwn(fields, PROTO)) issues.push(protoKeyIssue(def.keyType, [...path, PROTO]));
    }
  };
  visit(value, [], unwrap(schema as unknown as AnySchema));
  return issues;
}

/** Whether any object in a parsed value has an own `__proto__` key. */
function hasProtoKey(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(hasProtoKey);
  if (Object.hasOwn(node, PROTO)) return true;
  for (const key in node) if (Object.hasOwn(node, key) && hasProtoKey((node as Record<string, unknown>)[key])) return true;
  return false;
}

/** The issue zod would raise for a `__proto__` key if it judged it: the key rule's, or "reserved" if that accepts it. */
function protoKeyIssue(keyType: z.ZodType, path: PropertyKey[]): z.core.$ZodIssue {
  const key = keyType.safeParse(PROTO);
  return {
    code: 'invalid_key',
    origin: 'record',
    path,
    input: PROTO,
    message: RESERVED,
    issues: key.success ? [{ code: 'custom', path: [], input: PROTO, message: RESERVED }] : key.error.issues,
  };
}

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = current.def ?? {};
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else break;
  }
  return current;
}

/** Turns zod's issues for one file into diagnostics at the offending key or value. */
export function schemaDiagnostics(source: YamlSource, schema: z.ZodType, issues: readonly z.core.$ZodIssue[], label: string): Diagnostic[] {
  // A misspelt key shows up twice in zod (the unknown key, the missing field it was meant to be):
  // report it once, at the misspelling, with the suggestion.
  const explained = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const allowed = fieldsAt(schema, issue.path as PropertyKey[]);
    for (const key of issue.keys) {
      const suggestion = didYouMean(key, allowed);
      if (suggestion) explained.add(formatPath([...(issue.path as PropertyKey[]), suggestion]));
    }
  }
  return issues.flatMap((issue): Diagnostic[] => {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const allowed = fieldsAt(schema, path);
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, allowed);
        return {
          file: source.file,
          ...positionOf(source, path, key),
          ...reportAs('schema'),
          message: `${formatPath([...path, key])}: unknown field in ${label}`,
          hint: suggestion
            ? `did you mean \`${suggestion}\`? Rename the field (fields are case-sensitive).`
            : `remove it; allowed fields here: ${allowed.join(', ')}`,
        };
      });
    }
    if (issue.code === 'invalid_key') {
      // A name the map does not accept (`team: { Lead: ana }`): at the key, with why it is not one.
      const reason = issue.issues.map((inner) => friendly(inner as z.core.$ZodIssue)).join('; ');
      return [
        {
          file: source.file,
          ...positionOf(source, path.slice(0, -1), String(path.at(-1))),
          ...reportAs('schema'),
          message: `${formatPath(path)}: ${reason}`,
          ...(reason === RESERVED ? { hint: `JavaScript gives "${PROTO}" a special meaning; rename the key` } : {}),
        },
      ];
    }
    const missing = issue.code === 'invalid_type' && issue.input === undefined && !hasPath(source.value, path);
    const field = formatPath(path);
    if (missing && explained.has(field)) return [];
    return [
      {
        file: source.file,
        ...positionOf(source, path),
        ...reportAs('schema'),
        message: missing ? `${field}: required field is missing in ${label}` : `${field || label}: ${friendly(issue)}`,
        ...(missing ? { hint: `add \`${String(path.at(-1))}:\` with ${expectedOf(issue)}` } : {}),
      },
    ];
  });
}

function expectedOf(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_type' ? `a ${issue.expected === 'array' ? 'list' : issue.expected === 'object' ? 'mapping' : issue.expected}` : 'a value';
}

function hasPath(value: unknown, path: readonly PropertyKey[]): boolean {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, String(segment))) return false;
    current = (current as Record<string, unknown>)[String(segment)];
  }
  return true;
}

/**
 * Zod's issues in one line, in the words `check` uses (`client: expected a kebab-case id…; on: …`), for
 * a value that has no file to point into (the dev server's record requests).
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = formatPath(issue.path as PropertyKey[]);
      const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : friendly(issue);
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

/** Zod's defaults say "Invalid input: expected string, received number"; ours say it in the author's words. */
function friendly(issue: z.core.$ZodIssue): string {
  // Our schemas' own messages already say what was expected and found; keep them.
  if (!/^(Invalid|Too (small|big))/.test(issue.message)) return issue.message;
  if (issue.code === 'invalid_type') {
    const found = issue.input === null ? 'nothing' : Array.isArray(issue.input) ? 'a list' : typeof issue.input === 'object' ? 'a mapping' : `${typeof issue.input} ${JSON.stringify(issue.input)}`;
    return `expected ${expectedOf(issue)}, found ${found}`;
  }
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${JSON.stringify(issue.input)}`;
  if (issue.code === 'too_small' && issue.origin === 'array') return `expected at least ${String(issue.minimum)} item(s)`;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'must not be empty';
  return issue.message;
}
