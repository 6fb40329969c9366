import './zod-jitless';
import { createLibrary, type Library, type LibraryInput } from '../lib/content/library';
import { buildRun, type Run } from '../lib/run/build-run';
import { renderRunHtml } from '../lib/run/run-html';
import { runHtmlOptions } from '../lib/run/run-html-options';
import { progressStorageKey } from '../lib/run/progress-keys';
import { clientFromState, slugify, stateFromParams, stateToParams, type FieldProblem, type GeneratorState } from '../lib/run/generator-form';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, type ExportFormat } from '../lib/exports/formats';
import { exportFilename } from '../lib/routes';
import { cssString, printTitle } from '../lib/run/print-footer';
import { today } from '../lib/run/today';
import { mountRun, type MountedRun } from './client-page';
import { morphChildren } from './morph';

/**
 * `/generate/`: the form drives the same `buildRun` and `renderRunHtml` as a client page, in the
 * browser. The form's field names are the URL's parameter names, so reading the form and reading the
 * address bar go through one parser (`stateFromParams`).
 */

const ROW_KINDS = { contacts: ['name', 'email', 'title', 'role'], invoice: ['number', 'amount', 'currency', 'due'], deliverable: ['name', 'status'] } as const;
type RowKind = keyof typeof ROW_KINDS;
/** Each repeated group's rows in the state, and the legend of one row ("Invoice 2"). */
const ROWS: Record<RowKind, { of: (state: GeneratorState) => unknown[]; legend: string }> = {
  contacts: { of: (state) => state.contacts, legend: 'Other contact' },
  invoice: { of: (state) => state.invoices, legend: 'Invoice' },
  deliverable: { of: (state) => state.deliverables, legend: 'Deliverable' },
};

