import type { AnswerSpec, AnswerValue } from '../schemas/record';
import { RECORD_ENDPOINT, type RecordReply, type RecordRequestBody } from '../lib/record/dev-endpoint';
import { askInDialog, el, field, type RecordSetup } from './record-ui';

/**
 * Ticking on the dev server (`npm run dev`): a tick records the task in the client file through the
 * dev server's endpoint, unticking a recorded task un-records it (after a confirm), and an item that
 * asks an answer opens a small form for it. Loaded only when `import.meta.env.DEV`: the static build
 * holds none of this, not even the endpoint's address.
 */

export interface DevRecordingContext {
  root: HTMLElement;
  setup: RecordSetup;
  /** The person recording, asking "Who are you?" when this browser does not know; null if they cancel. */
  ensureMe(): Promise<string | null>;
  announce(message: string): void;
  /** Today in the company's time zone. */
  day(): string;
}

/** The answer an item asks for, as a small form: choice → select, rating → number, text → textarea, sign-off → name and date. */
async function askAnswer(task: string, spec: AnswerSpec, day: string): Promise<{ answer: AnswerValue; note?: string } | null> {
  const fields: HTMLElement[] = [];
  if (spec.type === 'choice') {
    const select = el('select', { name: 'answer', required: true }, el('option', { value: '' }, 'Choose…'));
    for (const option of spec.options) select.append(el('option', { value: option }, option));
    fields.push(field('record-answer', spec.question, select));
  } else if (spec.type === 'rating') {
    fields.push(field('record-answer', spec.question, el('input', { name: 'answer', type: 'number', min: '1', max: String(spec.scale), step: '1', required: true, inputmode: 'numeric' }), `A whole number from 1 to ${spec.scale}.`));
  } else if (spec.type === 'text') {
    fields.push(field('record-answer', spec.question, el('textarea', { name: 'answer', rows: '3', required: true })));
  } else {
    fields.push(
      el('p', { className: 'record-question' }, spec.question),
      field('record-signoff-name', 'Signed by (full name)', el('input', { name: 'name', type: 'text', required: true, autocomplete: 'off' })),
      field('record-signoff-title', 'Their title (optional)', el('input', { name: 'title', type: 'text', autocomplete: 'off' })),
      field('record-signoff-on', 'Date signed', el('input', { name: 'on', type: 'date', required: true, value: day, max: day })),
    );
  }
  fields.push(field('record-note', 'Note (optional)', el('textarea', { name: 'note', rows: '2' })));
  const data = await askInDialog(task, 'This task asks for an answer; it is kept with the record.', fields, 'Record as done');
  if (!data) return null;
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const answer: AnswerValue =
    spec.type === 'rating'
      ? Number(text('answer'))
      : spec.type === 'signoff'
        ? { name: text('name'), ...(text('title') ? { title: text('title') } : {}), on: text('on') }
        : text('answer');
  return { answer, ...(text('note') ? { note: text('note') } : {}) };
}

async function send(body: RecordRequestBody): Promise<RecordReply> {
  try {
    const response = await fetch(RECORD_ENDPOINT, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as RecordReply;
  } catch {
    return { ok: false, error: 'the dev server did not answer (is `npm run dev` still running?)' };
  }
}

/** A failure, beside the task it concerns (read out as it appears); null clears it. */
function showError(item: HTMLElement, message: string | null): void {
  let box = item.querySelector<HTMLElement>('[data-record-error]');
  if (!box) {
    box = el('p', { className: 'run-record-error', 'data-record-error': '', role: 'alert' });
    item.querySelector('.run-main')?.append(box);
  }
  box.textContent = message ?? '';
  box.hidden = !message;
}

/** Shows a task recorded (or no longer) until the dev server's reload renders it from the file. */
function markRecorded(item: HTMLElement, box: HTMLInputElement, recorded: { on: string; name: string } | null): void {
  const state = item.querySelector<HTMLElement>('[data-state]');
  box.checked = recorded !== null;
  item.dataset.done = String(recorded !== null);
  if (recorded) {
    item.dataset.recorded = recorded.on;
    item.dataset.status = 'done';
  } else delete item.dataset.recorded;
  if (state) {
    state.hidden = false;
    state.className = recorded ? 'run-state pill ok' : 'run-state pill';
    state.textContent = recorded ? `Recorded: ${recorded.name}, ${recorded.on}` : 'Not recorded';
  }
}

/** Turns the run's boxes into the record's: ticks and unticks go to the client file. */
export function mountDevRecording({ root, setup, ensureMe, announce, day }: DevRecordingContext): void {
  const host = root.parentElement ?? root;
  const taskOf = (item: HTMLElement) => item.querySelector('.run-task label')?.textContent ?? item.dataset.item!;
  const nameOf = (id: string) => setup.people.find((person) => person.id === id)?.name ?? id;

  async function record(item: HTMLLIElement, box: HTMLInputElement): Promise<void> {
    const globalId = item.dataset.item!;
    const task = taskOf(item);
    showError(item, null);
    const by = await ensureMe();
    const spec = setup.answers[globalId];
    const extra = by && spec ? await askAnswer(task, spec, day()) : {};
    if (!by || !extra) {
      box.checked = false;
      box.focus();
      return;
    }
    box.disabled = true;
    const reply = await send({ client: setup.client, item: globalId, by, ...extra });
    box.disabled = false;
    box.focus();
    if (!reply.ok) {
      box.checked = false;
      showError(item, `Not recorded: ${reply.error}${reply.hint ? ` (${reply.hint})` : ''}`);
      return;
    }
    markRecorded(item, box, { on: reply.entry?.on ?? day(), name: nameOf(by) });
    announce(`Recorded in ${reply.file}: "${task}" done by ${nameOf(by)}.`);
  }

  async function unrecord(item: HTMLLIElement, box: HTMLInputElement): Promise<void> {
    const task = taskOf(item);
    showError(item, null);
    if (!confirm(`Un-record "${task}"? Its entry is removed from ${setup.file}.`)) {
      box.checked = true;
      return;
    }
    box.disabled = true;
    const reply = await send({ client: setup.client, item: item.dataset.item!, undo: true });
    box.disabled = false;
    box.focus();
    if (!reply.ok) {
      box.checked = true;
      showError(item, `Not un-recorded: ${reply.error}${reply.hint ? ` (${reply.hint})` : ''}`);
      return;
    }
    markRecorded(item, box, null);
    announce(`"${task}" is no longer recorded in ${reply.file}.`);
  }

  // A recorded task's box is the reader's to untick here (the static page leaves it disabled).
  for (const item of root.querySelectorAll<HTMLLIElement>('li.run-item[data-recorded]')) {
    const box = item.querySelector<HTMLInputElement>('input.run-check');
    if (!box) continue;
    box.disabled = false;
    box.title = 'Recorded in the client file: untick to un-record';
  }
  // Captured before client-page.ts's listener, which would keep the tick in this browser instead.
  host.addEventListener(
    'change',
    (event) => {
      const box = event.target as HTMLInputElement;
      if (!box.matches?.('input.run-check') || !root.contains(box)) return;
      const item = box.closest<HTMLLIElement>('li.run-item')!;
      const recorded = item.dataset.recorded !== undefined;
      if (box.checked && !recorded) {
        event.stopImmediatePropagation();
        void record(item, box);
      } else if (!box.checked && recorded) {
        event.stopImmediatePropagation();
        void unrecord(item, box);
      }
      // Unticking a tick kept in this browser stays client-page.ts's.
    },
    { capture: true },
  );
}
