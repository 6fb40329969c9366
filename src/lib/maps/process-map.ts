import { formatDue } from '../../schemas/due';
import { href } from '../routes';
import type { Phase } from '../../schemas';
import { allPlaybookItems, playbookRunItems, sopItems, type Library, type LibraryItem, type PlaybookEntry, type SopEntry } from '../content/library';

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
  /** Number of tasks of other SOPs drawn beside them (dashed boxes): what the tasks wait for or lead to. */
  external: number;
}

/** Longest task text in a phase's task map (the SOP maps show tasks in full; each box links to its task). */
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
export function ownerClass(library: Library, role: string): string {
  const index = library.team.roles.findIndex((entry) => entry.id === role);
  return index < 0 ? 'owner-unknown' : `owner${index % OWNER_COLOURS}`;
}

/**
 * Shortens text to at most `max` characters at a word boundary, with an ellipsis. A phase's task map
 * holds up to 22 tasks: short boxes keep it readable, and each box links to the full task.
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
const dependents = new WeakMap<Library, Map<string, { item: LibraryItem; order: number }[]>>();

/**
 * The tasks that wait for each task (`after:`), by the id they wait for, built once per library: every
 * SOP page asks, and looking through every task of the library for each page made the SOP pages'
 * build time grow with the square of the library (10,000 SOPs: 317 s for them, against 7 s for 1,000).
 */
function dependentsOf(library: Library): Map<string, { item: LibraryItem; order: number }[]> {
  let found = dependents.get(library);
  if (!found) {
    found = new Map();
    let order = 0;
    for (const item of library.itemById.values()) {
      const entry = { item, order: order++ };
      for (const ref of item.after) {
        const list = found.get(ref);
        if (list) list.push(entry);
        else found.set(ref, [entry]);
      }
    }
    dependents.set(library, found);
  }
  return found;
}

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
  // Tasks of other SOPs that wait for this one: where this SOP's work leads (in the library's order).
  const waiting = dependentsOf(library);
  const downstream = [...new Set([...ownIds].flatMap((ref) => waiting.get(ref) ?? []))].sort((a, b) => a.order - b.order);
  for (const { item } of downstream) {
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
    external: all.length - own.length,
  };
}

/**
 * The tasks a map draws: a playbook's run (its SOPs' tasks minus `skip`, plus `extra`), or, without a
 * playbook, every SOP's tasks in process order. `all` also holds the skipped ones, to count them.
 */
export function mapItems(library: Library, playbook?: PlaybookEntry): { items: LibraryItem[]; all: LibraryItem[]; skipped: Set<string> } {
  if (!playbook) {
    const items = library.sops.flatMap(sopItems);
    return { items, all: items, skipped: new Set() };
  }
  return { items: playbookRunItems(library, playbook), all: allPlaybookItems(library, playbook), skipped: new Set(playbook.skip) };
}

/** One SOP's tasks within a phase map (or a playbook's own tasks in that phase). */
export interface PhaseMapPart {
  /** The SOP's id; empty for a playbook's own tasks. */
  sopId: string;
  title: string;
  /** The SOP's page; undefined for a playbook's own tasks. */
  href?: string | undefined;
  map: ProcessMap;
}

/** The task map of one phase: one small diagram per SOP, in process or playbook order. */
export interface PhaseMap {
  phase: Phase;
  /** Position in phases.yaml, from 1. */
  number: number;
  parts: PhaseMapPart[];
  /** The owners in any part, in team order. */
  legend: LegendEntry[];
  tasks: number;
}

/** Title of the part that holds a playbook's own tasks (`extra`). */
export const EXTRA_GROUP = 'Only in this playbook';

/** Longest quoted task in a box's "after:" line. */
const AFTER_TASK_LENGTH = 34;

/**
 * One map per phase, at task level. A phase is drawn as one small top-down diagram per SOP (in process
 * or playbook order): its tasks, owner and due, and the dependencies between them as arrows. What a
 * task waits for in another SOP or phase is written in its box ("after: Send the final invoice"), not
 * drawn as an arrow: those arrows fan out from a few hub tasks and pulled every phase sideways (the
 * announce phase as one graph was 2464 px wide; each SOP alone is at most three boxes wide, so every
 * part is drawn at a readable size in the page's width and prints on one page). A dependency on a task
 * left out of the run is carried through to what that task waited for.
 */
export function phaseProcessMaps(library: Library, playbook?: PlaybookEntry): PhaseMap[] {
  const { items } = mapItems(library, playbook);
  const present = new Map(items.map((item) => [item.globalId, item]));
  return library.phases.flatMap((phase, index) => {
    const members = items.filter((item) => item.phase === phase.id);
    if (members.length === 0) return [];
    const parts = [...new Set(members.map((item) => item.sopId))].map((sopId): PhaseMapPart => {
      const sop = library.sopById.get(sopId);
      return {
        sopId,
        title: sop?.title ?? EXTRA_GROUP,
        href: sop ? href.sop(sop.id) : undefined,
        map: partMap(library, members.filter((item) => item.sopId === sopId), present),
      };
    });
    const roles = new Map(parts.flatMap((part) => part.map.legend.map((entry) => [entry.role, entry] as const)));
    const legend = library.team.roles.flatMap((role) => roles.get(role.id) ?? []);
    for (const [role, entry] of roles) if (!library.roleById.has(role)) legend.push(entry);
    return [{ phase, number: index + 1, parts, legend, tasks: members.length }];
  });
}

function partMap(library: Library, members: LibraryItem[], present: Map<string, LibraryItem>): ProcessMap {
  const lines = ['flowchart TD'];
  const nodes = new Map(members.map((item, index) => [item.globalId, { id: `n${index + 1}`, item, href: itemHref(item) } as TaskNode]));
  const edges: string[] = [];
  for (const item of members) {
    const node = nodes.get(item.globalId)!;
    const after: string[] = [];
    for (const ref of [...new Set(resolveThroughSkipped(library, present, item.after))]) {
      const upstream = nodes.get(ref);
      if (upstream) edges.push(`  ${upstream.id} --> ${node.id}`);
      else after.push(`after: ${shortenTask(present.get(ref)?.task ?? ref, AFTER_TASK_LENGTH)}`);
    }
    const text = label([...taskLines(library, item, RUN_TASK_LENGTH), ...after]);
    lines.push(`  ${node.id}${item.required && !item.when ? `[${text}]` : `(${text})`}`);
  }
  lines.push(...edges);
  const all = [...nodes.values()];
  const classes = classLines(library, all);
  lines.push(...classes.lines);
  return {
    mermaid: `${lines.join('\n')}\n`,
    links: Object.fromEntries(all.flatMap((node) => (node.href ? [[node.id, node.href]] : []))),
    legend: classes.legend,
    tasks: members.length,
    external: 0,
  };
}

/** Replaces references to tasks left out of the run by the tasks those waited for, transitively. */
export function resolveThroughSkipped(library: Library, present: Map<string, LibraryItem>, refs: string[], visiting = new Set<string>()): string[] {
  return refs.flatMap((ref) => {
    if (present.has(ref)) return [ref];
    const missing = library.itemById.get(ref);
    if (!missing || visiting.has(ref)) return [];
    visiting.add(ref);
    return resolveThroughSkipped(library, present, missing.after, visiting);
  });
}
