import didYouMean from 'didyoumean2';
import { dateProblem } from '../../schemas/common';
import type { AnswerSpec, AnswerValue, SignoffAnswer } from '../../schemas/record';

/**
 * A recorded answer judged against the item's `answer:` spec, and an answer typed on the command line
 * read by it. `check` (`record` rule) and `npm run done` share the wording, so the CLI refuses what
 * `check` would report, in the same words.
 */

/** Why an answer does not fit: what was wrong, and how to write it. */
export interface AnswerProblem {
  message: string;
  hint: string;
}

/** How to write an answer of each type in the client file. */
const EXAMPLES: { [T in AnswerSpec['type']]: (spec: Extract<AnswerSpec, { type: T }>) => string } = {
  choice: (spec) => `write one of the options exactly: ${spec.options.map((option) => JSON.stringify(option)).join(', ')}`,
  rating: (spec) => `write a whole number from 1 to ${spec.scale}, without quotes (\`answer: ${Math.min(8, spec.scale)}\`)`,
  text: () => 'write the answer as text (in quotes if it is a number or true/false)',
  signoff: () => 'write who signed and when: `answer: { name: Ana Ruiz, title: Principal, on: 2026-11-30 }` (title is optional)',
};

function example(spec: AnswerSpec): string {
  return (EXAMPLES[spec.type] as (spec: AnswerSpec) => string)(spec);
}

const isSignoff = (value: AnswerValue): value is SignoffAnswer => typeof value === 'object' && value !== null;

/** Why a recorded answer does not fit the item's spec, or null when it fits. */
export function answerProblem(spec: AnswerSpec, value: AnswerValue): AnswerProblem | null {
  const found = describeValue(value);
  switch (spec.type) {
    case 'choice': {
      if (typeof value === 'string' && spec.options.includes(value)) return null;
      const suggestion = typeof value === 'string' ? matchOption(spec.options, value) ?? didYouMean(value, spec.options) : null;
      return {
        message: `${found} is not one of the options of "${spec.question}" (${spec.options.join(', ')})`,
        hint: suggestion ? `did you mean ${JSON.stringify(suggestion)}? ${example(spec)}` : example(spec),
      };
    }
    case 'rating':
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= spec.scale) return null;
      return { message: `"${spec.question}" takes a whole number from 1 to ${spec.scale}, found ${found}`, hint: example(spec) };
    case 'text':
      if (typeof value === 'string') return null;
      return { message: `"${spec.question}" takes a written answer, found ${found}`, hint: example(spec) };
    case 'signoff':
      if (isSignoff(value)) return null;
      return { message: `"${spec.question}" takes a sign-off (who signed and when), found ${found}`, hint: example(spec) };
  }
}

function describeValue(value: AnswerValue): string {
  if (isSignoff(value)) return 'a sign-off';
  return typeof value === 'number' ? `the number ${value}` : JSON.stringify(value);
}

/** The option a text means, ignoring case and surrounding space ("budget " → "Budget"), if exactly one. */
function matchOption(options: readonly string[], text: string): string | null {
  const wanted = text.trim().toLocaleLowerCase('en');
  const matches = options.filter((option) => option.toLocaleLowerCase('en') === wanted);
  return matches.length === 1 ? matches[0]! : null;
}

/** `Ana Ruiz, 2026-11-30` or `Ana Ruiz (Principal), 2026-11-30`. */
const SIGNOFF_TEXT = /^(?<name>[^(),]+?)\s*(?:\((?<title>[^()]+)\))?\s*,\s*(?<on>\S+)$/;

/** How each type is typed on the command line (`--answer`). */
export const ANSWER_SYNTAX: { [T in AnswerSpec['type']]: string } = {
  choice: 'one of the options (any case)',
  rating: 'a whole number',
  text: 'any text',
  signoff: '"Name, 2026-11-30" or "Name (Title), 2026-11-30"',
};

/**
 * Reads an answer typed on the command line by the item's spec: a choice matched without regard to
 * case and written as the option is spelt, a rating as a number, a sign-off from `"Name, 2026-11-30"`
 * or `"Name (Title), 2026-11-30"`. The value is then judged by `answerProblem`, as `check` would.
 */
export function parseAnswer(spec: AnswerSpec, text: string): { value: AnswerValue } | { problem: AnswerProblem } {
  const trimmed = text.trim();
  let value: AnswerValue = trimmed;
  if (spec.type === 'choice') value = matchOption(spec.options, trimmed) ?? trimmed;
  if (spec.type === 'rating' && /^[+-]?\d+(?:\.\d+)?$/.test(trimmed)) value = Number(trimmed);
  if (spec.type === 'signoff') {
    const match = SIGNOFF_TEXT.exec(trimmed);
    const problem = match ? dateProblem(match.groups!.on!) : null;
    if (!match || problem) {
      return {
        problem: {
          message: `"${spec.question}" takes a sign-off, written ${ANSWER_SYNTAX.signoff}; found ${JSON.stringify(text)}${problem ? ` (${problem})` : ''}`,
          hint: 'for example --answer "Ana Ruiz (Principal), 2026-11-30"',
        },
      };
    }
    const { name, title, on } = match.groups!;
    value = { name: name!, ...(title ? { title: title.trim() } : {}), on: on! };
  }
  if (trimmed === '') return { problem: { message: `"${spec.question}" needs an answer, found nothing`, hint: `give --answer ${ANSWER_SYNTAX[spec.type]}` } };
  const problem = answerProblem(spec, value);
  if (!problem) return { value };
  const suggestion = spec.type === 'choice' ? didYouMean(trimmed, spec.options) : null;
  const accepted = spec.type === 'choice' ? `one of: ${spec.options.join(', ')}` : spec.type === 'rating' ? `a whole number from 1 to ${spec.scale}` : ANSWER_SYNTAX[spec.type];
  return { problem: { message: problem.message, hint: `${suggestion ? `did you mean ${JSON.stringify(suggestion)}? ` : ''}give --answer ${accepted}` } };
}
