import { createHash } from 'node:crypto';
import type { AstroUserConfig } from 'astro';
import type { Company } from '../schemas';
import { MAP_CHOICE_KEY, MAP_HEADING_ID } from '../lib/maps/map-disclosure';

type CspConfig = Exclude<NonNullable<NonNullable<AstroUserConfig['security']>['csp']>, boolean>;

/**
 * Every page's Content-Security-Policy, through Astro's own `security.csp` (astro.config.mjs): Astro
 * writes it as a `<meta http-equiv="content-security-policy">` in each page's head and adds the hashes
 * of the scripts and styles it bundles. The policy lets a page load only from its own origin (and
 * images from the company's `imageHosts`), so whatever slipped into the content could neither run nor
 * send a reader's or a client's data anywhere. See the README, "Security model".
 */

/**
 * The scripts that must run inline, before the page is shown: as text here, so the policy allows
 * exactly these by hash. Base.astro, Sidebar.astro and SopProcessMap.astro write them with `set:html`.
 */
export const INLINE_SCRIPTS = {
  /** Before first paint, so a dark-mode reader never sees a white flash (blocked storage: the system's theme). */
  theme: `(() => {
  let saved = null;
  try { saved = localStorage.getItem('sendoff-theme'); } catch {}
  const dark = saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.documentElement.dataset.themeChoice = saved ?? 'system';
})();`,
  /** Small screens start with the menu folded; large ones show it as a sidebar (summary hidden). */
  menu: `for (const menu of document.querySelectorAll('[data-menu]')) if (matchMedia('(max-width: 860px)').matches) menu.open = false;`,
  /**
   * An SOP's map starts closed; it opens before it is shown when the reader keeps maps open or the link
   * points at it, so it never jumps open after the page appears (src/lib/maps/map-disclosure.ts).
   * Blocked storage (privacy mode) leaves it closed.
   */
  sopMap: `(() => {
  let open = location.hash === ${JSON.stringify(`#${MAP_HEADING_ID}`)};
  try { open ||= localStorage.getItem(${JSON.stringify(MAP_CHOICE_KEY)}) === 'open'; } catch {}
  if (open) for (const map of document.querySelectorAll('[data-map-disclosure]')) map.open = true;
})();`,
} as const;

/** A CSP hash source for a script or style (`sha256-…`), as Astro expects it in `hashes`. */
export function cspHash(source: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(source).digest('base64')}`;
}

/**
 * Astro's `security.csp` for every page. Why each source is there:
 * - `'self'` everywhere: pages, scripts, styles, fonts, search index and diagrams all come from the site.
 * - `'wasm-unsafe-eval'`: Pagefind searches with WebAssembly; it allows compiling WebAssembly, not `eval`.
 * - `style-src 'unsafe-inline'`: mermaid draws each diagram as an SVG with its own `<style>` and style
 *   attributes, built in the browser, so they cannot be hashed at build time. Styles cannot run code,
 *   and with every other source limited to `'self'` a style cannot send anything anywhere either.
 * - `img-src data:`: small images written into the CSS and the search UI; `data:` sends nothing.
 */
export const CONTENT_SECURITY_POLICY: CspConfig = {
  algorithm: 'SHA-256',
  directives: ["default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'"],
  scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"], hashes: Object.values(INLINE_SCRIPTS).map(cspHash) },
  styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
};

/** The `img-src` directive for a company: the site's own images, `data:`, and each of its `imageHosts` over https. */
export function imageSourceDirective(company: Pick<Company, 'imageHosts'>): `img-src ${string}` {
  return `img-src 'self' data:${company.imageHosts.map((host) => ` https://${host}`).join('')}`;
}
