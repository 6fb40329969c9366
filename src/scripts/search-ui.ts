// Shared by the header search dialog and the /search/ page. Both use Pagefind's Component UI as the
// build writes it (`/pagefind/pagefind-component-ui.js`, the same version as the index), loaded only
// when someone starts searching, plus the two things it does not do for us: filter chips and
// search links that carry the query and filters in the URL.
import { href, SEARCH_BUNDLE } from '../lib/routes';
import { suggestQuery } from '../lib/search/suggest';
import { WORDS_FILE } from '../lib/search/words-file';

export type Filters = Record<string, string[]>;
type Hook = (...args: unknown[]) => void;

/** The part of Pagefind's Component UI instance we use. */
export interface SearchInstance {
  searchTerm: string;
  searchFilters: Filters;
  faceted: boolean;
  pagefindOptions: Record<string, unknown>;
  on(event: 'search' | 'filters' | 'results' | 'loading', callback: Hook, owner?: Element | null): void;
  triggerLoad(): Promise<void>;
  triggerSearch(term: string): void;
  triggerSearchWithFilters(term: string, filters: Filters): void;
  triggerFilters(filters: Filters): void;
}

interface ComponentsGlobal {
  getInstanceManager(): { getInstance(name?: string): SearchInstance };
}

declare global {
  interface Window {
    PagefindComponents?: ComponentsGlobal;
  }
}

/**
 * Pagefind ranking for our content. SOPs are longer than the emails they send, and the default
 * page-length penalty favours a short email over the SOP whose title names the same thing.
 */
export const RANKING = { pageLength: 0.3, termFrequency: 0.8 };

/**
 * SOPs are the primary documents: an email is one step of an SOP. When an SOP and another page match
 * about equally, the SOP comes first. Pagefind's weights (`data-pagefind-weight`, which we also set:
 * SOP titles 10, summaries 4, tags 3) saturate once a title matches, so a title match on a short email
 * scores like one on a long SOP; this boost settles those near-ties and leaves clear wins alone
 * ("payment reminder" still finds the email first).
 */
export const SOP_BOOST = 1.2;

interface RawResult {
  id: string;
  score: number;
}
interface PagefindApi {
  search(term: string | null, options?: Record<string, unknown>): Promise<{ results: RawResult[] } | null>;
}

/** The Pagefind instance the Component UI loaded (a private field; null if a future version moves it). */
function pagefindApi(instance: SearchInstance): PagefindApi | null {
  const api = (instance as unknown as { __pagefind__?: PagefindApi | null }).__pagefind__;
  return api && typeof api.search === 'function' ? api : null;
}

/** Wraps Pagefind's search so SOP results get `SOP_BOOST`; SOP page ids come from the type filter. */
function boostSops(api: PagefindApi): void {
  const search = api.search.bind(api);
  let sopIds: Promise<Set<string>> | undefined;
  api.search = async (term, options) => {
    const response = await search(term, options);
    if (!response || response.results.length < 2) return response;
    sopIds ??= search(null, { filters: { type: 'SOP' } }).then((all) => new Set((all?.results ?? []).map((result) => result.id)));
    const sops = await sopIds;
    const score = (result: RawResult) => result.score * (sops.has(result.id) ? SOP_BOOST : 1);
    return { ...response, results: [...response.results].sort((a, b) => score(b) - score(a)) };
  };
}

/**
 * How a result looks, in Pagefind's template syntax: title, what it is (type · phase · owner), and the
 * excerpt with the matched words highlighted (Pagefind's own <mark> markup, `{{+ … +}}`), or the
 * summary when a filter alone lists pages. Every other value is escaped by the template.
 */
