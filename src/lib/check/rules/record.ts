import type { Diagnostic } from '../diagnostics';
import { recordProblems } from '../../record/problems';
import { atPath, fileOf, type RuleContext } from './context';

/**
 * A client's shared record (`done:`) must be one the team can stand behind: tasks of its run, known
 * people, possible dates, answers of the right type. The judgement is `recordProblems`
 * (`src/lib/record/`); this rule positions each problem at its entry in `content/clients/<id>.yaml`.
 */
export function recordRules(ctx: RuleContext): Diagnostic[] {
  return ctx.library.clients.flatMap((client) => {
    const file = fileOf(ctx, 'content/clients', client.id);
    return recordProblems(ctx.library, client, ctx.today)
      // A task of an SOP that failed its own schema is not "missing" from the run: that SOP's error says why.
      .filter(({ key }) => key === undefined || !ctx.invalid.has(`sops/${key.split('#')[0]}`))
      .map(({ path, key, severity, message, hint }) => atPath(ctx, file, path, { rule: 'record', severity, message, hint }, key));
  });
}
