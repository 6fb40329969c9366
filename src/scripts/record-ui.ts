import type { AnswerSpec } from '../schemas/record';

/**
 * What the client page's recording scripts share: the page's setup, who is recording (remembered in
 * this browser), and small accessible forms in a native `<dialog>`. Elements are built with text only,
 * never HTML, so a client value cannot become markup.
 */

declare global {
  interface ImportMetaEnv {
    /** True on `astro dev` only, where the record endpoint exists (see `recordEndpointDefine`). */
    readonly SENDOFF_DEV_SERVER: boolean;
  }
}

/** What the page tells the script (`RecordTicks.astro`), as JSON in the page. */
export interface RecordSetup {
  client: string;
  /** Rendered by the dev server (`import.meta.env.DEV` and `SENDOFF_DEV_SERVER`): ticking writes the record. */
  dev: boolean;
  /** The team, for "Who are you?". */
  people: { id: string; name: string }[];
  /** Items that ask an answer: global id → what they ask. */
  answers: Record<string, AnswerSpec>;
  /** The client file (`content/clients/acme.yaml`). */
  file: string;
  /** Whether the file has a `done:` record already. */
  hasDone: boolean;
  /** The file's edit page on the git host (`company.repo`), or null. */
  editUrl: string | null;
}

/** Where this browser remembers who is recording (a person id). */
export const ME_KEY = 'sendoff:me';

/** The person recording in this browser, while they are still on the team. */
export function readMe(people: RecordSetup['people']): RecordSetup['people'][number] | null {
  try {
    const id = localStorage.getItem(ME_KEY);
    return people.find((person) => person.id === id) ?? null;
  } catch {
    return null;
  }
}

export function writeMe(id: string): void {
  try {
    localStorage.setItem(ME_KEY, id);
  } catch {
    /* storage blocked: asked again next visit */
  }
}

/** `el('p', { hidden: true }, 'text', child)`: a small element builder that only sets text (never HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string | boolean> = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === false) continue;
    if (name === 'className') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

let dialogCount = 0;

/**
 * A modal form (a native `<dialog>`: focus moves in, Escape cancels, focus returns): resolves with the
 * form's data on submit, null on cancel.
 */
export function askInDialog(title: string, intro: string, fields: HTMLElement[], submitLabel: string): Promise<FormData | null> {
  const id = `record-dialog-${++dialogCount}`;
  const form = el(
    'form',
    { className: 'record-form', method: 'dialog' },
    el('h2', { id: `${id}-title` }, title),
    intro ? el('p', { className: 'small muted' }, intro) : null,
    ...fields,
    el('div', { className: 'record-form-actions' }, el('button', { type: 'submit', className: 'primary' }, submitLabel), el('button', { type: 'button', value: 'cancel' }, 'Cancel')),
  );
  const dialog = el('dialog', { className: 'record-dialog', 'aria-labelledby': `${id}-title` }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let result: FormData | null = null;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!form.reportValidity()) return;
      result = new FormData(form);
      dialog.close();
    });
    form.querySelector('button[value=cancel]')!.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    dialog.showModal();
    form.querySelector<HTMLElement>('select, input, textarea')?.focus();
  });
}

/** A labelled field: the label names the control for screen readers and is clickable. */
export function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  control.id = id;
  return el('p', { className: 'record-field' }, el('label', { for: id }, label), control, hint ? el('span', { className: 'small muted' }, hint) : null);
}

/** "Who are you?": the team's people in a select; the choice is remembered in this browser. */
export async function askWho(setup: RecordSetup, current: string | null): Promise<string | null> {
  const select = el('select', { name: 'person', required: true }, el('option', { value: '' }, 'Choose your name…'));
  for (const person of setup.people) select.append(el('option', { value: person.id, ...(person.id === current ? { selected: true } : {}) }, person.name));
  const data = await askInDialog(
    'Who are you?',
    'Tasks you record are signed with your name. This browser remembers it; change it any time with "Recording as …".',
    [field('record-who', 'Your name', select)],
    'Continue',
  );
  const id = data?.get('person');
  if (typeof id !== 'string' || !id) return null;
  writeMe(id);
  return id;
}
