import { Liquid, Value } from 'liquidjs';
import { DATE_FORMATS, formatDate, type DateFormat } from '../run/dates';

/**
 * The one template engine for emails and `when:` conditions, at build time and in the browser.
 * LiquidJS gives us the syntax authors know from Shopify/Jekyll, static analysis of the variables a
 * template reads (for the validator), and it runs unchanged in the browser generator.
 */

/** Characters that would change the meaning of Markdown if a client's data contained them. */
const MARKDOWN_SPECIAL = /[\\`*_[\]()<>#!|~&{}]/g;

/** Backslash-escapes Markdown syntax so a value is shown literally (a client named `<b>Acme_</b>`). */
export function escapeMarkdown(value: unknown): string {
  return String(value ?? '').replace(MARKDOWN_SPECIAL, (char) => `\\${char}`);
}

/** How an output value is written: escaped for Markdown (becomes HTML) or raw (plain text, subjects). */
export type OutputMode = 'markdown' | 'text';

/** One engine per output mode (LiquidJS fixes `outputEscape` per engine), sharing the same filters. */
export type TemplateEngines = Record<OutputMode, Liquid>;

/** Creates the engines with Sendoff's filters (`date`, `money`) for one locale. */
export function createTemplateEngine(locale: string): TemplateEngines {
  return { markdown: createLiquid(locale, escapeMarkdown), text: createLiquid(locale, undefined) };
}

function createLiquid(locale: string, outputEscape: ((value: unknown) => string) | undefined): Liquid {
  const engine = new Liquid({ strictFilters: true, ownPropertyOnly: true, lenientIf: true, cache: true, ...(outputEscape ? { outputEscape } : {}) });
  engine.registerFilter('date', (value: unknown, format: unknown = 'medium') => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    if (typeof format !== 'string' || !(format in DATE_FORMATS)) {
      throw new Error(`unknown date format ${JSON.stringify(format)}; use one of ${Object.keys(DATE_FORMATS).join(', ')}`);
    }
    return formatDate(value, format as DateFormat, locale);
  });
  engine.registerFilter('money', (value: unknown, currency: unknown = 'USD') => {
    const amount = Number(value);
    if (!Number.isFinite(amount)) return value;
    return new Intl.NumberFormat(locale, { style: 'currency', currency: String(currency) }).format(amount);
  });
  return engine;
}

/** Renders a template source with a context. */
export function renderTemplate(engines: TemplateEngines, source: string, context: object, mode: OutputMode): string {
  return engines[mode].parseAndRenderSync(source, context) as string;
}

/**
 * Parses a `when:` condition exactly as `evaluateCondition` runs it (a Liquid value expression, not a
 * tag), so `check` accepts a condition only when the run can evaluate it. Throws Liquid's parse error.
 */
export function parseCondition(engine: Liquid, expression: string): void {
  new Value(expression, engine);
}

/** Evaluates a `when:` condition with Liquid's truthiness (only `false`, `nil` and missing are false). */
export function evaluateCondition(engines: TemplateEngines, expression: string, context: object): boolean {
  // evalValueSync parses with `new Value(expression)`, as parseCondition does.
  const value: unknown = engines.text.evalValueSync(expression, context);
  return value !== false && value !== null && value !== undefined;
}
