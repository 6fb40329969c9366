import type { IsoDate } from '../../schemas/common';
import type { Due } from '../../schemas/due';

/**
 * Due dates that count from other tasks' due dates (`send-final-invoice+15d`): which task each one
 * counts from, the cycles among them, and the order that dates every task after its anchor. Pure: the
 * run builder and the validator share it.
 */

/** One task as anchor resolution sees it. */
export interface AnchorNode {
  /** Global id (`<sop-id>#<item-id>`). */
  id: string;
  /** Its due offset; null for an undated task (done during the run). */
  due: Due | null;
}

/** The global id of the task an item-anchored offset counts from (`send-final-invoice` in SOP `pay` → `pay#send-final-invoice`); null for other anchors. */
export function anchorItemId(due: Due | null | undefined, scope: string): string | null {
  if (!due || due.anchor !== 'item' || !due.from) return null;
  return due.from.includes('#') ? due.from : `${scope}#${due.from}`;
}

/** The task each item-anchored node counts from, by node id (scope: the SOP or playbook id part of the node's own id). */
function anchorsOf(nodes: Iterable<AnchorNode>): Map<string, string> {
  const anchors = new Map<string, string>();
  for (const node of nodes) {
    const target = anchorItemId(node.due, node.id.slice(0, node.id.lastIndexOf('#')));
    if (target) anchors.set(node.id, target);
  }
  return anchors;
}

/**
 * Every cycle of item anchors (`a` counts from `b`, `b` from `a`), each once, as its ids in order from
 * the first one met: `[a, b]` reads `a → b → a`.
 */
export function anchorCycles(nodes: Iterable<AnchorNode>): string[][] {
  const anchors = anchorsOf(nodes);
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  for (const start of anchors.keys()) {
    // Each node has at most one anchor: the walk is a path, no stack of branches needed.
    const path: string[] = [];
    let id: string | undefined = start;
    while (id !== undefined && anchors.has(id) && state.get(id) !== 'done') {
      if (state.get(id) === 'visiting') {
        cycles.push(path.slice(path.indexOf(id)));
        break;
      }
      state.set(id, 'visiting');
      path.push(id);
      id = anchors.get(id);
    }
    for (const seen of path) state.set(seen, 'done');
  }
  return cycles;
}

/** A task's dates: the offset's day, and the day it is due once moved off a day off. */
export interface TaskDates {
  scheduled: IsoDate;
  dueDate: IsoDate;
}

/**
 * Dates every node, each item-anchored one after the task it counts from. `date(due, from)` turns an
 * offset into dates: `from` is the anchor task's due date for an item anchor, null otherwise (the
 * caller knows the contract end, the notice date and the vars). An undated task stays null, and so does
 * a task whose anchor is absent from the run, undated or in a cycle: check reports those as errors,
 * except an anchor left out by a `when:` condition, which leaves the task undated with a warning.
 */
export function resolveAnchoredDates(
  nodes: readonly AnchorNode[],
  date: (due: Due, from: IsoDate | null) => TaskDates | null,
): Map<string, TaskDates | null> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const anchors = anchorsOf(nodes);
  const dates = new Map<string, TaskDates | null>();
  const visiting = new Set<string>();
  const resolve = (id: string): TaskDates | null => {
    if (dates.has(id)) return dates.get(id)!;
    const node = byId.get(id);
    if (!node || visiting.has(id)) return null;
    if (!node.due) {
      dates.set(id, null);
      return null;
    }
    visiting.add(id);
    const anchor = anchors.get(id);
    let result: TaskDates | null;
    if (anchor === undefined) result = date(node.due, null);
    else {
      const from = resolve(anchor);
      result = from ? date(node.due, from.dueDate) : null;
    }
    visiting.delete(id);
    dates.set(id, result);
    return result;
  };
  for (const node of nodes) resolve(node.id);
  return dates;
}
