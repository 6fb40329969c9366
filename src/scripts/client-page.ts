import { parseTicks, summarizeProgress, type Ticks } from '../lib/run/ticks';
import { today } from '../lib/run/today';
import { copyFromEmail } from './email-copy';

/**
 * The behaviour of a run (a client page or the generator's preview): ticks kept in localStorage,
 * progress, overdue marks, copy buttons, printing. Listeners are attached once to the run's root and
 * delegated, so the generator can replace the markup inside and call `refresh()`.
 */

const PRINT_EMAILS_KEY = 'sendoff:print-emails';

export interface MountedRun {
  /** Re-reads the markup (after the generator re-rendered it) and restores ticks. */
  refresh(root?: HTMLElement): void;
}

function readTicks(key: string): Ticks {
  try {
    return parseTicks(localStorage.getItem(key));
  } catch {
    return {}; // storage blocked: ticks work for this visit only
  }
}

function writeTicks(key: string, ticks: Ticks): void {
  try {
    if (Object.keys(ticks).length === 0) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(ticks));
  } catch {
    /* storage full or blocked: the tick still shows until the page is left */
  }
}

function formatDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Wires one run root (`[data-run]`). */
export function mountRun(initialRoot: HTMLElement): MountedRun {
  let root = initialRoot;
  let ticks: Ticks = {};
  const host = initialRoot.parentElement ?? initialRoot;

  const items = () => [...root.querySelectorAll<HTMLLIElement>('li.run-item')];
  const announce = (message: string) => {
    const status = root.querySelector<HTMLElement>('[data-run-status]');
    if (status) status.textContent = message;
  };

  function render(): void {
    const { locale = 'en-US', timeZone = 'UTC' } = root.dataset;
    const day = today(timeZone);
    // A task recorded in the client file (`data-recorded`, its date) is done for everyone: the page
    // rendered it so, and a browser tick neither adds to it nor takes it away.
    const recorded: Ticks = {};
    for (const item of items()) {
      const key = item.dataset.key!;
      if (item.dataset.recorded) {
        recorded[key] = item.dataset.recorded;
        continue;
      }
      const done = ticks[key];
      const box = item.querySelector<HTMLInputElement>('input.run-check')!;
      box.checked = Boolean(done);
      item.dataset.done = done ? 'true' : 'false';
      // An undated task (done during the run) has no data-due: never overdue, never due today.
      const due = item.dataset.due ?? '\uffff';
      const state = item.querySelector<HTMLElement>('[data-state]');
      const label = done ? `Done ${formatDay(done, locale)}` : due < day ? 'Overdue' : due === day ? 'Due today' : '';
      item.dataset.status = done ? 'done' : due < day ? 'overdue' : due === day ? 'today' : 'open';
      if (state) {
        state.textContent = label;
        state.className = `run-state pill${done ? ' ok' : label ? ' danger' : ''}`;
        state.hidden = label === '';
      }
      const tickedOn = item.querySelector<HTMLElement>('[data-ticked-on]');
      if (tickedOn) tickedOn.textContent = done ? formatDay(done, locale) : '';
    }
    const all = items().map((item) => ({ key: item.dataset.key!, required: item.dataset.required === 'true', dueDate: item.dataset.due ?? null }));
    const summary = summarizeProgress(all, { ...ticks, ...recorded }, day);
    const bar = root.querySelector<HTMLProgressElement>('[data-progress-bar]');
    if (bar) {
      bar.max = Math.max(summary.total, 1);
      bar.value = summary.done;
    }
    const text = root.querySelector<HTMLElement>('[data-progress-text]');
    if (text) {
      const parts = [`${summary.done} of ${plural(summary.total, 'task')} done`];
      parts.push(summary.requiredLeft === 0 ? 'every required task done' : `${summary.requiredLeft} required left`);
      if (summary.overdue > 0) parts.push(`${summary.overdue} overdue`);
      text.textContent = parts.join(' · ');
    }
    for (const phase of root.querySelectorAll<HTMLElement>('[data-phase]')) {
      const phaseItems = [...phase.querySelectorAll<HTMLElement>('li.run-item')];
      const done = phaseItems.filter((item) => item.dataset.done === 'true').length;
      const count = phase.querySelector<HTMLElement>('[data-phase-count]');
      if (count) count.textContent = `${done} of ${plural(phaseItems.length, 'task')} done`;
    }
  }

  function applyPrintEmails(on: boolean): void {
    root.dataset.printEmails = on ? 'on' : 'off';
    const toggle = root.querySelector<HTMLInputElement>('[data-print-emails-toggle]');
    if (toggle) toggle.checked = on;
  }

  function refresh(next?: HTMLElement): void {
    if (next) root = next;
    ticks = readTicks(root.dataset.storageKey!);
    let printEmails = true;
    try {
      printEmails = localStorage.getItem(PRINT_EMAILS_KEY) !== 'off';
    } catch {
      /* keep the default */
    }
    applyPrintEmails(printEmails);
    render();
  }

  host.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    if (target.matches('input.run-check')) {
      const item = target.closest<HTMLElement>('li.run-item')!;
      const key = item.dataset.key!;
      ticks = readTicks(root.dataset.storageKey!); // another tab may have ticked meanwhile
      if ((target as HTMLInputElement).checked) ticks[key] = today(root.dataset.timeZone ?? 'UTC');
      else delete ticks[key];
      writeTicks(root.dataset.storageKey!, ticks);
      render();
    } else if (target.matches('[data-print-emails-toggle]')) {
      const on = (target as HTMLInputElement).checked;
      applyPrintEmails(on);
      try {
        localStorage.setItem(PRINT_EMAILS_KEY, on ? 'on' : 'off');
      } catch {
        /* the choice lasts for this visit */
      }
      announce(on ? 'Emails will be printed as an appendix.' : 'Emails will be left out of the printout.');
    }
  });

  host.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-copy], button[data-action]');
    if (!button || !root.contains(button)) return;
    if (button.dataset.action === 'print') window.print();
    else if (button.dataset.action === 'reset') {
      const count = Object.keys(readTicks(root.dataset.storageKey!)).length;
      if (count === 0 || confirm(`Clear all ${plural(count, 'tick')} of this run in this browser?`)) {
        ticks = {};
        writeTicks(root.dataset.storageKey!, ticks);
        render();
        announce('All ticks cleared.');
      }
    } else if (button.dataset.copy) void copyFromEmail(button, announce);
  });

  // Another tab ticked or reset the same run: follow it.
  window.addEventListener('storage', (event) => {
    if (event.key === root.dataset.storageKey) refresh();
  });

  refresh();
  return { refresh };
}
