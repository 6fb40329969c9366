import { Liquid } from 'liquidjs';
import { DATE_FORMATS, formatDate, type DateFormat } from './dates';

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

/** Creates the engine with Sendoff's filters (`date`, `money`) for one locale. */
export function createTemplateEngine(locale: string): Liquid {
  const engine = new Liquid({ strictFilters: true, ownPropertyOnly: true, lenientIf: true, cache: true });
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

/** How an output value is written: escaped for Markdown (becomes HTML) or raw (plain text, subjects). */
export type OutputMode = 'markdown' | 'text';

/** Renders a template source with a context. */
export function renderTemplate(engine: Liquid, source: string, context: object, mode: OutputMode): string {
  const outputEscape = mode === 'markdown' ? escapeMarkdown : undefined;
  return engine.parseAndRenderSync(source, context, outputEscape ? { outputEscape } : {}) as string;
}

/** Evaluates a `when:` condition with Liquid's truthiness (only `false`, `nil` and missing are false). */
export function evaluateCondition(engine: Liquid, expression: string, context: object): boolean {
  const value: unknown = engine.evalValueSync(expression, context);
  return value !== false && value !== null && value !== undefined;
}
