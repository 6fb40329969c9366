import type { RenderContext } from '../../schemas';
import { renderTemplate, type TemplateEngines } from '../email/liquid';

/**
 * A task's `task:` and `evidence:` may be Liquid with the email context (issue 14 item 6):
 * `Open the pull request "Client Termination - {{ client.name }}"`. A repeated task (`each:`) reads
 * its entry as `{{ entry }}`. The text is rendered raw (the `text` engine): a task is plain text
 * everywhere it shows, and every view escapes it as it writes it (hast, remark, CSV, ICS).
 */

/** What a task's text can read: the email context, and the entry of a repeated task. */
export type TaskTextContext = RenderContext & { entry?: string };

/** Liquid's two delimiters: a text without either is printed as written, and skips the engine. */
const LIQUID = /\{\{|\{%/;

/**
 * A task or evidence text for one client: Liquid rendered with the context, whitespace runs (a
 * `{% if %}` on its own line) closed up. Throws what the template throws (`check` reports it first).
 */
export function renderTaskText(engines: TemplateEngines, text: string, context: TaskTextContext): string {
  if (!LIQUID.test(text)) return text;
  return renderTemplate(engines, text, context, 'text').replace(/\s+/g, ' ').trim();
}

/** Whether a task's text is filled in per client (the SOP page marks its Liquid). */
export function isTemplatedText(text: string): boolean {
  return LIQUID.test(text);
}

/**
 * `renderTaskText` for a run: a text that fails to render is shown as written. `check` reports it at
 * its line (and stops the build); meanwhile the rules and the dev server that build runs keep working
 * rather than failing on the first broken task.
 */
export function renderRunTaskText(engines: TemplateEngines, text: string, context: TaskTextContext): string {
  try {
    return renderTaskText(engines, text, context);
  } catch {
    return text;
  }
}

/** One piece of a task text as written: prose, or a Liquid output or tag (`{{ client.name }}`). */
export interface TextPart {
  text: string;
  liquid: boolean;
}

const LIQUID_PART = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\})/;

/**
 * A task text as written, cut into prose and Liquid, for pages with no client (the SOP, the playbook,
 * the email's senders): they show the Liquid itself, marked as filled in per client, since a sample
 * client's values there would read as an instruction about a client who does not exist.
 */
export function templatedParts(text: string): TextPart[] {
  return text
    .split(LIQUID_PART)
    .filter((part) => part !== '')
    .map((part) => ({ text: part, liquid: LIQUID_PART.test(part) && /^\{[{%]/.test(part) }));
}