export function startGenerator(): void {
  const form = document.querySelector<HTMLFormElement>('#generator')!;
  const preview = document.querySelector<HTMLElement>('#gen-preview')!;
  const problemsBox = document.querySelector<HTMLElement>('#gen-problems')!;
  const library = createLibrary(JSON.parse(document.querySelector('#sendoff-library')!.textContent!) as LibraryInput);
  const day = () => today(library.company.timezone);
  let mounted: MountedRun | null = null;
  let current: Run | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The form (and day) the preview shows: a `change` after the debounced render has nothing to do. */
  let rendered = '';

  writeForm(form, stateFromParams(new URLSearchParams(location.search), library, day()));
  update({ immediate: true });

  form.addEventListener('input', () => update({ immediate: false }));
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLElement).matches('#gen-playbook')) {
      // A new playbook asks its own questions, with its own defaults.
      const state = readForm(form, library);
      state.vars = stateFromParams(new URLSearchParams({ playbook: state.playbook }), library, day()).vars;
      writeForm(form, state);
    }
    update({ immediate: true });
  });
  form.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const add = target.closest<HTMLButtonElement>('[data-add]');
    const remove = target.closest<HTMLButtonElement>('[data-remove]');
    if (!add && !remove) return;
    const state = readForm(form, library);
    if (add) {
      const kind = add.dataset.add as RowKind;
      if (kind === 'invoice') state.invoices.push({ number: '', amount: '', currency: 'USD', due: state.end });
      else if (kind === 'contacts') state.contacts.push({ name: '', email: '', title: '', role: '' });
      else state.deliverables.push({ name: '', status: 'in-progress' });
      writeForm(form, state);
      const rows = form.querySelectorAll<HTMLElement>(`[data-rows="${kind}"] .gen-row`);
      rows[rows.length - 1]?.querySelector('input')?.focus();
    } else if (remove) {
      const row = remove.closest<HTMLElement>('.gen-row')!;
      const kind = row.dataset.kind as RowKind;
      const index = Number(row.dataset.index);
      ROWS[kind].of(state).splice(index, 1);
      writeForm(form, state);
      form.querySelector<HTMLButtonElement>(`[data-add="${kind}"]`)?.focus();
    }
    update({ immediate: true });
  });
  // Downloads are made when asked for, from the run on screen. The writers load after the first
  // render, so the form is quick to appear; a click before they arrive waits for them.
  let writers: Promise<typeof import('../lib/exports')> | null = null;
  let loaded: typeof import('../lib/exports') | null = null;
  const loadWriters = () => (writers ??= import('../lib/exports').then((module) => (loaded = module)));
  const downloads = new Map<ExportFormat, string>();
  preview.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-export]');
    if (!link || !current) return;
    if (!loaded) {
      event.preventDefault();
      void loadWriters().then(() => link.click());
      return;
    }
    const format = link.dataset.export as ExportFormat;
    const body = loaded.renderExport(current, format, { locale: library.company.locale, runUrl: location.href.replace(/#.*$/, '') });
    // A re-render puts the link's own href back, so the last file's URL is kept here to be freed.
    const previous = downloads.get(format);
    if (previous) URL.revokeObjectURL(previous);
    link.href = URL.createObjectURL(new Blob([body], { type: EXPORT_FORMATS[format].mime }));
    downloads.set(format, link.href);
  });
  setTimeout(() => void loadWriters(), 0);

  function update({ immediate }: { immediate: boolean }): void {
    const state = readForm(form, library);
    history.replaceState(history.state, '', `?${stateToParams(state)}${location.hash}`);
    clearTimeout(timer);
    if (immediate) render(state);
    else timer = setTimeout(() => render(state), 150);
  }

  function render(state: GeneratorState): void {
    const key = `${day()}?${stateToParams(state)}`;
    if (key === rendered) return;
    rendered = key;
    const { client, problems, warnings } = clientFromState(state, library);
    form.querySelector<HTMLInputElement>('#gen-id')!.placeholder = state.name ? slugify(state.name) : '';
    const untouched = !state.name && !state.contactName && !state.contactEmail;
    showProblems(form, problemsBox, untouched ? [] : problems, untouched ? [] : warnings);
    if (!client) {
      current = null;
      preview.replaceChildren();
      const message = document.createElement('p');
      message.className = 'gen-empty';
      message.textContent = untouched
        ? 'Fill in the client and the primary contact, and the checklist appears here with every date, owner and email.'
        : 'Fix the fields marked above to see the checklist.';
      preview.append(message);
      return;
    }
    const run = buildRun(client, library.playbookById.get(client.playbook)!, library);
    current = run;
    const options = runHtmlOptions(library, day(), {
      storageKey: progressStorageKey('generated', client.id),
      exports: EXPORT_FORMAT_IDS.map((format) => ({
        format,
        label: EXPORT_FORMATS[format].label,
        href: `#download-${format}`,
        filename: exportFilename(client.id, format),
      })),
    });
    // Escaped by construction (see src/lib/run/run-html.ts); parsed inert in a template, then merged
    // into the preview so the nodes that did not change, the one under the pointer among them, stay.
    const next = document.createElement('template');
    next.innerHTML = renderRunHtml(run, options);
    morphChildren(preview, next.content);
    document.documentElement.style.setProperty('--run-title', cssString(printTitle(run, library.company.locale)));
    const root = preview.querySelector<HTMLElement>('[data-run]')!;
    if (mounted) mounted.refresh(root);
    else mounted = mountRun(root);
  }
}

/** The form's state: its fields are named like the URL's parameters, so one parser reads both. */
function readForm(form: HTMLFormElement, library: Library): GeneratorState {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') params.append(name, value);
  return stateFromParams(params, library, today(library.company.timezone));
}