export const RESULT_TEMPLATE = `<li class="pf-result search-result">
  <div class="pf-result-card">
    <div class="pf-result-content">
      <p class="pf-result-title"><a class="pf-result-link" href="{{ meta.url | default(url) | safeUrl }}">{{ meta.title }}</a></p>
      <p class="search-result-meta"><span class="search-result-type">{{ meta.type }}</span>{{#if meta.phase}} · {{ meta.phase }}{{/if}}{{#if meta.owner}} · {{ meta.owner }}{{/if}}{{#if meta.playbooks}} · <span class="search-result-playbooks" title="{{ meta.playbookTitles }}">{{ meta.playbooks }}</span>{{/if}}</p>
      {{#if excerpt}}<p class="pf-result-excerpt">{{+ excerpt +}}</p>{{:else}}<p class="pf-result-excerpt">{{ meta.summary }}</p>{{/if}}
    </div>
  </div>
  {{#if sub_results}}
  <ul class="pf-heading-chips">
    {{#each sub_results as sub}}
    <li class="pf-heading-chip"><a class="pf-heading-link" href="{{ sub.url | safeUrl }}">{{ sub.title }}</a><p class="pf-heading-excerpt">{{+ sub.excerpt +}}</p></li>
    {{/each}}
  </ul>
  {{/if}}
</li>`;

/** Gives every results list our template; Pagefind reads it when its elements start. */
function addResultTemplates(): void {
  for (const results of document.querySelectorAll('pagefind-results:not([data-template-added])')) {
    const template = document.createElement('script');
    template.type = 'text/pagefind-template';
    template.textContent = RESULT_TEMPLATE;
    results.append(template);
    results.setAttribute('data-template-added', '');
  }
}

const BUNDLE = SEARCH_BUNDLE;

/** Result links carry the search terms (`?highlight=invoice`), and the page they open marks them. */
export const HIGHLIGHT_PARAM = 'highlight';

/** On a page opened from a search result, marks the searched words in the main content. */
export async function highlightSearchTerms(): Promise<void> {
  if (!new URLSearchParams(location.search).has(HIGHLIGHT_PARAM)) return;
  try {
    const module = (await import(/* @vite-ignore */ `${BUNDLE}pagefind-highlight.js`)) as {
      default: new (options: Record<string, unknown>) => unknown;
    };
    new module.default({ highlightParam: HIGHLIGHT_PARAM, markContext: 'main', addStyles: false });
  } catch {
    // No index on this server (dev): nothing to highlight with.
  }
}
let loading: Promise<ComponentsGlobal> | undefined;

/** Loads the Component UI script and stylesheet once; rejects when the site has no search index. */
export function loadComponentUi(): Promise<ComponentsGlobal> {
  addResultTemplates();
  loading ??= new Promise<ComponentsGlobal>((resolve, reject) => {
    if (window.PagefindComponents) return resolve(window.PagefindComponents);
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = `${BUNDLE}pagefind-component-ui.css`;
    document.head.append(style);
    const script = document.createElement('script');
    script.src = `${BUNDLE}pagefind-component-ui.js`;
    script.onload = () => (window.PagefindComponents ? resolve(window.PagefindComponents) : reject(new Error('Pagefind UI did not start')));
    script.onerror = () => reject(new Error('The search index is missing: it is built with the site (npm run build).'));
    document.head.append(script);
  });
  return loading;
}

const prepared = new Map<string, Promise<SearchInstance>>();

/** The named instance, loaded, with our ranking applied before its first search. */
export function searchInstance(name: string): Promise<SearchInstance> {
  let ready = prepared.get(name);
  if (!ready) {
    ready = (async () => {
      const components = await loadComponentUi();
      const instance = components.getInstanceManager().getInstance(name);
      instance.pagefindOptions.ranking = RANKING;
      instance.pagefindOptions.highlightParam = HIGHLIGHT_PARAM;
      await instance.triggerLoad();
      // The Component UI keeps its Pagefind instance in a private field; if a future version moves it,
      // search still works, only without the SOP tie-break (and Pagefind shows its own load errors).
      const api = pagefindApi(instance);
      if (api) boostSops(api);
      else console.warn('Sendoff search: Pagefind loaded without the SOP ranking tie-break');
      return instance;
    })();
    prepared.set(name, ready);
  }
  return ready;
}

let wordList: Promise<{ words: string[]; known: Set<string> } | null> | undefined;

/** The index's words (`/pagefind/sendoff-words.json`, written by the build), fetched once, on the first search. */
function loadWords(): Promise<{ words: string[]; known: Set<string> } | null> {
  wordList ??= fetch(`${BUNDLE}${WORDS_FILE}`)
    .then((response) => (response.ok ? (response.json() as Promise<string[]>) : null))
    .then((words) => (Array.isArray(words) ? { words, known: new Set(words) } : null))
    .catch(() => null);
  return wordList;
}

