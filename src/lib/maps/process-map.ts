import { formatDue } from '../../schemas/due';
import { href } from '../routes';
import { playbookRunItems, sopItems, type Library, type LibraryItem, type PlaybookEntry, type SopEntry } from '../content/library';

/**
 * Process maps generated from checklists, as Mermaid flowchart text: the map is derived from the same
 * data as the checklist, so it cannot drift from it. Nodes are tasks (with their owner and due offset),
 * edges are `after` dependencies. Links are returned beside the text rather than written as Mermaid
 * `click` lines: the site renders every diagram with `securityLevel: 'strict'`, which ignores `click`,
 * and the loader turns the listed nodes into links after rendering. Owners are CSS classes
 * (`owner0`, `owner1`, … by the role's position in team.yaml), coloured by the site's stylesheet.
 */

export interface LegendEntry {
  role: string;
  title: string;
  /** The CSS class of this owner's nodes (`owner2`). */
  className: string;
}

export interface ProcessMap {
  /** Mermaid flowchart text. */
  mermaid: string;
  /** Node id → page it links to (`/sops/<id>/#item-<item>`). */
  links: Record<string, string>;
  /** The owners that appear in the map, in team order. */
  legend: LegendEntry[];
  /** Number of task nodes, for captions. */
  tasks: number;
}

/** Longest task text in a whole run's map (the SOP maps show tasks in full). */
export const RUN_TASK_LENGTH = 60;

/** Number of owner colours the stylesheet defines; roles beyond it reuse colours (labels still name them). */
export const OWNER_COLOURS = 8;

