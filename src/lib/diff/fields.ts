import { isDeepStrictEqual } from 'node:util';
import { WORDS, type Labels, type Words } from './labels';
import type { FieldChange, FieldValue } from './types';

/**
 * How the diff treats each field of a content schema, and the one function that compares two
 * versions of an entry by it. The specs themselves, one per schema object, are in `spec.ts`.
 */

/** A field compared as one value and reported as `from → to` under its label. */
export interface ValueRule<T> {
  /** The field as a reader names it ("Time zone", "Waits for"). */
  label: string;
  value: (entry: T) => FieldValue;
  /** Prose is quoted in the report; any other text shows as code. */
  prose?: boolean;
  /** The value in words beside its raw form (a role's title for its id). */
  words?: Words;
  /** For a nested object shown as one value: each of its fields, with how the value shows it. */
  parts?: Readonly<Record<string, string>>;
}

/** A map (`links`, `vars`) compared key by key: one `<field>.<key>` line per key that changed. */
export interface MapRule<T> {
  each: (entry: T) => Readonly<Record<string, unknown>>;
  /** One key's value as compared and shown (null when the key is absent). */
  item: (value: unknown) => FieldValue;
  /** Report keys in alphabetical order, not in the order the file has them. */
  sorted?: boolean;
  /** What a line shows of each value, in words, for the spec table. */
  shows: string;
  /** For map values that are objects: each of their fields, with how the value shows it. */
  parts?: Readonly<Record<string, string>>;
}

/** A nested object compared field by field by its own spec (`contract.end`). */
export interface NestedRule<T> {
  nested: AnyObjectSpec;
  get: (entry: T) => unknown;
}

/** Compared by the kind's own code (checklist items, a playbook's SOP order, the key itself). */
export interface OwnRule {
  own: string;
  /** The spec of each element, for a list of objects compared entry by entry. */
  entries?: AnyObjectSpec;
}

/**
 * Compared but never shown: a client record's contact data, amounts, answers and notes. Any change
 * among them is one line that says so, naming each such field by `noun`.
 */
export interface PrivateRule<T> {
  private: string;
  hidden: (entry: T) => unknown;
}

/** Not compared on purpose. */
export interface IgnoredRule {
  ignored: string;
}

export type FieldRule<T> = ValueRule<T> | MapRule<T> | NestedRule<T> | OwnRule | PrivateRule<T> | IgnoredRule;

/** Every field of one schema object (`S`), as the diff reads it from entries of type `T`. */
export interface ObjectSpec<T, S = T> {
  /** The schema's export name, for the coverage test's messages (`PersonSchema`). */
  schema: string;
  /** Where the spec is declared, so a failure says where to add a field (`PERSON_SPEC`). */
  name: string;
  /** Report order: the fields are compared, and their changes listed, in this order. */
  fields: { readonly [K in keyof S]-?: FieldRule<T> };
}

/** A spec of any schema, as the report and the coverage test read it. */
export type AnyObjectSpec = ObjectSpec<never, unknown>;

/** The line that stands for every private field that changed. */
export const PRIVATE_FIELD = { field: 'details', label: 'Other details' } as const;

const isEmpty = (value: FieldValue) => value === null || (Array.isArray(value) && value.length === 0);

/** One field's change, with its values in words, or null when it did not change. */
function valueChange(field: string, from: FieldValue, to: FieldValue, added: boolean, words: Words | undefined, labels: Labels): FieldChange | null {
  if (isDeepStrictEqual(from, to) || (added && isEmpty(to))) return null;
  const change: FieldChange = { field, from, to };
  const say = words ? WORDS[words].say : undefined;
  const fromLabel = from === null ? undefined : say?.(from, labels);
  const toLabel = to === null ? undefined : say?.(to, labels);
  if (fromLabel !== undefined) change.fromLabel = fromLabel;
  if (toLabel !== undefined) change.toLabel = toLabel;
  return change;
}

/**
 * Field changes between two versions of an entry, in the spec's order. An added entry (`before` null)
 * lists every field that has a value; a removed one (`after` null) lists none.
 */
export function fieldChanges<T>(spec: ObjectSpec<T, unknown>, before: T | null, after: T | null, labels: Labels): FieldChange[] {
  if (after === null) return [];
  const changes: FieldChange[] = [];
  const hidden: string[] = [];
  let hiddenChanged = false;
  const push = (change: FieldChange | null) => change && changes.push(change);
  for (const [field, rule] of Object.entries(spec.fields) as [string, FieldRule<T>][]) {
    if ('label' in rule) {
      push(valueChange(field, before === null ? null : rule.value(before), rule.value(after), before === null, rule.words, labels));
    } else if ('each' in rule) {
      const [from, to] = [before === null ? {} : rule.each(before), rule.each(after)];
      const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
      for (const key of rule.sorted ? keys.sort() : keys) {
        // Own keys only: a var named `constructor` is a var, not Object's constructor.
        const own = (map: Record<string, unknown>) => (Object.hasOwn(map, key) ? map[key] : undefined);
        push(valueChange(`${field}.${key}`, rule.item(own(from)), rule.item(own(to)), before === null, undefined, labels));
      }
    } else if ('nested' in rule) {
      const nested = rule.nested as ObjectSpec<unknown, unknown>;
      const inner = fieldChanges(nested, before === null ? null : rule.get(before), rule.get(after), labels);
      changes.push(...inner.map((change) => ({ ...change, field: `${field}.${change.field}` })));
    } else if ('private' in rule) {
      hidden.push(rule.private);
      if (before !== null && !isDeepStrictEqual(rule.hidden(before), rule.hidden(after))) hiddenChanged = true;
    }
  }
  if (hiddenChanged) {
    const nouns = hidden.length > 1 ? `${hidden.slice(0, -1).join(', ')} or ${hidden.at(-1)}` : hidden[0];
    changes.push({ field: PRIVATE_FIELD.field, from: null, to: `${nouns} changed (not shown)` });
  }
  return changes;
}

/** How the report names a field and prints its values. */
export interface Wording {
  /** Absent for a field reported by its raw name (`links.feedback`). */
  label?: string;
  prose: boolean;
}

/** The wording of every field a spec can report, by the name its changes carry (`contract.end`). */
export function wordingOf(spec: AnyObjectSpec): (field: string) => Wording {
  const wordings = new Map<string, Wording>();
  const collect = (fields: AnyObjectSpec['fields'], prefix: string) => {
    for (const [field, rule] of Object.entries(fields) as [string, FieldRule<never>][]) {
      if ('label' in rule) wordings.set(`${prefix}${field}`, { label: rule.label, prose: rule.prose === true });
      else if ('nested' in rule) collect(rule.nested.fields, `${prefix}${field}.`);
      else if ('private' in rule) wordings.set(PRIVATE_FIELD.field, { label: PRIVATE_FIELD.label, prose: true });
    }
  };
  collect(spec.fields, '');
  return (field) => wordings.get(field) ?? { prose: false };
}
