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
  def?: { type?: string; shape?: Record<string, AnySchema>; element?: AnySchema; valueType?: AnySchema; innerType?: AnySchema; in?: AnySchema };
}

/** The field names an object schema accepts at `path`, for "did you mean" hints. */
export function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: AnySchema | undefined = unwrap(schema as unknown as AnySchema);
  for (const segment of path) {
    if (!current) return [];
    const def = current.def ?? {};
    if (def.type === 'object') current = unwrap(def.shape?.[String(segment)]);
    else if (def.type === 'array') current = unwrap(def.element);
    else if (def.type === 'record') current = unwrap(def.valueType);
    else return [];
  }
  const def = current?.def ?? {};
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
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
    if (current === null || typeof current !== 'object' || !(String(segment) in current)) return false;
    current = (current as Record<string, unknown>)[String(segment)];
  }
  return true;
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