/** Characters that would end, split or reinterpret a quoted Mermaid label. */
const MERMAID_SPECIAL = /[#"<>;[\](){}|&`]/g;

/**
 * Makes text safe inside a quoted Mermaid label: special characters become Mermaid's numeric entity
 * codes (`#` → `#35;`, `"` → `#34;`), which Mermaid turns back into the literal character when it
 * draws the label, and line breaks become spaces. `Send "final" files <today> #1; done` renders as
 * written: never as markup, never as a broken diagram.
 */
export function escapeMermaidLabel(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(MERMAID_SPECIAL, (char) => `#${char.codePointAt(0)};`);
}

/** A Mermaid label from lines of plain text: each line escaped, joined with Mermaid's line break. */
function label(lines: string[]): string {
  return `"${lines.map(escapeMermaidLabel).join('<br/>')}"`;
}

interface TaskNode {
  id: string;
  item: LibraryItem;
  href?: string | undefined;
  external?: boolean;
}

/** The colour class of a role: its position in team.yaml, so a role has one colour on every map. */
function ownerClass(library: Library, role: string): string {
  const index = library.team.roles.findIndex((entry) => entry.id === role);
  return index < 0 ? 'owner-unknown' : `owner${index % OWNER_COLOURS}`;
}

/**
 * Shortens text to at most `max` characters at a word boundary, with an ellipsis. A whole run's map
 * holds dozens of tasks: short boxes keep it readable, and each box links to the full task.
 */
export function shortenTask(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function taskLines(library: Library, item: LibraryItem, maxTask?: number): string[] {
  const owner = library.roleById.get(item.owner)?.title ?? item.owner;
  const flags = [!item.required && 'optional', item.when && 'conditional'].filter(Boolean).join(', ');
  const task = maxTask ? shortenTask(item.task, maxTask) : item.task;
  return [task, `${owner} · ${formatDue(item.due)}${flags ? ` · ${flags}` : ''}`];
}

/** Node declaration: rectangles for required tasks, rounded boxes for optional or conditional ones. */
function nodeLine(library: Library, node: TaskNode, maxTask?: number): string {
  const text = label(taskLines(library, node.item, maxTask));
  return node.item.required && !node.item.when ? `${node.id}[${text}]` : `${node.id}(${text})`;
}

/** `class` lines grouping nodes by owner (and the external marker), in a stable order. */
function classLines(library: Library, nodes: TaskNode[]): { lines: string[]; legend: LegendEntry[] } {
  const byClass = new Map<string, string[]>();
  const add = (className: string, id: string) => byClass.set(className, [...(byClass.get(className) ?? []), id]);
  for (const node of nodes) {
    add(ownerClass(library, node.item.owner), node.id);
    if (node.external) add('external', node.id);
  }
  const roles = [...new Set(nodes.map((node) => node.item.owner))];
  const order = (role: string) => {
    const index = library.team.roles.findIndex((entry) => entry.id === role);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const legend = roles
    .sort((a, b) => order(a) - order(b))
    .map((role) => ({ role, title: library.roleById.get(role)?.title ?? role, className: ownerClass(library, role) }));
  const classOrder = [...byClass.keys()].sort((a, b) => a.localeCompare(b));
  return { lines: classOrder.map((className) => `  class ${byClass.get(className)!.join(',')} ${className}`), legend };
}

/** Page a task links to: its row in its SOP's checklist. */
export function itemHref(item: Pick<LibraryItem, 'sopId' | 'id'>): string | undefined {
  return item.sopId ? href.sopItem(item.sopId, item.id) : undefined;
}

/**
 * The map of one SOP: its tasks and their dependencies, plus the tasks of other SOPs it waits for or
 * that wait for it, as linked nodes grouped under their SOP's title and joined by dotted edges.
 */
export function sopProcessMap(library: Library, sop: SopEntry): ProcessMap {
  const own = sopItems(sop);
  const ownIds = new Set(own.map((item) => item.globalId));
  const nodes = new Map<string, TaskNode>();
  let next = 1;
  const nodeFor = (item: LibraryItem, external: boolean): TaskNode => {
    let node = nodes.get(item.globalId);
    if (!node) {
      node = { id: `n${next++}`, item, href: itemHref(item), external };
      nodes.set(item.globalId, node);
    }
    return node;
  };
  for (const item of own) nodeFor(item, false);

  const edges: { from: TaskNode; to: TaskNode; cross: boolean }[] = [];
  for (const item of own) {
    for (const ref of item.after) {
      const upstream = library.itemById.get(ref);
      if (!upstream) continue; // a dangling reference is the validator's to report
      const cross = !ownIds.has(ref);
      edges.push({ from: nodeFor(upstream, cross), to: nodes.get(item.globalId)!, cross });
    }
  }
  // Tasks of other SOPs that wait for this one: where this SOP's work leads.
  for (const item of library.itemById.values()) {
    if (ownIds.has(item.globalId)) continue;
    for (const ref of item.after) {
      if (ownIds.has(ref)) edges.push({ from: nodes.get(ref)!, to: nodeFor(item, true), cross: true });
    }
  }

  const all = [...nodes.values()];
  const externalBySop = new Map<string, TaskNode[]>();
  for (const node of all.filter((n) => n.external)) {
    externalBySop.set(node.item.sopId, [...(externalBySop.get(node.item.sopId) ?? []), node]);
  }
  const lines = ['flowchart TD'];
  let group = 1;
  for (const [sopId, members] of externalBySop) {
    lines.push(`  subgraph s${group++}[${label([library.sopById.get(sopId)?.title ?? sopId])}]`);
    for (const node of members) lines.push(`    ${nodeLine(library, node)}`);
    lines.push('  end');
  }
  for (const node of all.filter((n) => !n.external)) lines.push(`  ${nodeLine(library, node)}`);
  for (const edge of edges) lines.push(`  ${edge.from.id} ${edge.cross ? '-.->' : '-->'} ${edge.to.id}`);
  const classes = classLines(library, all);
  lines.push(...classes.lines);
  return {
    mermaid: `${lines.join('\n')}\n`,
    links: Object.fromEntries(all.flatMap((node) => (node.href ? [[node.id, node.href]] : []))),
    legend: classes.legend,
    tasks: own.length,
  };
}

/** The items of a playbook's run, before any client: its SOPs' items minus `skip`, plus `extra`. */
export function playbookItems(library: Library, playbook: PlaybookEntry): { items: LibraryItem[]; skipped: Set<string> } {
  return { items: playbookRunItems(library, playbook), skipped: new Set(playbook.skip) };
}

/**
 * The whole run of a playbook: one subgraph per phase, in phase order, holding one subgraph per SOP
 * (in playbook order) with its tasks; every `after` dependency between tasks of the run is an edge,
 * dotted when it crosses SOPs. A dependency on a task left out of the run is carried through to what
 * that task waited for, so the order the map shows stays the order the work must happen in.
 *
 * Layout: SOP groups are stacked top to bottom with invisible links (`~~~`) from the last tasks of
 * one group to the first tasks of the next, so the map reads down the page in run order and stays
 * narrow instead of putting unrelated SOPs side by side. A dependency that points back up (a task
 * that waits for one in a later group) is written target-first (`a <-.- b`): the arrow means the same,
 * and the layout keeps the task in its own phase.
 */
export function playbookProcessMap(library: Library, playbook: PlaybookEntry): ProcessMap {
  const { items } = playbookItems(library, playbook);
  const present = new Map(items.map((item) => [item.globalId, item]));
  const nodes = new Map<string, TaskNode & { group: number }>();
  const groups: LibraryItem[][] = [];
  const lines = ['flowchart TD'];
  let next = 1;
  library.phases.forEach((phase, phaseIndex) => {
    const members = items.filter((item) => item.phase === phase.id);
    if (members.length === 0) return;
    lines.push(`  subgraph p${phaseIndex + 1}[${label([`${phaseIndex + 1}. ${phase.title}`])}]`);
    for (const sopId of [...new Set(members.map((item) => item.sopId))]) {
      const group = members.filter((item) => item.sopId === sopId);
      groups.push(group);
      const title = library.sopById.get(sopId)?.title ?? `${playbook.title} (this playbook only)`;
      lines.push(`    subgraph g${groups.length}[${label([title])}]`);
      for (const item of group) {
        const node = { id: `n${next++}`, item, href: itemHref(item), group: groups.length - 1 };
        nodes.set(item.globalId, node);
        lines.push(`      ${nodeLine(library, node, RUN_TASK_LENGTH)}`);
      }
      lines.push('    end');
    }
    lines.push('  end');
  });

  const seen = new Set<string>();
  const after = new Map<string, string[]>();
  for (const item of items) {
    const to = nodes.get(item.globalId);
    if (!to) continue; // an item whose phase is unknown: the validator reports it
    after.set(item.globalId, []);
    for (const ref of resolveThroughSkipped(library, present, item.after)) {
      const from = nodes.get(ref);
      if (!from || seen.has(`${ref}>${item.globalId}`)) continue;
      seen.add(`${ref}>${item.globalId}`);
      after.get(item.globalId)!.push(ref);
      const cross = from.item.sopId !== item.sopId;
      lines.push(
        from.group > to.group
          ? `  ${to.id} ${cross ? '<-.-' : '<--'} ${from.id}`
          : `  ${from.id} ${cross ? '-.->' : '-->'} ${to.id}`,
      );
    }
  }
  for (let index = 1; index < groups.length; index++) {
    const previous = groups[index - 1]!;
    const current = groups[index]!;
    const inGroup = (group: LibraryItem[], id: string) => group.some((item) => item.globalId === id);
    const ends = previous.filter((item) => !previous.some((other) => after.get(other.globalId)?.includes(item.globalId)));
    const starts = current.filter((item) => !(after.get(item.globalId) ?? []).some((id) => inGroup(current, id)));
    const ids = (list: LibraryItem[]) => list.map((item) => nodes.get(item.globalId)!.id).join(' & ');
    lines.push(`  ${ids(ends)} ~~~ ${ids(starts)}`);
  }
  const classes = classLines(library, [...nodes.values()]);
  lines.push(...classes.lines);
  return {
    mermaid: `${lines.join('\n')}\n`,
    links: Object.fromEntries([...nodes.values()].flatMap((node) => (node.href ? [[node.id, node.href]] : []))),
    legend: classes.legend,
    tasks: nodes.size,
  };
}

/** Replaces references to tasks left out of the run by the tasks those waited for, transitively. */
function resolveThroughSkipped(library: Library, present: Map<string, LibraryItem>, refs: string[], visiting = new Set<string>()): string[] {
  return refs.flatMap((ref) => {
    if (present.has(ref)) return [ref];
    const missing = library.itemById.get(ref);
    if (!missing || visiting.has(ref)) return [];
    visiting.add(ref);
    return resolveThroughSkipped(library, present, missing.after, visiting);
  });
}

/**
 * The playbook `/process/` maps: one whose id starts with `standard`, else the one that runs the most
 * SOPs and skips the fewest tasks (the closest to "everything, in full").
 */
export function standardPlaybook(library: Library): PlaybookEntry | undefined {
  const ranked = [...library.playbooks].sort(
    (a, b) =>
      Number(b.id.startsWith('standard')) - Number(a.id.startsWith('standard')) ||
      b.sops.length - a.sops.length ||
      a.skip.length - b.skip.length ||
      a.id.localeCompare(b.id),
  );
  return ranked[0];
}
