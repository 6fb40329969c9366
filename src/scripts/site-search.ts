// The header search: a button that opens Pagefind's search dialog, also on Ctrl/Cmd-K and "/".
// Pagefind's UI loads on first use (or when the pointer or focus reaches the button, so the first
// open is instant); pages that nobody searches from load none of it.
import { href } from '../lib/routes';
import { chipGroups, firstResultLink, highlightSearchTerms, loadComponentUi, mountChips, mountSuggestion, searchHref, searchInstance, takeSuggestion } from './search-ui';

interface ModalElement extends HTMLElement {
  open(): void;
  close(): void;
  readonly isOpen: boolean;
}

const root = document.querySelector<HTMLElement>('[data-site-search]');
const button = root?.querySelector<HTMLButtonElement>('[data-search-open]');
const isMac = /mac|iphone|ipad/i.test(navigator.platform || navigator.userAgent);
let ready: Promise<ModalElement | null> | undefined;

function prepare(): Promise<ModalElement | null> {
  ready ??= (async () => {
    if (!root) return null;
    try {
      const instance = await searchInstance('default');
      await customElements.whenDefined('pagefind-modal');
      const modal = root.querySelector<ModalElement>('pagefind-modal')!;
      const order = JSON.parse(root.dataset.order ?? '{}') as { phase?: string[]; owner?: string[] };
      const chips = modal.querySelector<HTMLElement>('[data-search-chips]');
      if (chips) mountChips(chips, instance, chipGroups(order, false), { compact: true });
      const suggest = modal.querySelector<HTMLElement>('[data-search-suggest]');
      const input = () => modal.querySelector<HTMLInputElement>('pagefind-input input');
      if (suggest) mountSuggestion(suggest, instance, input);
      const full = modal.querySelector<HTMLAnchorElement>('[data-search-full]');
      instance.on('search', (term, filters) => {
        if (full) full.href = searchHref(String(term ?? ''), (filters ?? {}) as Record<string, string[]>);
      }, full);
      // Enter in the box takes a "did you mean", else opens the first result; arrows and Enter on
      // results are Pagefind's own.
      modal.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
        if (takeSuggestion(suggest, event.target)) return event.preventDefault();
        const link = firstResultLink(modal);
        if (link) {
          event.preventDefault();
          link.click();
        }
      });
      modal.querySelector('dialog')?.addEventListener('close', () => button?.setAttribute('aria-expanded', 'false'));
      void instance.triggerLoad();
      return modal;
    } catch (error) {
      console.warn(error);
      return null;
    }
  })();
  return ready;
}

async function open(): Promise<void> {
  const modal = await prepare();
  if (!modal) {
    // No index (a dev server, or a failed build): the search page explains.
    location.href = href.search();
    return;
  }
  modal.open();
  button?.setAttribute('aria-expanded', 'true');
}

function typingInField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

if (root && button) {
  const kbd = root.querySelector('[data-search-kbd]');
  if (kbd) kbd.textContent = isMac ? '⌘K' : 'Ctrl K';
  button.setAttribute('aria-keyshortcuts', isMac ? 'Meta+K /' : 'Control+K /');
  button.addEventListener('click', () => void open());
  for (const event of ['pointerenter', 'focus', 'touchstart'] as const) {
    button.addEventListener(event, () => void loadComponentUi().catch(() => undefined), { once: true, passive: true });
  }
  document.addEventListener('keydown', (event) => {
    const modifier = isMac ? event.metaKey : event.ctrlKey;
    const shortcut = (modifier && event.key.toLowerCase() === 'k') || (event.key === '/' && !modifier && !event.altKey && !typingInField(event.target));
    if (!shortcut) return;
    const modal = root.querySelector<ModalElement>('pagefind-modal');
    if (modal?.isOpen) return;
    event.preventDefault();
    void open();
  });
}

void highlightSearchTerms();
