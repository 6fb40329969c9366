import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { atPath, writtenItems, type RuleContext } from './context';

interface Node {
  id: string;
  after: string[];
  file: string;
  path: PropertyKey[];
}

/**
 * `after` dependencies must not form a cycle: a run could never start any task in it. Each cycle is
 * reported once, at its first item, spelled out: `a → b → c → a`.
 */
export function cycleRules(ctx: RuleContext): Diagnostic[] {
  const nodes = new Map<string, Node>(writtenItems(ctx).map(({ id, after, file, at }) => [id, { id, after, file, path: [...at, 'after'] }]));

  const found: Diagnostic[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (id: string, stack: string[]) => {
    const node = nodes.get(id);
    if (!node || state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = stack.slice(stack.indexOf(id));
      const key = [...cycle].sort().join('|');
      if (reported.has(key)) return;
      reported.add(key);
      const first = nodes.get(cycle[0]!)!;
      found.push(
        atPath(ctx, first.file, first.path, {
          ...reportAs('cycle'),
          message: `dependency cycle: ${[...cycle, cycle[0]!].map(short(first.file)).join(' → ')}`,
          hint: 'remove one `after` in the cycle; a task cannot wait for itself',
        }),
      );
      return;
    }
    state.set(id, 'visiting');
    for (const next of node.after) visit(next, [...stack, id]);
    state.set(id, 'done');
  };
  for (const id of nodes.keys()) visit(id, []);
  return found;
}

/** Items of the file's own SOP print as their short id, others as `<sop-id>#<item-id>`. */
function short(file: string) {
  const sopId = /^sops\/(.+)\.mdx?$/.exec(file)?.[1];
  return (id: string) => (sopId && id.startsWith(`${sopId}#`) ? id.slice(sopId.length + 1) : id);
}
