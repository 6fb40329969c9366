import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { attributeKey, bodyMarkup, urlScheme, type MarkupAddress, type MarkupAttribute, type MarkupCode, type MarkupElement, type Place, type Program } from './body-markup';
import { atBody, sopBodies, type Finding, type RuleContext } from './context';

/**
 * An SOP is content, not code: MDX could run code at build time (`export`, `import`, `{…}`), publish a
 * file from the build machine (`import x from '/etc/hostname?raw'`) and run code in every reader's
 * browser (`<script>`, `onerror=`, `javascript:` links). Each is refused at its line. What an SOP may
 * contain is documented in the README ("Security model").
 */

/**
 * The only imports an SOP may have: module → the names its components may be imported as. Empty: the
 * starter SOPs import nothing (callouts are `> [!TIP]` blockquotes and diagrams are ```mermaid fences).
 * A component added here becomes the only code an SOP can reach; it must render its props as text.
 */
export const SOP_IMPORTS: ReadonlyMap<string, readonly string[]> = new Map();

const EMBED = { reason: 'embeds another page, which runs its own code', hint: 'link to it instead: [what it shows](https://…)' };
const HEAD_HINT = "remove it: the site writes every page's head";

/** Elements that run or embed code, or change the whole page, whatever their attributes say. */
export const REFUSED_ELEMENTS: Readonly<Record<string, { reason: string; hint: string }>> = {
  script: { reason: "runs code in every reader's browser", hint: 'remove it: the site gives every page its behaviour (copy buttons, diagrams, search)' },
  style: { reason: 'restyles the whole page, not just this SOP', hint: 'remove it: the site styles every SOP alike (use **bold**, lists, tables and > [!NOTE] callouts)' },
  iframe: EMBED,
  frame: EMBED,
  frameset: EMBED,
  portal: EMBED,
  fencedframe: EMBED,
  object: EMBED,
  embed: EMBED,
  applet: EMBED,
  base: { reason: 'changes where every link on the page points', hint: HEAD_HINT },
  meta: { reason: "can redirect the reader or change the page's rules", hint: HEAD_HINT },
  link: { reason: 'loads a stylesheet or another file into the page', hint: HEAD_HINT },
  form: { reason: 'sends what a reader types to an address', hint: 'link to the form instead: [Open the form](https://…)' },
  // SVG animation can turn a link's address into `javascript:` once the page has loaded.
  animate: { reason: "can change a link's address into code", hint: 'remove it' },
  set: { reason: "can change a link's address into code", hint: 'remove it' },
};

/** Attributes that hold an address the browser follows or fetches. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'xlinkhref', 'background', 'cite', 'ping', 'longdesc', 'codebase', 'manifest', 'lowsrc', 'dynsrc', 'usemap', 'archive', 'classid']);

/** URL schemes that run code; `data:` opens a document of its own, so it may only be an image. */
const CODE_SCHEMES = new Set(['javascript', 'vbscript', 'livescript']);

/** Astro's directives (`set:html` writes raw HTML into the page; the others wire code). */
const ASTRO_DIRECTIVE = /^(?:set|is|define|client|server|transition):/;

const HINTS = {
  import: `an SOP imports nothing${SOP_IMPORTS.size ? ` but ${[...SOP_IMPORTS.keys()].join(', ')}` : ''}: write the content in Markdown, link to a file with [text](/file.pdf) after putting it in public/, and use > [!TIP] for callouts`,
  export: 'remove it: SOP data lives in the frontmatter, and the body is text',
  expression: "write the text itself; for a literal brace write \\{, and for a note to other authors {/* … */}",
  component: `SOPs can use ${SOP_IMPORTS.size ? `only ${[...SOP_IMPORTS.values()].flat().join(', ')}` : 'no components'}: write Markdown, > [!NOTE] callouts and \`\`\`mermaid diagrams`,
  handler: 'remove it: the site gives every page its behaviour (copy buttons, diagrams, search)',
  scheme: 'link to an https:// page or a site page (/sops/…/) instead',
  dataUrl: 'only an image may be a data: address; put a file in public/ and link to /its-name',
} as const;

/** A problem at a place in the body. */
type Problem = Place & { message: string; hint: string };

export function sopCodeRules(ctx: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const body of sopBodies(ctx)) {
    if (!('tree' in body)) continue;
    const { file } = body;
    const markup = bodyMarkup(body.tree);
    const { components, problems } = codeProblems(markup.code);
    problems.push(...markup.elements.flatMap((element) => elementProblems(element, components)), ...markup.addresses.flatMap(addressProblems));
    for (const problem of problems) found.push(atBody(ctx, file, problem.line, problem.column, finding(problem.message, problem.hint)));
  }
  return found;
}

/** Imports, exports and expressions; and the components the allowed imports bring in. */
function codeProblems(code: readonly MarkupCode[]): { components: Set<string>; problems: Problem[] } {
  const components = new Set<string>();
  const problems: Problem[] = [];
  for (const piece of code) {
    const at = { line: piece.line, column: piece.column };
    if (piece.kind === 'expression') {
      if (!isPlainLiteral(piece.program)) problems.push({ ...at, message: `{${shorten(piece.source)}} is code: an SOP is read, never run, so it may not hold expressions`, hint: HINTS.expression });
      continue;
    }
    const statement = piece.program?.body[0];
    if (statement?.type !== 'ImportDeclaration') {
      problems.push({ ...at, message: `\`${firstLine(piece.source)}\` exports code from the SOP, which runs when the site is built`, hint: HINTS.export });
      continue;
    }
    const from = String(statement.source.value);
    const allowed = SOP_IMPORTS.get(from);
    // A listed module, binding only listed names (`import Steps from …`, `import { Steps } from …`; no `* as`).
    if (allowed && statement.specifiers.every((specifier) => specifier.type !== 'ImportNamespaceSpecifier' && allowed.includes(specifier.local.name))) {
      statement.specifiers.forEach((specifier) => components.add(specifier.local.name));
      continue;
    }
    problems.push({ ...at, message: importProblem(from), hint: HINTS.import });
  }
  return { components, problems };
}

