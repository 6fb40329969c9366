// The /search/ page: the same Pagefind UI as the dialog, with every filter (tags too), reading and
// writing `?q=…&phase=…` so a search can be bookmarked and linked to.
import { chipGroups, firstResultLink, mountChips, mountSuggestion, readSearchParams, searchHref, searchInstance, takeSuggestion } from './search-ui';

const root = document.querySelector<HTMLElement>('[data-search-page]');
const status = root?.querySelector<HTMLElement>('[data-search-status]');

async function start(app: HTMLElement): Promise<void> {
  const order = JSON.parse(app.dataset.order ?? '{}') as { phase?: string[]; owner?: string[] };
  const groups = chipGroups(order, true);
  let instance;
  try {
    instance = await searchInstance('page');
  } catch (error) {
    if (status) status.textContent = `Search is not available here: ${error instanceof Error ? error.message : String(error)} Run the built site (npm run build, then npm run preview).`;
    return;
  }
  const chips = app.querySelector<HTMLElement>('[data-search-chips]');
  if (chips) mountChips(chips, instance, groups);
  const suggest = app.querySelector<HTMLElement>('[data-search-suggest]');
  if (suggest) mountSuggestion(suggest, instance, () => app.querySelector<HTMLInputElement>('pagefind-input input'));
  instance.on('search', (term, filters) => {
    const next = searchHref(String(term ?? ''), (filters ?? {}) as Record<string, string[]>);
    if (next !== location.pathname + location.search) history.replaceState(null, '', next);
  }, app);
  app.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    if (takeSuggestion(suggest, event.target)) return event.preventDefault();
    const link = firstResultLink(app);
    if (link) {
      event.preventDefault();
      link.click();
    }
  });
  const { term, filters } = readSearchParams(location.search, groups.map((group) => group.name));
  instance.faceted = Object.keys(filters).length > 0;
  if (term || instance.faceted) instance.triggerSearchWithFilters(term, filters);
  else await instance.triggerLoad();
  await customElements.whenDefined('pagefind-input');
  app.querySelector<HTMLInputElement>('pagefind-input input')?.focus();
}

if (root) void start(root);
