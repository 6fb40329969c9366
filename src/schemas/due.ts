import { z } from 'astro/zod';

/** What a due offset counts from: the contract end date, or the day notice was given. */
export const DUE_ANCHORS = ['end', 'notice'] as const;
/** Calendar days (`d`) or the company's working days (`bd`). */
export const DUE_UNITS = { d: 'calendar', bd: 'business' } as const;

const DUE_PATTERN = /^(notice)?([+-])?(\d{1,4})(bd|d)$/;

/** A parsed due offset: `-10bd` is `{ anchor: 'end', days: -10, unit: 'business' }`. */
export interface Due {
  anchor: (typeof DUE_ANCHORS)[number];
  days: number;
  unit: (typeof DUE_UNITS)[keyof typeof DUE_UNITS];
}

/** Parses the due shorthand, or returns why it is not one. Pure, shared by the schema and the generator. */
export function parseDue(text: string): Due | { error: string } {
  const match = DUE_PATTERN.exec(text.replace(/\s+/g, ''));
  if (!match) {
    return {
      error: `expected a due offset like -30d, +7d, 0d, -10bd (business days) or notice+3d, found ${JSON.stringify(text)}`,
    };
  }
  const [, notice, sign, amount, unit] = match as unknown as [string, string | undefined, string | undefined, string, 'd' | 'bd'];
  const days = Number(amount) * (sign === '-' ? -1 : 1);
  if (!notice && !sign && days !== 0) {
    return { error: `"${text}" needs a sign: write -${amount}${unit} (before the contract end) or +${amount}${unit} (after it)` };
  }
  return { anchor: notice ? 'notice' : 'end', days, unit: DUE_UNITS[unit] };
}

/** Formats a parsed offset back to its shorthand (`notice+3bd`, `-14d`, `0d`). */
export function formatDue(due: Due): string {
  const unit = due.unit === 'business' ? 'bd' : 'd';
  const sign = due.days > 0 ? '+' : due.days < 0 ? '-' : due.anchor === 'notice' ? '+' : '';
  return `${due.anchor === 'notice' ? 'notice' : ''}${sign}${Math.abs(due.days)}${unit}`;
}

/**
 * When a task is due, relative to the contract end (`-30d`, `+7d`, `0d`, `-10bd`) or to the day notice
 * was given (`notice+3d`, `notice+2bd`). `d` counts calendar days, `bd` the company's working days.
 */
export const DueSchema = z
  .string({ error: (issue) => `expected a due offset like -30d or notice+3d, found ${JSON.stringify(issue.input)} (write it as text)` })
  .meta({ pattern: DUE_PATTERN.source, examples: ['-30d', '+7d', '0d', '-10bd', 'notice+3d', 'notice+2bd'] })
  .transform((text, ctx): Due => {
    const parsed = parseDue(text);
    if ('error' in parsed) {
      ctx.issues.push({ code: 'custom', input: text, message: parsed.error });
      return z.NEVER;
    }
    return parsed;
  });

/** Plain-language due offsets: `-14d` → "14 days before the contract end". */
export function describeDue(due: Due): string {
  const n = Math.abs(due.days);
  const unit = `${due.unit === 'business' ? 'working ' : ''}day${n === 1 ? '' : 's'}`;
  if (due.anchor === 'notice') return n === 0 ? 'on the day notice is given' : `${n} ${unit} after notice is given`;
  if (n === 0) return 'on the contract end date';
  return `${n} ${unit} ${due.days < 0 ? 'before' : 'after'} the contract end`;
}
