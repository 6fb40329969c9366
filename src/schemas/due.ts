import { z } from 'astro/zod';

/**
 * What a due offset counts from: the contract end date, the day notice was given, another item's due
 * date (`send-final-invoice+15d`, `collect-final-payment#send-final-invoice+15d`) or a date var
 * (`vars.requestDate+10bd`).
 */
export const DUE_ANCHORS = ['end', 'notice', 'item', 'var'] as const;
/** Calendar days (`d`) or the company's working days (`bd`). */
export const DUE_UNITS = { d: 'calendar', bd: 'business' } as const;

const V1_PATTERN = /^(notice)?([+-])?(\d{1,4})(bd|d)$/;
/** `vars.requestDate+10bd`: a playbook var of type date, then a signed offset. */
const VAR_PATTERN = /^vars\.([a-zA-Z][a-zA-Z0-9_]*)([+-])(\d{1,4})(bd|d)$/;
/** `send-final-invoice+15d` or `collect-final-payment#send-final-invoice+15d`: an item id, then a signed offset. */
const ITEM_PATTERN = /^((?:[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*#)?[a-z0-9]+(?:-[a-z0-9]+)*)([+-])(\d{1,4})(bd|d)$/;
const DUE_PATTERN = new RegExp(`${V1_PATTERN.source}|${VAR_PATTERN.source}|${ITEM_PATTERN.source}`);

/** A parsed due offset: `-10bd` is `{ anchor: 'end', days: -10, unit: 'business' }`. */
export interface Due {
  anchor: (typeof DUE_ANCHORS)[number];
  /** The anchor's name: the item id as written (`send-final-invoice`, `sop#item`) or the var's name; absent for end and notice. */
  from?: string;
  days: number;
  unit: (typeof DUE_UNITS)[keyof typeof DUE_UNITS];
}

/** Parses the due shorthand, or returns why it is not one. Pure, shared by the schema and the generator. */
export function parseDue(text: string): Due | { error: string } {
  const compact = text.replace(/\s+/g, '');
  const anchored = VAR_PATTERN.exec(compact) ?? (V1_PATTERN.test(compact) ? null : ITEM_PATTERN.exec(compact));
  if (anchored) {
    const [, from, sign, amount, unit] = anchored as unknown as [string, string, string, string, 'd' | 'bd'];
    // `end` is not a task: offsets count from the contract end when they name no anchor.
    if (from === 'end') return { error: `expected a due offset like -30d, +7d, 0d, -10bd (business days) or notice+3d, found ${JSON.stringify(text)}: offsets count from the contract end without naming it, so write ${sign}${amount}${unit}` };
    const days = Number(amount) * (sign === '-' ? -1 : 1);
    return { anchor: compact.startsWith('vars.') ? 'var' : 'item', from, days: days === 0 ? 0 : days, unit: DUE_UNITS[unit] };
  }
  const match = V1_PATTERN.exec(compact);
  if (!match) {
    return {
      error: `expected a due offset like -30d, +7d, 0d, -10bd (business days), notice+3d, send-invoice+15d (after another task) or vars.requestDate+10bd, found ${JSON.stringify(text)}`,
    };
  }
  const [, notice, sign, amount, unit] = match as unknown as [string, string | undefined, string | undefined, string, 'd' | 'bd'];
  const days = Number(amount) * (sign === '-' ? -1 : 1);
  if (!notice && !sign && days !== 0) {
    return { error: `"${text}" needs a sign: write -${amount}${unit} (before the contract end) or +${amount}${unit} (after it)` };
  }
  return { anchor: notice ? 'notice' : 'end', days, unit: DUE_UNITS[unit] };
}

/** What an undated task (no `due:`) shows where a date or an offset would be. */
export const UNDATED = 'during the run';

/** Formats a parsed offset back to its shorthand (`notice+3bd`, `-14d`, `0d`); an undated task reads "during the run". */
export function formatDue(due: Due | null | undefined): string {
  if (!due) return UNDATED;
  const unit = due.unit === 'business' ? 'bd' : 'd';
  const sign = due.days > 0 ? '+' : due.days < 0 ? '-' : due.anchor === 'end' ? '' : '+';
  const anchor = due.anchor === 'notice' ? 'notice' : due.anchor === 'item' ? due.from : due.anchor === 'var' ? `vars.${due.from}` : '';
  return `${anchor}${sign}${Math.abs(due.days)}${unit}`;
}

/**
 * When a task is due, relative to the contract end (`-30d`, `+7d`, `0d`, `-10bd`), to the day notice
 * was given (`notice+3d`, `notice+2bd`), to another task's due date (`send-final-invoice+15d`, or
 * `<sop-id>#<item-id>+15d` in another SOP) or to a date var (`vars.requestDate+10bd`). `d` counts
 * calendar days, `bd` the company's working days.
 */
export const DueSchema = z
  .string({ error: (issue) => `expected a due offset like -30d or notice+3d, found ${JSON.stringify(issue.input)} (write it as text)` })
  .meta({ pattern: DUE_PATTERN.source, examples: ['-30d', '+7d', '0d', '-10bd', 'notice+3d', 'notice+2bd', 'send-final-invoice+15d', 'collect-final-payment#send-final-invoice+15d', 'vars.requestDate+10bd'] })
  .transform((text, ctx): Due => {
    const parsed = parseDue(text);
    if ('error' in parsed) {
      ctx.issues.push({ code: 'custom', input: text, message: parsed.error });
      return z.NEVER;
    }
    return parsed;
  });

/** Plain-language due offsets: `-14d` → "14 days before the contract end". */
export function describeDue(due: Due | null | undefined): string {
  if (!due) return 'during the run, whenever it comes up';
  const n = Math.abs(due.days);
  const unit = `${due.unit === 'business' ? 'working ' : ''}day${n === 1 ? '' : 's'}`;
  if (due.anchor === 'notice') return n === 0 ? 'on the day notice is given' : `${n} ${unit} after notice is given`;
  if (due.anchor === 'item' || due.anchor === 'var') {
    const what = due.anchor === 'item' ? `“${due.from}” is due` : `the date in vars.${due.from}`;
    return n === 0 ? `on the day ${what}` : `${n} ${unit} ${due.days < 0 ? 'before' : 'after'} ${what}`;
  }
  if (n === 0) return 'on the contract end date';
  return `${n} ${unit} ${due.days < 0 ? 'before' : 'after'} the contract end`;
}
