import { doneSnippet, type TickToRecord } from '../lib/record/snippet';
import { parseTicks, type Ticks } from '../lib/run/ticks';
import { today } from '../lib/run/today';
import { copyText } from './clipboard';
import { askWho, el, ME_KEY, readMe, type RecordSetup } from './record-ui';

/**
 * Recording a client's run from its page, the two ways that need a browser:
 *
 * - In `npm run dev` (the page says so in `setup.dev`, from `import.meta.env.DEV` at render time),
 *   ticking a task records it in the client file (`record-dev.ts`, loaded only in dev).
 * - On the static site, ticks kept in this browser that the record does not hold yet say "ticked on
 *   this device", and "Record N ticks" copies the YAML to add to the client file (the lines
 *   `npm run done` would write, `doneSnippet`) and opens the file's edit page on the git host.
 *
 * Both ask "Who are you?" once per browser. The ticks themselves stay `client-page.ts`'s business:
 * this reads them and never changes them.
 */

export type { RecordSetup } from './record-ui';

function readTicks(key: string | undefined): Ticks {
  try {
    return key ? parseTicks(localStorage.getItem(key)) : {};
  } catch {
    return {};
  }
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Wires recording into a client page's run root (`[data-run]`). */
export function mountRecording(root: HTMLElement, setup: RecordSetup): void {
  const host = root.parentElement ?? root;
  const actions = root.querySelector<HTMLElement>('.run-actions');
  const reset = actions?.querySelector('[data-action=reset]') ?? null;
  const dev = import.meta.env.SENDOFF_DEV_SERVER && setup.dev;
  const day = () => today(root.dataset.timeZone ?? 'UTC');
  const announce = (message: string) => {
    const status = root.querySelector<HTMLElement>('[data-run-status]');
    if (status) status.textContent = message;
  };
  const items = () => [...root.querySelectorAll<HTMLLIElement>('li.run-item')];

  // "Recording as Ana Lima · Change": whom the record will name, changeable.
  const who = el('span', { className: 'record-who small', 'data-record-who': '' });
  const whoButton = el('button', { type: 'button', 'data-record-change': '' }, 'Who are you?');
  const whoGroup = el('span', { className: 'record-who-group', role: 'group', 'aria-label': 'Who is recording' }, who, whoButton);
  const paintWho = () => {
    const me = readMe(setup.people);
    who.textContent = me ? `Recording as ${me.name}` : '';
    who.hidden = !me;
    whoButton.textContent = me ? 'Change' : 'Who are you?';
    if (me) whoButton.setAttribute('aria-label', `Change who is recording (now ${me.name})`);
    else whoButton.removeAttribute('aria-label');
  };
  whoButton.addEventListener('click', async () => {
    const id = await askWho(setup, readMe(setup.people)?.id ?? null);
    paintWho();
    if (id) announce(`Tasks will be recorded as ${readMe(setup.people)?.name ?? id}.`);
    whoButton.focus();
  });
  const ensureMe = async (): Promise<string | null> => {
    const id = readMe(setup.people)?.id ?? (await askWho(setup, null));
    paint();
    return id;
  };

  const recordButton = el('button', { type: 'button', 'data-record-ticks': '', hidden: true }, 'Record ticks');
  const panel = el('div', { className: 'record-panel', 'data-record-panel': '', hidden: true, role: 'region', 'aria-label': 'Ticks to record' });
  actions?.insertBefore(whoGroup, reset);
  if (!dev) {
    actions?.insertBefore(recordButton, reset);
    actions?.after(panel);
  }

  /** Ticks in this browser for tasks the record does not hold, in page order. */
  const unrecordedTicks = (): { item: HTMLLIElement; on: string }[] => {
    const ticks = readTicks(root.dataset.storageKey);
    return items()
      .filter((item) => item.dataset.recorded === undefined && ticks[item.dataset.key!])
      .map((item) => ({ item, on: ticks[item.dataset.key!]! }));
  };

  /** "ticked on this device" beside each such task, and the count on the button. */
  function paint(): void {
    const pending = new Set(unrecordedTicks().map((tick) => tick.item));
    for (const item of items()) {
      let mark = item.querySelector<HTMLElement>('[data-local-tick]');
      if (pending.has(item) && !mark) {
        mark = el('span', { className: 'pill warn run-local-tick', 'data-local-tick': '', title: 'Ticked in this browser only: not in the client file yet' }, 'ticked on this device');
        item.querySelector('.run-task')?.append(' ', mark);
      } else if (!pending.has(item) && mark) mark.remove();
    }
    const count = pending.size;
    recordButton.hidden = count === 0;
    recordButton.textContent = `Record ${plural(count, 'tick')}`;
    whoGroup.hidden = !dev && count === 0 && panel.hidden;
    paintWho();
  }

  recordButton.addEventListener('click', async () => {
    const by = await ensureMe();
    if (!by) {
      recordButton.focus();
      return;
    }
    const ticks: TickToRecord[] = unrecordedTicks().map(({ item, on }) => ({ globalId: item.dataset.item!, by, on }));
    const yaml = doneSnippet(ticks, { hasDone: setup.hasDone });
    const where = setup.hasDone ? `under done: in ${setup.file}` : `at the end of ${setup.file}`;
    let copied = true;
    try {
      await copyText(yaml);
    } catch {
      copied = false;
    }
    // With `noopener` the browser gives no handle back, so the panel keeps a link in case a blocker stopped it.
    if (copied && setup.editUrl) window.open(setup.editUrl, '_blank', 'noopener,noreferrer');
    panel.replaceChildren(
      el(
        'p',
        { 'data-record-message': '' },
        copied
          ? `Copied the YAML for ${plural(ticks.length, 'tick')}. Paste it ${where} and commit: the ticks become the team's record.`
          : `Could not copy: select the YAML below and copy it, then paste it ${where}.`,
      ),
      el('pre', { className: 'record-yaml', tabindex: '0' }, el('code', {}, yaml)),
      setup.editUrl
        ? el('p', {}, el('a', { href: setup.editUrl, target: '_blank', rel: 'noopener noreferrer', 'data-record-edit': '' }, `Edit ${setup.file} on the git host`), ' (opens in a new tab)')
        : el('p', { className: 'small muted', 'data-record-edit': '' }, `This site has no company.repo, so it cannot open the file for you: paste it into ${setup.file} in your editor.`),
    );
    panel.hidden = false;
    paint();
    announce(copied ? `YAML for ${plural(ticks.length, 'tick')} copied${setup.editUrl ? '' : '; this site cannot open the file (no company.repo)'}.` : 'The YAML could not be copied; it is shown below the toolbar.');
  });

  if (import.meta.env.SENDOFF_DEV_SERVER && setup.dev) {
    // Only in `astro dev`: the constant is false in a build, which drops this import and the endpoint's code.
    void import('./record-dev').then(({ mountDevRecording }) => mountDevRecording({ root, setup, ensureMe, announce, day }));
  }

  // After client-page.ts has stored a tick (or cleared them all), and when another tab did.
  host.addEventListener('change', () => setTimeout(paint));
  host.addEventListener('click', (event) => {
    if ((event.target as HTMLElement).closest('[data-action=reset]')) setTimeout(paint);
  });
  window.addEventListener('storage', (event) => {
    if (event.key === root.dataset.storageKey || event.key === ME_KEY) paint();
  });
  paint();
}