/** Puts a state into the form (on load, after adding or removing a row, after a playbook change). */
function writeForm(form: HTMLFormElement, state: GeneratorState): void {
  for (const kind of Object.keys(ROW_KINDS) as RowKind[]) {
    const rows = ROWS[kind].of(state);
    const container = form.querySelector<HTMLElement>(`[data-rows="${kind}"]`)!;
    const template = document.querySelector<HTMLTemplateElement>(`#gen-${kind}-row`)!;
    container.replaceChildren(
      ...rows.map((_, index) => {
        const row = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
        row.dataset.kind = kind;
        row.dataset.index = String(index);
        row.querySelector('legend')!.textContent = `${ROWS[kind].legend} ${index + 1}`;
        for (const field of ROW_KINDS[kind]) {
          const input = row.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${field}"]`)!;
          input.name = `${kind}.${index}.${field}`;
          input.id = `gen-${kind}-${index}-${field}`;
          row.querySelector<HTMLLabelElement>(`label[data-for="${field}"]`)!.htmlFor = input.id;
        }
        return row;
      }),
    );
  }
  const values = stateToParams(state);
  for (const element of form.elements) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) || !element.name) continue;
    const value = values.get(element.name) ?? '';
    if (element instanceof HTMLInputElement && element.type === 'radio') element.checked = element.value === value;
    else element.value = value;
  }
  for (const group of form.querySelectorAll<HTMLFieldSetElement>('[data-playbook-vars]')) {
    const active = group.dataset.playbookVars === state.playbook;
    group.hidden = !active;
    group.disabled = !active;
    if (active) {
      for (const radio of group.querySelectorAll<HTMLInputElement>('input[type="radio"]')) radio.checked = radio.value === (state.vars[radio.name.slice(4)] ?? '');
      for (const input of group.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input:not([type="radio"]), select, textarea')) input.value = state.vars[input.name.slice(4)] ?? '';
    }
  }
  for (const description of form.querySelectorAll<HTMLElement>('[data-playbook-description]')) {
    description.hidden = description.dataset.playbookDescription !== state.playbook;
  }
}

const SEVERITY_LABELS = { error: 'Error', warning: 'Warning' } as const;
type Severity = keyof typeof SEVERITY_LABELS;

/**
 * Shows the form's problems as `check` reports them: a note under each field (an error makes the field
 * invalid, `aria-invalid`; a warning only describes it; both are linked by `aria-describedby`), and a
 * list above the preview whose links go to the fields.
 */
function showProblems(form: HTMLFormElement, box: HTMLElement, problems: FieldProblem[], warnings: FieldProblem[]): void {
  for (const old of form.querySelectorAll('.gen-problem')) old.remove();
  for (const field of form.querySelectorAll('[aria-describedby], [aria-invalid]')) {
    field.removeAttribute('aria-invalid');
    const described = (field.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.startsWith('gen-problem-')).join(' ');
    if (described) field.setAttribute('aria-describedby', described);
    else field.removeAttribute('aria-describedby');
  }
  box.replaceChildren();
  box.classList.toggle('gen-problems-warn', problems.length === 0);
  let count = 0;
  const section = (severity: Severity, found: FieldProblem[], heading: string) => {
    if (found.length === 0) return;
    const list = document.createElement('ul');
    for (const problem of found) {
      const field = form.querySelector<HTMLElement>(`[name="${CSS.escape(problem.field)}"]`);
      const label = (field?.id && form.querySelector(`label[for="${CSS.escape(field.id)}"]`)?.textContent) || field?.closest('fieldset')?.querySelector('legend')?.textContent || problem.field;
      const item = document.createElement('li');
      const text = `${label.replace(/\s*\(optional\)$/, '')}: ${problem.message}`;
      if (field?.id) {
        const link = document.createElement('a');
        link.href = `#${field.id}`;
        link.textContent = text;
        item.append(link);
      } else item.textContent = text;
      list.append(item);
      if (field) {
        const note = document.createElement('p');
        note.className = `gen-problem gen-${severity}`;
        note.id = `gen-problem-${++count}`;
        note.dataset.field = problem.field;
        note.dataset.severity = severity;
        const tag = document.createElement('span');
        tag.className = 'gen-problem-label';
        tag.textContent = `${SEVERITY_LABELS[severity]}: `;
        const message = document.createElement('span');
        message.className = 'gen-problem-message';
        message.textContent = problem.message;
        note.append(tag, message);
        if (severity === 'error') field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
        field.closest('.gen-field')?.append(note);
      }
    }
    const title = document.createElement('p');
    title.textContent = heading;
    box.append(title, list);
  };
  section('error', problems, problems.length === 1 ? 'One field needs a look:' : `${problems.length} fields need a look:`);
  section('warning', warnings, `${warnings.length === 1 ? 'One thing' : `${warnings.length} things`} to check (the checklist is made all the same):`);
}