/**
 * "Did you mean": when the query has a word the index does not have ("invioce"), shows the nearest
 * query that finds something ("invoice") as a button above the results. Pagefind has no typo
 * tolerance, and what it finds for an unknown word is chance (a part of "INV-1042"), so Enter in the
 * box takes the suggestion (`takeSuggestion`) rather than the first result.
 */
export function mountSuggestion(element: HTMLElement, instance: SearchInstance, input: () => HTMLInputElement | null): void {
  const hide = () => {
    element.hidden = true;
    element.replaceChildren();
    delete element.dataset.suggestion;
  };
  hide();
  let latest = 0;
  instance.on(
    'results',
    async () => {
      const run = ++latest;
      const term = instance.searchTerm.trim();
      const list = term ? await loadWords() : null;
      const suggestion = list ? suggestQuery(term, list.words, list.known) : null;
      const found = suggestion ? ((await pagefindApi(instance)?.search(suggestion, {}))?.results.length ?? 1) : 0;
      if (run !== latest) return;
      if (!suggestion || found === 0) return hide();
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'search-suggest-term';
      button.textContent = suggestion;
      button.addEventListener('click', () => takeSuggestion(element, input()));
      const hint = document.createElement('span');
      hint.className = 'search-suggest-hint';
      hint.textContent = ' (Enter)';
      element.replaceChildren('Did you mean ', button, '?', hint);
      element.dataset.suggestion = suggestion;
      element.hidden = false;
    },
    element,
  );
}

/** Puts the shown suggestion into the search box and searches it; false when none is shown. */
export function takeSuggestion(element: HTMLElement | null, input: HTMLInputElement | null): boolean {
  const suggestion = element && !element.hidden ? element.dataset.suggestion : undefined;
  if (!suggestion || !input) return false;
  input.value = suggestion;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.focus();
  return true;
}

/** `/search/?q=invoice&phase=Finance`: a link to the same search. */
export function searchHref(term: string, filters: Filters): string {
  const params = new URLSearchParams();
  if (term) params.set('q', term);
  for (const [name, values] of Object.entries(filters)) for (const value of values) params.append(name, value);
  return href.search(params);
}

/** Reads the query and filters back from a search URL. */
export function readSearchParams(search: string, filterNames: readonly string[]): { term: string; filters: Filters } {
  const params = new URLSearchParams(search);
  const filters: Filters = {};
  for (const name of filterNames) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length > 0) filters[name] = values;
  }
  return { term: params.get('q') ?? '', filters };
}

interface ChipGroup {
  name: string;
  label: string;
  /** Preferred order of values (phases in process order, owners in team order); others follow by name. */
  order: string[];
}

/**
 * Filter chips: one toggle button per value, one selected value per group (pick "Finance", pick it
 * again to clear). Counts follow the current results; chips for values with no results are disabled.
 * Without a search term, a selected chip lists everything that matches it (faceted search).
 *
 * `compact` (the header dialog, where every line of chips is a result less in view): the type stays
 * chips (those with no results left out while searching), every other group becomes one labelled
 * drop-down ("Any phase", "Finance (3)"), all on one line.
 */
