import didYouMean from 'didyoumean2';
import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import type { Due } from '../../../schemas/due';
import { formatDue } from '../../../schemas/due';
import { playbookRunItems } from '../../content/library';
import { anchorCycles, anchorItemId } from '../../run/anchors';
import { atPath, fileOf, writtenItems, type RuleContext } from './context';

interface DueNode {
  id: string;
  due: Due | null;
  when: string | undefined;
  file: string;
  /** Path of its `due:` field. */
  path: PropertyKey[];
}

/**
 * Due dates that count from another task or a date var (`send-final-invoice+15d`,
 * `vars.requestDate+10bd`): the task must exist and have a date, anchors must not loop, a playbook
 * must not skip a task another one counts from, and a var anchor must be a date question the playbook
 * asks. A task counting from one that has a `when:` condition is left undated for the clients the
 * condition leaves out: a warning, at its `due:`.
 */
export function anchorRules(ctx: RuleContext): Diagnostic[] {
  const { library } = ctx;
  const nodes = new Map<string, DueNode>(writtenItems(ctx).map(({ id, due, when, file, at }) => [id, { id, due, when, file, path: [...at, 'due'] }]));
  const scopeOf = (id: string) => id.slice(0, id.lastIndexOf('#'));
  const shortId = (node: DueNode, id: string) => (scopeOf(id) === scopeOf(node.id) ? id.slice(scopeOf(id).length + 1) : id);
  const found: Diagnostic[] = [];

  const broken = new Set<string>();
  for (const node of nodes.values()) {
    const target = anchorItemId(node.due, scopeOf(node.id));
    if (!target) continue;
    const anchor = nodes.get(target);
    if (!anchor) {
      broken.add(node.id);
      const sameScope = [...nodes.keys()].filter((id) => scopeOf(id) === scopeOf(target)).map((id) => shortId(node, id));
      const suggestion = didYouMean(node.due!.from!, sameScope.length > 0 ? sameScope : [...nodes.keys()]);
      found.push(
        atPath(ctx, node.file, node.path, {
          ...reportAs('anchor'),
          message: `due: ${formatDue(node.due)} counts from "${node.due!.from}", and there is no such task`,
          hint: suggestion ? `did you mean "${suggestion}"? (write <sop-id>#<item-id> for a task of another SOP)` : 'name a task of this SOP by its id, or another SOP\'s as <sop-id>#<item-id>',
        }),
      );
    } else if (!anchor.due) {
      broken.add(node.id);
      found.push(
        atPath(ctx, node.file, node.path, {
          ...reportAs('anchor'),
          message: `due: ${formatDue(node.due)} counts from "${node.due!.from}", which has no due date (it is done during the run)`,
          hint: `give "${node.due!.from}" a due: of its own, or count this task from the contract end (-5d) or notice (notice+3d)`,
        }),
      );
    } else if (anchor.when !== undefined && anchor.when !== node.when) {
      found.push(
        atPath(ctx, node.file, node.path, {
          ...reportAs('anchor'),
          severity: 'warning',
          message: `due: ${formatDue(node.due)} counts from "${node.due!.from}", which only runs when ${anchor.when}: for the other clients this task is left undated ("during the run")`,
          hint: `give this task the same condition (when: ${anchor.when}), or count it from the contract end or notice`,
        }),
      );
    }
  }

  for (const cycle of anchorCycles([...nodes.values()].filter((node) => !broken.has(node.id)))) {
    const first = nodes.get(cycle[0]!)!;
    found.push(
      atPath(ctx, first.file, first.path, {
        ...reportAs('anchor'),
        message: `due dates count from each other in a circle: ${[...cycle, cycle[0]!].map((id) => shortId(first, id)).join(' → ')}`,
        hint: 'count one of them from the contract end or notice instead; none of these tasks could get a date',
      }),
    );
  }

  for (const playbook of library.playbooks) {
    const file = fileOf(ctx, 'templates/playbooks', playbook.id);
    const run = playbookRunItems(library, playbook);
    const inRun = new Set(run.map((item) => item.globalId));
    const runItem = new Map(run.map((item) => [item.globalId, item]));
    const warned = new Set<string>();
    for (const item of run) {
      const node = nodes.get(item.globalId);
      if (!node?.due) continue;
      const target = anchorItemId(node.due, scopeOf(node.id));
      // The playbook runs the anchor's whole SOP only `when:` (`sops: [{ id, when }]`): the same warning as an item's own condition.
      const anchorSopWhen = target ? runItem.get(target)?.sopWhen : undefined;
      const anchorWhen = target ? nodes.get(target)?.when : undefined;
      const shares = (when: string) => when === node.when || when === item.sopWhen;
      if (anchorSopWhen !== undefined && !shares(anchorSopWhen) && (anchorWhen === undefined || anchorWhen === node.when) && !warned.has(node.id)) {
        warned.add(node.id);
        found.push(
          atPath(ctx, node.file, node.path, {
            ...reportAs('anchor'),
            severity: 'warning',
            message: `due: ${formatDue(node.due)} counts from "${node.due.from}", whose SOP playbook "${playbook.id}" only runs when ${anchorSopWhen}: for the other clients this task is left undated ("during the run")`,
            hint: `give this task the same condition (when: ${anchorSopWhen}), or count it from the contract end or notice`,
          }),
        );
      }
      if (target && nodes.has(target) && !inRun.has(target)) {
        const skipAt = playbook.skip.indexOf(target);
        found.push(
          atPath(ctx, file, skipAt >= 0 ? ['skip', skipAt] : ['sops'], {
            ...reportAs('anchor'),
            message:
              skipAt >= 0
                ? `skip: ${target} is left out, but ${item.globalId} (due: ${formatDue(node.due)}) counts from it`
                : `${item.globalId} (due: ${formatDue(node.due)}) counts from ${target}, whose SOP this playbook does not run`,
            hint: skipAt >= 0 ? `skip ${item.globalId} too, stop skipping ${target}, or count ${item.globalId} from the contract end or notice` : `add ${scopeOf(target)} to sops:, or count ${item.globalId} from the contract end or notice`,
          }),
        );
      }
      if (node.due.anchor === 'var') {
        const spec = playbook.vars[node.due.from!];
        if (spec?.type === 'date') continue;
        const dates = Object.entries(playbook.vars).filter(([, value]) => value.type === 'date').map(([name]) => name);
        const suggestion = didYouMean(node.due.from!, dates);
        found.push(
          atPath(ctx, node.file, node.path, {
            ...reportAs('anchor'),
            message: spec
              ? `due: ${formatDue(node.due)} counts from vars.${node.due.from}, a ${spec.type} question in playbook "${playbook.id}", not a date`
              : `due: ${formatDue(node.due)} counts from vars.${node.due.from}, which playbook "${playbook.id}" does not ask`,
            hint: suggestion
              ? `did you mean vars.${suggestion}?`
              : `declare it in ${file}: vars: { ${node.due.from}: { type: date, description: … } }`,
          }),
        );
      }
    }
  }
  return found;
}
