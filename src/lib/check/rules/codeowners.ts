import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODEOWNERS_FILE, generateCodeowners } from '../codeowners-file';
import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { fileOf, type RuleContext } from './context';

/**
 * Warns when the committed `.github/CODEOWNERS` no longer matches the SOP owners and role reviewers
 * (someone changed an SOP's owner but not who reviews it). A project without the file is not warned:
 * code owners are opt-in, by running `npm run codeowners` once.
 */
export function codeownersRules(ctx: RuleContext): Diagnostic[] {
  // Generated from a partial library the file would look stale for the wrong reason.
  if (!ctx.root || ctx.invalid.size > 0) return [];
  let committed: string;
  try {
    committed = readFileSync(join(ctx.root, CODEOWNERS_FILE), 'utf8');
  } catch {
    return [];
  }
  const expected = generateCodeowners(ctx.library, (folder, id) => fileOf(ctx, folder, id));
  if (committed === expected) return [];
  const have = committed.split('\n');
  const want = expected.split('\n');
  const index = want.findIndex((text, i) => have[i] !== text);
  const line = (index === -1 ? have.length : index) + 1;
  const should = want[line - 1];
  return [
    {
      file: CODEOWNERS_FILE,
      line,
      column: 1,
      ...reportAs('codeowners'),
      message: `${CODEOWNERS_FILE} is out of date: ${should ? `line ${line} should read "${should.trim()}"` : `line ${line} and after should not be there`}`,
      hint: 'an SOP, its owner or a role\'s reviewers changed: run `npm run codeowners` and commit the file',
    },
  ];
}
