import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { countDiagnostics } from '../lib/diagnostics';
import { formatPretty } from '../lib/report';
import { validateProject } from '../lib/validate';

/** `sendoff check`: validates all content without an Astro build. Exit 0 clean, 1 on errors, 2 on usage errors. */
const program = new Command()
  .name('sendoff')
  .description('Client offboarding as documentation-as-code')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

program
  .command('check')
  .description('validate every SOP, template, playbook and client record')
  .option('--root <dir>', 'project folder', '.')
  .option('--strict', 'treat warnings as errors', false)
  .action(async (options: { root: string; strict: boolean }) => {
    const root = resolve(options.root);
    const { diagnostics } = await validateProject(root);
    const read = (file: string) => {
      try {
        return readFileSync(resolve(root, file), 'utf8');
      } catch {
        return null;
      }
    };
    process.stdout.write(`${formatPretty(diagnostics, read, process.stdout.isTTY)}\n`);
    const { errors, warnings } = countDiagnostics(diagnostics);
    process.exitCode = errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : 2;
  else throw error;
}
