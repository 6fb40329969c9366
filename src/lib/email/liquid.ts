import { Liquid, Tag, Value, type Context, type FS, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import { DATE_FORMATS, formatDate, type DateFormat } from '../run/dates';
import { escapeWithUrls } from './exact-urls';

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

/**
 * How much work one template may do. Templates are content, reviewed like prose, but they run at
 * `check`, at the build, on the dev server and in the generator tab: without limits two nested
 * `(1..100000)` loops hang all four. An email needs a tiny fraction of each.
 */
export const TEMPLATE_LIMITS = {
  /** Characters in one subject or body (the longest starter email has under 2,000). */
  parse: 100_000,
  /** LiquidJS's allocation count: items of ranges and arrays, characters of strings filters make or print. */
  memory: 100_000,
  /** Milliseconds for one render, the backstop for loops that allocate nothing (a render takes about 1 ms). */
  render: 1_000,
  /** Characters one render may write, so the Markdown parser after it is bounded too. */
  output: 100_000,
} as const;

const TOO_MUCH = 'this template does too much work: ';
const TOO_LONG = `it writes more than ${TEMPLATE_LIMITS.output.toLocaleString('en-US')} characters`;

/** LiquidJS's limit errors (and the JavaScript engine's string limit), as the author should read them. */
const LIMIT_MESSAGES: [RegExp, string][] = [
  [/^parse length limit exceeded/, `it is longer than ${TEMPLATE_LIMITS.parse.toLocaleString('en-US')} characters`],
  [/^memory alloc limit exceeded/, `its loops and filters go over ${TEMPLATE_LIMITS.memory.toLocaleString('en-US')} items or characters`],
  [/^template render limit exceeded/, `rendering it takes longer than ${TEMPLATE_LIMITS.render / 1000} s`],
  [/^Invalid string length/, TOO_LONG],
];

/** Rewrites a limit error's message in place (its position stays with it) and returns the error. */
function explainLimit(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  for (const [pattern, explanation] of LIMIT_MESSAGES) {
    if (pattern.test(error.message)) error.message = error.message.replace(pattern, TOO_MUCH + explanation);
  }
  return error;
}

/** The tags that read another template file: a template is one file, and reads no other. */
const FILE_TAGS = ['include', 'render', 'layout'] as const;

/** Refuses a file tag while the template is parsed, so `check` reports it at its line and nothing is read. */
class FileTagRefused extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    throw new Error(`templates cannot include files: \`{% ${token.name} %}\` would copy another file into the email`);
  }
  render(): void {}
}

/** A file system with no files, should any path of LiquidJS still look for one (the browser's fetches them). */
const NO_FILES: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => {
    throw new Error('templates cannot include files');
  },
  readFileSync: () => {
    throw new Error('templates cannot include files');
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};

/** Creates the engines with Sendoff's filters (`date`, `money`) for one locale. */
export function createTemplateEngine(locale: string): TemplateEngines {
  return { markdown: createLiquid(locale, escapeMarkdownValue), text: createLiquid(locale, (value) => value) };
}

const sharedEngines = new Map<string, TemplateEngines>();

/**
 * The engines for one locale, created once per process: a build renders every email of every client
 * with the same filters, and creating engines per run costs more than rendering a short email.
 */
export function templateEnginesFor(locale: string): TemplateEngines {
  let engines = sharedEngines.get(locale);
  if (!engines) sharedEngines.set(locale, (engines = createTemplateEngine(locale)));
  return engines;
}

/** Markdown output: URLs kept exact (see exact-urls.ts), everything else escaped. */
function escapeMarkdownValue(value: unknown): string {
  if (slotValues) return slot(slotValues.push(String(value ?? '')) - 1);
  return escapeWithUrls(String(value ?? ''), escapeMarkdown);
}

/**
 * While `renderTemplateSlots` runs, the values the Markdown engine writes, in order; each is written as
 * a slot marker instead. Rendering is synchronous, so no other render can see it set.
 */
let slotValues: string[] | null = null;
/** Letters `g`–`z`, random per process or page load, so a template or client value cannot write a slot. */
const SLOT_NONCE = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => String.fromCharCode(103 + (byte % 20))).join('');
/** Letters and digits only, starting with a digit like the URL markers: Markdown leaves it as it is. */
const slot = (index: number) => `0${SLOT_NONCE}${index}${SLOT_NONCE}`;
/** A slot marker; group 1 is the value's index. */
export const SLOT_MARKER = new RegExp(`0${SLOT_NONCE}(\\d+)${SLOT_NONCE}`, 'g');