function elementProblems(element: MarkupElement, components: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const problem = elementProblem(element, components);
  if (problem) problems.push({ line: element.line, column: element.column, ...problem });
  for (const attribute of element.attributes) {
    const issue = attributeProblem(element, attribute);
    if (issue) problems.push({ line: attribute.line, column: attribute.column, ...issue });
  }
  return problems;
}

function addressProblems(address: MarkupAddress): Problem[] {
  const scheme = urlScheme(address.url);
  const at = { line: address.line, column: address.column };
  if (scheme && CODE_SCHEMES.has(scheme)) return [{ ...at, message: `this ${address.role} runs code when followed (${scheme}:)`, hint: HINTS.scheme }];
  if (scheme === 'data' && !(address.role === 'image' && isDataImage(address.url))) {
    return [{ ...at, message: `this ${address.role} is a data: address, which opens as a document of its own`, hint: HINTS.dataUrl }];
  }
  return [];
}

const finding = (message: string, hint: string): Finding => ({ ...reportAs('sop-code'), message, hint });

function importProblem(from: string): string {
  if (/[?&](?:raw|url|inline|worker)\b/.test(from) || from.startsWith('/') || /(^|\/)\.\.(\/|$)/.test(from) || /^[a-z]:[\\/]/i.test(from)) {
    return `\`import … from '${from}'\` would publish a file from the machine that builds the site`;
  }
  if (from.startsWith('node:') || !from.startsWith('.')) return `\`import … from '${from}'\` brings code into the SOP, which runs when the site is built`;
  return `\`import … from '${from}'\` is not one of the components SOPs may use`;
}

function elementProblem(element: MarkupElement, components: ReadonlySet<string>): { message: string; hint: string } | null {
  const { name } = element;
  if (name === null) return null;
  if (element.from === 'jsx' && /^[A-Z]|[.:]/.test(name)) {
    return components.has(name) ? null : { message: `<${name}> is a component, and only the components listed for SOPs may be used`, hint: HINTS.component };
  }
  const refused = REFUSED_ELEMENTS[name.toLowerCase()];
  return refused ? { message: `<${name}> ${refused.reason}`, hint: refused.hint } : null;
}

function attributeProblem(element: MarkupElement, attribute: MarkupAttribute): { message: string; hint: string } | null {
  const key = attributeKey(attribute.name);
  if (attribute.expression?.spread) return { message: `${attribute.name} is code: it spreads whatever an expression gives into <${element.name}>`, hint: 'write each attribute as name="text"' };
  if (key.startsWith('on')) return { message: `${attribute.name} on <${element.name}> is an event handler: it runs code in the reader's browser`, hint: HINTS.handler };
  if (element.from === 'jsx' && ASTRO_DIRECTIVE.test(attribute.name)) {
    return { message: `${attribute.name} is an Astro directive: it writes raw HTML or code into the page`, hint: 'write the content as Markdown between the tags' };
  }
  if (attribute.expression && !isPlainLiteral(attribute.expression.program)) {
    return { message: `${attribute.name}={${shorten(attribute.expression.source)}} is code: an attribute's value must be text`, hint: `write ${attribute.name}="…"` };
  }
  if (!URL_ATTRIBUTES.has(key)) return null;
  for (const value of attribute.values.flatMap((text) => (key === 'srcset' ? srcsetUrls(text) : [text]))) {
    const scheme = urlScheme(value);
    if (scheme && CODE_SCHEMES.has(scheme)) return { message: `${attribute.name}="${shorten(value)}" runs code (${scheme}:)`, hint: HINTS.scheme };
    const image = (key === 'src' || key === 'srcset') && ['img', 'source'].includes(element.name?.toLowerCase() ?? '');
    if (scheme === 'data' && !(image && isDataImage(value))) return { message: `${attribute.name}="${shorten(value)}" is a data: address, which opens as a document of its own`, hint: HINTS.dataUrl };
  }
  return null;
}

/**
 * Whether an expression runs nothing: only comments (`{/* note *\/}`) or one plain string or number
 * literal (`{'{'}`, `colSpan={2}`). Anything else, even `{a.b}`, runs code at build time.
 */
function isPlainLiteral(program: Program | undefined): boolean {
  if (!program) return false;
  if (program.body.length === 0) return true;
  if (program.body.length !== 1) return false;
  const [statement] = program.body;
  if (statement?.type !== 'ExpressionStatement') return false;
  const { expression } = statement;
  if (expression.type === 'Literal') return typeof expression.value === 'string' || typeof expression.value === 'number';
  return expression.type === 'TemplateLiteral' && expression.expressions.length === 0;
}

function isDataImage(url: string): boolean {
  return /^\s*data:image\//i.test(url);
}

/** The addresses in a `srcset` (`a.png 1x, b.png 2x`). */
export function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

const firstLine = (text: string) => shorten(text.split('\n')[0] ?? '');
const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
