import type { Diagnostic } from '../diagnostics';
import { clientRules } from './clients';
import { codeownersRules } from './codeowners';
import type { RuleContext } from './context';
import { cycleRules } from './dependencies';
import { anchorRules } from './anchors';
import { hygieneRules, sendTimeRules } from './hygiene';
import { linkRules } from './links';
import { mdxRules } from './mdx';
import { mermaidRules } from './mermaid';
import { recordRules } from './record';
import { duplicateIdRules, referenceRules } from './references';
import { remoteResourceRules } from './remote-resources';
import { sopCodeRules } from './sop-code';
import { templateRules } from './templates';

export type { RuleContext } from './context';

/**
 * Every rule after the schemas, in one table: name → rule. They run in this order; the diagrams go
 * first because their rule hands them to worker threads and returns, and the workers parse them
 * while this thread runs the others (the report is sorted afterwards, whatever the order).
 */
export const RULES: Record<string, (ctx: RuleContext, options: RuleOptions) => Diagnostic[] | Promise<Diagnostic[]>> = {
  mermaid: (ctx, options) => mermaidRules(ctx, options.mermaidCache),
  reference: referenceRules,
  'duplicate-id': duplicateIdRules,
  cycle: cycleRules,
  anchor: anchorRules,
  client: clientRules,
  record: recordRules,
  template: templateRules,
  link: linkRules,
  mdx: mdxRules,
  'sop-code': sopCodeRules,
  'remote-resource': remoteResourceRules,
  hygiene: hygieneRules,
  'send-time': sendTimeRules,
  codeowners: codeownersRules,
};

export interface RuleOptions {
  /** File where parsed-and-valid diagrams are remembered between runs (none: parse all). */
  mermaidCache?: string | undefined;
}

export async function runRules(ctx: RuleContext, options: RuleOptions = {}): Promise<Diagnostic[]> {
  const results = await Promise.all(Object.values(RULES).map((rule) => rule(ctx, options)));
  return results.flat();
}