/** A Markdown render with each output value left as a slot (`SLOT_MARKER`), and the values, unescaped. */
export interface SlottedRender {
  /** The Markdown with a slot marker wherever a value was written: the same for every client whose values take the same branches. */
  skeleton: string;
  /** Each value as the template wrote it, before Markdown escaping. */
  values: string[];
}

/**
 * Renders a template in `markdown` mode as `renderTemplate` does (same parse, limits and errors), but
 * writes each output value as a slot: `email-body.ts` parses a skeleton once for every client whose
 * values cannot change how the Markdown reads. `fillMarkdown` gives the Markdown `renderTemplate` gives.
 */
export function renderTemplateSlots(engines: TemplateEngines, source: string, context: object): SlottedRender {
  const values: string[] = [];
  slotValues = values;
  let skeleton: string;
  try {
    skeleton = renderUnchecked(engines.markdown, source, context);
  } finally {
    slotValues = null;
  }
  return { skeleton, values };
}

/** The Markdown of a slotted render, values escaped (what `renderTemplate` writes); throws past the output limit. */
export function fillMarkdown({ skeleton, values }: SlottedRender): string {
  const output = skeleton.replace(SLOT_MARKER, (_marker, index: string) => escapeMarkdownValue(values[Number(index)]));
  if (output.length > TEMPLATE_LIMITS.output) throw new Error(TOO_MUCH + TOO_LONG);
  return output;
}

function createLiquid(locale: string, escape: (value: unknown) => unknown): Liquid {
  const engine = new Liquid({
    strictFilters: true,
    ownPropertyOnly: true,
    lenientIf: true,
    cache: true,
    // Printed values count against the memory limit, like the strings filters make.
    outputEscape(this: { context: Context }, value: unknown) {
      this.context.memoryLimit.use(String(value ?? '').length);
      return escape(value) as string;
    },
    fs: NO_FILES,
    root: [],
    relativeReference: false,
    parseLimit: TEMPLATE_LIMITS.parse,
    memoryLimit: TEMPLATE_LIMITS.memory,
    renderLimit: TEMPLATE_LIMITS.render,
  });
  for (const name of FILE_TAGS) engine.registerTag(name, FileTagRefused);
  engine.registerFilter('date', (value: unknown, format: unknown = 'medium') => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    if (typeof format !== 'string' || !Object.hasOwn(DATE_FORMATS, format)) {
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

/** Parsed templates by engine and source: a template is parsed once, then rendered once per client. */
const parsedTemplates = new WeakMap<Liquid, Map<string, Template[]>>();
/** Sources kept per engine; past it the cache starts again (a dev server editing templates all day). */
const PARSED_PER_ENGINE = 2_000;

function parseOnce(engine: Liquid, source: string): Template[] {
  let cache = parsedTemplates.get(engine);
  if (!cache) parsedTemplates.set(engine, (cache = new Map()));
  let templates = cache.get(source);
  if (!templates) {
    // A template that does not parse throws here every time: only successes are kept.
    templates = engine.parse(source);
    if (cache.size >= PARSED_PER_ENGINE) cache.clear();
    cache.set(source, templates);
  }
  return templates;
}

/**
 * Renders a template source with a context. In `markdown` mode the URLs of values are markers that
 * `restoreUrls` (exact-urls.ts) turns back into exact links once the Markdown is parsed. A template that
 * goes over `TEMPLATE_LIMITS` throws "this template does too much work: …".
 */
export function renderTemplate(engines: TemplateEngines, source: string, context: object, mode: OutputMode): string {
  const output = renderUnchecked(engines[mode], source, context);
  if (output.length > TEMPLATE_LIMITS.output) throw new Error(TOO_MUCH + TOO_LONG);
  return output;
}

/** Renders with every limit but the output length (which the caller checks on what it writes). */
function renderUnchecked(engine: Liquid, source: string, context: object): string {
  try {
    // The same as parseAndRenderSync (parse, then render in a fresh context with fresh limits), parsed once.
    return engine.renderSync(parseOnce(engine, source), context) as string;
  } catch (error) {
    throw explainLimit(error);
  }
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
  let value: unknown;
  try {
    // evalValueSync parses with `new Value(expression)`, as parseCondition does.
    value = engines.text.evalValueSync(expression, context);
  } catch (error) {
    throw explainLimit(error);
  }
  return value !== false && value !== null && value !== undefined;
}
