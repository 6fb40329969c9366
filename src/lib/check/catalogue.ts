import type { Diagnostic } from './diagnostics';

export type Severity = Diagnostic['severity'];

/** What the catalogue says about one rule. */
export interface RuleEntry {
  /** The severity the rule reports with (`--strict` fails on warnings too). */
  severity: Severity;
  /** A few words, for the README's table. */
  title: string;
  /** One line, Markdown: what the rule checks and why it matters. */
  doc: string;
  /** The one case the rule reports with the other severity, if it has one. */
  also?: { severity: Severity; when: string };
}

/**
 * Every rule `sendoff check` reports, as data (after Astro's `core/errors/errors-data.ts`): the id a
 * diagnostic carries, its severity, a title and what it checks. The README's table of rules is
 * generated from it (`npm run docs:rules`), and a diagnostic's `rule` can only be one of its keys.
 * Order: the loader's rules first, then the engine's errors, then its warnings.
 */
export const RULE_CATALOGUE = {
  yaml: {
    severity: 'error',
    title: 'YAML syntax',
    doc: 'A data file or a frontmatter block must parse as YAML; until it does, nothing in it can be checked.',
  },
  schema: {
    severity: 'error',
    title: 'Content contract',
    doc: 'Every field must fit the content contract: its type, dates and due offsets, and no unknown key (with "did you mean"), so a typo never passes silently.',
  },
  'missing-file': {
    severity: 'error',
    title: 'Required file',
    doc: '`content/company.yaml`, `content/team.yaml` and `content/phases.yaml` must exist: every page and every run reads them.',
  },
  encoding: {
    severity: 'error',
    title: 'UTF-8 text',
    doc: 'A content file must be UTF-8 text, or its characters would be published garbled.',
  },
  symlink: {
    severity: 'error',
    title: 'Symbolic link',
    doc: 'Content must be real files in the repository: a symbolic link could publish a file from outside it.',
  },
  'file-name': {
    severity: 'error',
    title: 'File name',
    doc: "A content file's name is its id and its page's address: lower-case letters, digits and hyphens, and no subfolder except under `sops/`.",
  },
  'duplicate-file': {
    severity: 'error',
    title: 'Duplicate file',
    doc: 'Two files that would be one entry (`x.yaml` and `x.yml`, `Close-Out.mdx` and `close-out.mdx`) would need one page address between them.',
  },
  'duplicate-id': {
    severity: 'error',
    title: 'Duplicate id',
    doc: 'Roles, people, phases, checklist items and playbook extras need ids unique in their file, and an SOP cannot be both `x.md` and `x.mdx`: other files point at them by id. A question (`vars.<name>`) a playbook asks must not be declared with two types (by the playbook and an SOP, or two SOPs): the error is at both declarations.',
  },
  reference: {
    severity: 'error',
    title: 'Unknown reference',
    doc: 'Every phase, role, person, email template, SOP, `after`, `skip` or playbook a file names must exist; Astro would only log it and build a broken page.',
    also: { severity: 'warning', when: "a client's team names someone who does not hold that role" },
  },
  cycle: {
    severity: 'error',
    title: 'Dependency cycle',
    doc: '`after` dependencies must not loop (printed as `a → b → c → a`): no task in a loop could ever start.',
  },
  anchor: {
    severity: 'error',
    title: 'Due date anchor',
    doc: 'A `due:` counting from another task (`send-final-invoice+15d`) must name a task that exists, has a due date, is not skipped by the playbook and does not count back in a circle; one counting from `vars.<name>` needs a `date` question of that name in every playbook that runs it.',
    also: { severity: 'warning', when: 'the task it counts from has a when: condition the task does not share: for clients it leaves out, the task is left undated' },
  },
  client: {
    severity: 'error',
    title: 'Runnable client',
    doc: 'A client record must be runnable: exactly one primary contact, end after start, notice before end, and the `vars` the playbook asks for, of their types. `/generate/` judges its form by the same rules.',
  },
  record: {
    severity: 'error',
    title: 'Recorded progress',
    doc: "A client's `done:` record must name tasks of its own run (with \"did you mean\", or why a task is left out: `skip`, `when:`), people in `content/team.yaml`, days neither after today nor before the contract start, and answers that fit the item's `answer:` (an option of the choice, a whole number within the rating's scale, a `{ name, on }` sign-off), so the printed record is one the team can stand behind.",
    also: { severity: 'warning', when: 'a task is recorded without the answer its item asks for' },
  },
  template: {
    severity: 'error',
    title: 'Email template',
    doc: "An email's subject and body, and a task's `task:` and `evidence:` text, must be valid Liquid with known filters, include no file and stay within the work limits, and must render with a sample client, so no run shows a broken email or task.",
  },
  'template-variable': {
    severity: 'error',
    title: 'Template variable',
    doc: 'An email or task text may read only the render context derived from the schemas (with "did you mean `client.name`?"), `entry` only on a repeated task; a task\'s date `dates["<sop-id>#<item-id>"]` only of a task dated in a playbook that runs the text, and printed without `{% if %}` only when every playbook running it dates that task; any other variable would print empty.',
  },
  when: {
    severity: 'error',
    title: 'Task condition',
    doc: 'A `when:` condition must parse and read only known variables: an unknown one reads as empty, and the task would be kept or dropped by mistake.',
  },
  mermaid: {
    severity: 'error',
    title: 'Mermaid diagram',
    doc: "Every `mermaid` code block must pass mermaid's own parser (reported at the line in the MDX file), or the page shows an error instead of the diagram.",
  },
  mdx: {
    severity: 'error',
    title: 'MDX syntax',
    doc: 'An SOP body must parse as MDX with the same plugins as the build (reported at the line in the file), or the build stops with no useful position.',
  },
  'sop-code': {
    severity: 'error',
    title: 'Code in an SOP',
    doc: "An SOP is content: no `import`/`export`, no `{…}` expression but a comment or a literal, no `<script>`, `<style>`, `<iframe>` or component, no `on…=` handler and no `javascript:` address, or it would run at build or in readers' browsers.",
  },
  'remote-resource': {
    severity: 'error',
    title: 'Third-party request',
    doc: "A page loads nothing from another host: an image only from the company's `imageHosts`, over https, at a fixed address (a template variable would send client data there).",
  },
  link: {
    severity: 'error',
    title: 'Site link',
    doc: 'A link in an SOP to a site page (`/sops/…/`, `/emails/…/`) must point at a page that exists.',
  },
  'review-overdue': {
    severity: 'warning',
    title: 'Review overdue',
    doc: 'An SOP past its `review` date may no longer match how the team works.',
  },
  'unused-email': {
    severity: 'warning',
    title: 'Unused email',
    doc: 'An email template that no SOP or playbook sends is dead weight, or a task lost its `email:`.',
  },
  'optional-field': {
    severity: 'warning',
    title: 'Unguarded optional field',
    doc: 'An email or task text that prints an optional field (`{{ contact.title }}`), or the date of a task some runs leave out (a `when:`, an `each:`), should guard it (`{% if contact.title %}`, `{% if dates["…"] %}`) or give a `default`, or a client without one gets a sentence with a gap.',
  },
  'send-time': {
    severity: 'warning',
    title: 'Send time',
    doc: "An email's `send:` should be the `due:` of a task that sends it: runs go by the task, and the email pages by `send:`.",
  },
  'due-range': {
    severity: 'warning',
    title: 'Far-off due date',
    doc: 'A due offset more than 365 days from its anchor is almost certainly a typo (`-300d` for `-30d`).',
  },
  'unstaffed-role': {
    severity: 'warning',
    title: 'Unstaffed role',
    doc: "Every role a client's playbook needs should have a person on the client's `team`: until it has, its tasks show the role unassigned and its emails are signed by nobody.",
  },
  'end-day-off': {
    severity: 'warning',
    title: 'Contract ends on a day off',
    doc: "A client's `contract.end` should be a working day (in `workweek`, not a holiday): tasks due that day move as `dueOnDayOff` says, but the emails still name the day off.",
  },
  codeowners: {
    severity: 'warning',
    title: 'Stale CODEOWNERS',
    doc: 'A committed `.github/CODEOWNERS` must match the SOP owners and role reviewers (`npm run codeowners` rewrites it); without the file nothing is checked.',
  },
} as const satisfies Record<string, RuleEntry>;

/** The id of a catalogued rule: the `rule` of every diagnostic. */
export type RuleId = keyof typeof RULE_CATALOGUE;

/** A rule's id with the severity the catalogue gives it, to spread into a diagnostic. */
export function reportAs<R extends RuleId>(rule: R): { rule: R; severity: Severity } {
  return { rule, severity: RULE_CATALOGUE[rule].severity };
}