export function mountChips(container: HTMLElement, instance: SearchInstance, groups: ChipGroup[], { compact = false } = {}): void {
  let available: Record<string, Record<string, number>> = {};
  let total: Record<string, Record<string, number>> = {};
  container.classList.toggle('search-chips-compact', compact);

  const select = (group: string, value: string | null) => {
    const filters: Filters = { ...instance.searchFilters };
    const current = filters[group] ?? [];
    if (value === null || (current.length === 1 && current[0] === value)) delete filters[group];
    else filters[group] = [value];
    instance.faceted = Object.keys(filters).length > 0;
    instance.triggerSearchWithFilters(instance.searchTerm, filters);
  };

  const render = () => {
    // Rendering replaces the controls: keep the keyboard where it was.
    const focused = container.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
    const refocus = focused ? `[data-filter="${CSS.escape(focused.dataset.filter ?? '')}"]${focused.dataset.value === undefined ? ':not([data-value])' : `[data-value="${CSS.escape(focused.dataset.value)}"]`}` : null;
    container.replaceChildren();
    const searching = instance.searchTerm !== '' || instance.faceted;
    for (const group of groups) {
      const values = Object.keys(total[group.name] ?? {});
      if (values.length === 0) continue;
      const rank = (value: string) => {
        const index = group.order.indexOf(value);
        return index < 0 ? Number.MAX_SAFE_INTEGER : index;
      };
      values.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
      // Own keys only: a tag may be called `constructor`.
      const counts = available[group.name] ?? {};
      const countOf = (value: string) => (Object.hasOwn(counts, value) ? counts[value]! : 0);
      const selected = instance.searchFilters[group.name] ?? [];
      if (compact && group.name !== 'type') {
        container.append(dropDown(group, values, selected, countOf, searching));
        continue;
      }
      const row = document.createElement('div');
      row.className = 'search-chip-group';
      row.setAttribute('role', 'group');
      row.setAttribute('aria-label', group.label);
      const title = document.createElement('span');
      title.className = 'search-chip-label';
      title.textContent = group.label;
      title.setAttribute('aria-hidden', 'true');
      if (!compact) row.append(title);
      for (const value of values) {
        const count = countOf(value);
        const pressed = selected.includes(value);
        // The dialog has no room for chips that cannot be pressed.
        if (compact && searching && count === 0 && !pressed) continue;
        const chip = document.createElement('button');
        chip.type = 'button';
        chip.className = 'search-chip';
        chip.dataset.filter = group.name;
        chip.dataset.value = value;
        chip.setAttribute('aria-pressed', String(pressed));
        chip.disabled = !pressed && count === 0 && searching;
        const text = document.createElement('span');
        text.textContent = value;
        const badge = document.createElement('span');
        badge.className = 'search-chip-count';
        badge.textContent = searching ? String(count) : '';
        chip.append(text, badge);
        chip.addEventListener('click', () => select(group.name, value));
        row.append(chip);
      }
      container.append(row);
    }
    if (refocus) container.querySelector<HTMLElement>(refocus)?.focus();
  };

  const dropDown = (group: ChipGroup, values: string[], selected: string[], countOf: (value: string) => number, searching: boolean) => {
    const label = document.createElement('label');
    label.className = 'search-select';
    const text = document.createElement('span');
    text.className = 'visually-hidden';
    text.textContent = group.label;
    const menu = document.createElement('select');
    menu.dataset.filter = group.name;
    const option = (text: string, value: string) => {
      const element = document.createElement('option');
      element.textContent = text;
      element.value = value;
      return element;
    };
    menu.append(option(`Any ${group.label.toLowerCase()}`, ''));
    for (const value of values) {
      const count = countOf(value);
      const choice = option(searching ? `${value} (${count})` : value, value);
      choice.disabled = !selected.includes(value) && count === 0 && searching;
      menu.append(choice);
    }
    menu.value = selected[0] ?? '';
    menu.classList.toggle('search-select-active', selected.length > 0);
    menu.addEventListener('change', () => select(group.name, menu.value === '' ? null : menu.value));
    label.append(text, menu);
    return label;
  };

  instance.on(
    'filters',
    (data) => {
      const filters = data as { available: typeof available | null; total: typeof total | null };
      available = filters.available ?? {};
      total = filters.total && Object.keys(filters.total).length > 0 ? filters.total : available;
      render();
    },
    container,
  );
  instance.on(
    'search',
    (term) => {
      // Clearing the term with no chip selected goes back to the empty state, not to "everything".
      if (!term && Object.keys(instance.searchFilters).length === 0) instance.faceted = false;
      render();
    },
    container,
  );
}

/** Filter groups shown as chips, in order, with the orders the page knows (phases, owners). */
export function chipGroups(order: { phase?: string[]; owner?: string[] }, withTags: boolean): ChipGroup[] {
  return [
    { name: 'type', label: 'Type', order: ['SOP', 'Email', 'Playbook', 'Process map', 'Client'] },
    { name: 'phase', label: 'Phase', order: order.phase ?? [] },
    { name: 'owner', label: 'Owner', order: order.owner ?? [] },
    ...(withTags ? [{ name: 'tag', label: 'Tag', order: [] }] : []),
  ];
}

/** The first result's link, for Enter in the search box. */
export function firstResultLink(root: ParentNode): HTMLAnchorElement | null {
  return root.querySelector<HTMLAnchorElement>('.pf-result a.pf-result-link[href]');
}
