import { clientProblems } from '../client-problems';
import type { Diagnostic } from '../diagnostics';
import { atPath, fileOf, type RuleContext } from './context';

/**
 * A client record must be runnable: staffed roles, one primary contact, sane dates, typed answers.
 * The judgement is `clientProblems` (shared with `/generate/`); this rule only positions each problem
 * at its field in `content/clients/<id>.yaml`.
 */
export function clientRules(ctx: RuleContext): Diagnostic[] {
  return ctx.library.clients.flatMap((client) => {
    const file = fileOf(ctx, 'content/clients', client.id);
    return clientProblems(ctx.library, client).map(({ path, key, rule, severity, message, hint }) => atPath(ctx, file, path, { rule, severity, message, hint }, key));
  });
}
