import { unified } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import type { ListItem, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Handle } from 'mdast-util-to-markdown';
import { formatDue } from '../../schemas/due';
import { formatDate } from '../run/dates';
import { primaryContact } from '../email/render-context';
import { addressLabel } from '../email/mailto';
import type { Run, RunItem } from '../run/build-run';
import { dependencyTasks, isAbsoluteUrl, recordLines, type ExportOptions } from './shared';

/**
 * A GitHub/GitLab issue body: a title, the run's facts, and one GFM task list per phase, owners as
 * `@handle` where the team gives one (so the tracker notifies them). The Markdown is written from a
 * syntax tree by remark-stringify, so a task or client name containing `*`, `[`, `<` or `#` is
 * escaped rather than read as formatting.
 */
const stringifier = unified()
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', listItemIndent: 'one', strong: '*', emphasis: '_', handlers: { text: rememberedText } });

/**
 * Texts already escaped, by text and everything remark-stringify's escaping reads (the constructs it is
 * in, the characters and node types either side): the same task, offset and evidence lines come back in
 * every client's issue, and escaping a text costs a pass of some fifty patterns.
 */
const escapedTexts = new Map<string, string>();
const ESCAPED_KEPT = 50_000;

/** remark-stringify's own text handler (mdast-util-to-markdown's `text`), with its result remembered. */
function rememberedText(...[node, parent, state, info]: Parameters<Handle>): string {
  const siblings = parent && 'children' in parent ? parent.children : [];
  const index = state.indexStack[state.indexStack.length - 1]!;
  const beforeNode = siblings[index - 1];
  const afterNode = siblings[index + 1];
  const key = [state.stack.join(' '), beforeNode?.type, afterNode?.type, info.before, info.after, (node as Text).value].join('\u0000');
  let escaped = escapedTexts.get(key);
  if (escaped === undefined) {
    escaped = state.safe((node as Text).value, { ...info, beforeNode, afterNode });
    if (escapedTexts.size >= ESCAPED_KEPT) escapedTexts.clear();
    escapedTexts.set(key, escaped);
  }
  return escaped;
}

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });
const paragraph = (children: PhrasingContent[]): RootContent => ({ type: 'paragraph', children });

/** The issue title: `Offboarding: <client>`. */
export function markdownTitle(run: Run): string {
  return `Offboarding: ${run.client.name}`;
}

/** Who does it, as the tracker should show it: `@handle`, else the name; with the role. */
function owner(item: RunItem): string {
  if (!item.person) return `${item.role.title} (unassigned)`;
  return `${item.person.handle ?? item.person.name} (${item.role.title})`;
}

function taskItem(run: Run, item: RunItem, locale: string): ListItem {
  // A recorded task is ticked, and says who did it, when, the note and the answer first.
  const details: string[] = recordLines(item, locale);
  const after = dependencyTasks(run, item);
  if (after.length > 0) details.push(`After: ${after.join('; ')}`);
  if (item.evidence) details.push(`Evidence: ${item.evidence}`);
  if (item.email) details.push(`Email: “${item.email.subject}”${item.email.to ? ` to ${addressLabel(item.email)}` : ''}`);
  return {
    type: 'listItem',
    checked: item.record !== null,
    spread: false,
    children: [
      paragraph([
        ...(item.dueDate === null
          ? [text(`${item.task}${item.required ? '' : ' (optional)'} — ${owner(item)} — `), strong(formatDue(item.due))]
          : [
              text(`${item.task}${item.required ? '' : ' (optional)'} — ${owner(item)} — due `),
              strong(formatDate(item.dueDate, 'weekday', locale)),
              text(` (${formatDue(item.due)}${item.dueMovedFrom ? `, moved from ${formatDate(item.dueMovedFrom, 'weekday', locale)}` : ''})`),
            ]),
      ]),
      ...(details.length > 0
        ? [{ type: 'list', ordered: false, spread: false, children: details.map((line) => ({ type: 'listItem', spread: false, children: [paragraph([text(line)])] })) } as RootContent]
        : []),
    ],
  } as ListItem;
}

/** Renders the run as an issue body (GFM). */
export function runToMarkdown(run: Run, options: ExportOptions): string {
  return writeIssueMarkdown(issueTree(run, options));
}

/** Writes an issue's syntax tree as GFM. */
export function writeIssueMarkdown(tree: Root): string {
  return stringifier.stringify(tree);
}

/** The issue body as a Markdown syntax tree, before it is written. */
export function issueTree(run: Run, options: ExportOptions): Root {
  const { client } = run;
  const { locale } = options;
  const contact = primaryContact(client);
  const fact = (label: string, value: PhrasingContent[]): ListItem => ({
    type: 'listItem',
    spread: false,
    children: [{ type: 'paragraph', children: [strong(`${label}:`), text(' '), ...value] }],
  });
  const facts: ListItem[] = [
    fact('Contract end', [text(formatDate(run.end, 'long', locale))]),
    fact('Notice given', [text(formatDate(run.notice, 'long', locale))]),
    fact('Playbook', [text(run.playbook.title)]),
    fact('Primary contact', [
      text(`${contact.name}${contact.title ? `, ${contact.title}` : ''}, `),
      { type: 'link', url: `mailto:${contact.email}`, children: [text(contact.email)] },
    ]),
  ];
  if (isAbsoluteUrl(options.runUrl)) facts.push(fact('Checklist', [{ type: 'link', url: options.runUrl, children: [text(options.runUrl)] }]));
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [text(markdownTitle(run))] },
      { type: 'list', ordered: false, spread: false, children: facts },
      ...run.phases.flatMap((group): RootContent[] => [
        { type: 'heading', depth: 2, children: [text(group.phase.title)] },
        { type: 'list', ordered: false, spread: false, children: group.items.map((item) => taskItem(run, item, locale)) },
      ]),
      paragraph([{ type: 'emphasis', children: [text(`Generated by Sendoff from the ${run.playbook.title} playbook: ${run.items.length} tasks, due dates counted from the contract end and the notice date.`)] }]),
    ],
  };
  return tree;
}
