import type { Phase } from '../../schemas';
import { href } from '../routes';
import type { Library, LibraryItem, PlaybookEntry } from '../content/library';
import { mapItems, ownerClass, resolveThroughSkipped, shortenTask, type LegendEntry } from './process-map';

/**
 * The process overview: one card per SOP, grouped by phase, coloured by its owner's role, each linking
 * to its SOP and naming the SOPs it starts after. Plain data for an HTML view (no Mermaid): it reads at
 * any width, wraps on a phone, prints as text and costs no diagram code.
 */

export interface OverviewCard {
  /** The SOP's id, or the task's global id for a playbook's own task. */
  key: string;
  title: string;
  href: string;
  /** Owner role id, title and colour class (`owner2`, as on the task maps). */
  role: string;
  roleTitle: string;
  className: string;
  /** Tasks this card runs, and tasks the playbook skips from it. */
  tasks: number;
  skipped: number;
  /** A task only this playbook has (`extra`), not an SOP. */
  extra: boolean;
  /** The SOPs (or playbook tasks) it starts after, without those implied by another one listed. */
  after: { key: string; title: string; href: string }[];
}

export interface OverviewPhase {
  phase: Phase;
  /** Position in phases.yaml, from 1. */
  number: number;
  cards: OverviewCard[];
  tasks: number;
}

export interface ProcessOverview {
  phases: OverviewPhase[];
  /** The roles that own a card, in team order. */
  legend: LegendEntry[];
}

/** Longest title of a playbook-only task's card. */
const EXTRA_TITLE_LENGTH = 70;

/**
 * The overview of the whole library (every SOP, every phase, empty ones included) or of one playbook
 * (its SOPs minus its skips, plus its own tasks; phases it does not touch left out).
 */
export function processOverviewMap(library: Library, playbook?: PlaybookEntry): ProcessOverview {
  const { items, all, skipped } = mapItems(library, playbook);
  const present = new Map(items.map((item) => [item.globalId, item]));
  const cardKey = (item: LibraryItem) => item.sopId || item.globalId;
  const extraHref = (item: LibraryItem) => `#phase-${item.phase}`;

  // Card-level dependencies, from the run's task dependencies (carried through skipped tasks). Only
  // on work of the same or an earlier phase: "after" says where a card starts, and a last check that
  // waits for the farewell (the communication plan's) does not make the plan start after it.
  const phaseIndex = new Map(library.phases.map((phase, index) => [phase.id, index]));
  const rank = (item: LibraryItem) => phaseIndex.get(item.phase) ?? Number.MAX_SAFE_INTEGER;
  const deps = new Map<string, Set<string>>();
  for (const item of items) {
    const key = cardKey(item);
    const set = deps.get(key) ?? new Set<string>();
    deps.set(key, set);
    for (const ref of resolveThroughSkipped(library, present, item.after)) {
      const upstream = present.get(ref)!;
      if (cardKey(upstream) !== key && rank(upstream) <= rank(item)) set.add(cardKey(upstream));
    }
  }
  const reaches = (from: string, target: string, seen = new Set<string>()): boolean => {
    if (seen.has(from)) return false;
    seen.add(from);
    return [...(deps.get(from) ?? [])].some((next) => next === target || reaches(next, target, seen));
  };

  const cards = new Map<string, OverviewCard>();
  for (const item of all) {
    const key = cardKey(item);
    let card = cards.get(key);
    if (!card) {
      const sop = library.sopById.get(item.sopId);
      const role = sop?.owner ?? item.owner;
      card = {
        key,
        title: sop?.title ?? shortenTask(item.task, EXTRA_TITLE_LENGTH),
        href: sop ? href.sop(sop.id) : extraHref(item),
        role,
        roleTitle: library.roleById.get(role)?.title ?? role,
        className: ownerClass(library, role),
        tasks: 0,
        skipped: 0,
        extra: !sop,
        after: [],
      };
      cards.set(key, card);
    }
    if (skipped.has(item.globalId)) card.skipped += 1;
    else card.tasks += 1;
  }
  // Within a phase, a card starts after the cards before it only (SOPs in process or playbook order): two
  // SOPs that wait for each other's tasks (the meeting's agenda and the open-work list) read in order.
  const position = new Map([...cards.keys()].map((key, index) => [key, index]));
  // A card's phase is its first task's (looked up once: a find per card was 20 million comparisons at 1,000 SOPs).
  const phaseOfKey = new Map<string, string>();
  for (const item of all) if (!phaseOfKey.has(cardKey(item))) phaseOfKey.set(cardKey(item), item.phase);
  const phaseOfCard = new Map([...cards.keys()].map((key) => [key, phaseIndex.get(phaseOfKey.get(key) ?? '') ?? Number.MAX_SAFE_INTEGER]));
  for (const [key, set] of deps) {
    for (const dep of set) {
      if (phaseOfCard.get(dep) === phaseOfCard.get(key) && position.get(dep)! > position.get(key)!) set.delete(dep);
    }
  }
  for (const card of cards.values()) {
    const direct = [...(deps.get(card.key) ?? [])];
    card.after = direct
      .filter((dep) => !direct.some((other) => other !== dep && reaches(other, dep)))
      .flatMap((dep) => {
        const upstream = cards.get(dep);
        return upstream ? [{ key: upstream.key, title: upstream.title, href: upstream.href }] : [];
      });
  }

  const phases = library.phases
    .map((phase, index) => {
      const inPhase = [...cards.values()].filter((card) => phaseOfKey.get(card.key) === phase.id);
      return { phase, number: index + 1, cards: inPhase, tasks: inPhase.reduce((sum, card) => sum + card.tasks, 0) };
    })
    .filter((group) => !playbook || group.cards.length > 0);
  const order = new Map(library.team.roles.map((role, index) => [role.id, index]));
  const roles = [...new Set([...cards.values()].map((card) => card.role))].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
  const legend = roles.map((role) => ({ role, title: library.roleById.get(role)?.title ?? role, className: ownerClass(library, role) }));
  return { phases, legend };
}


