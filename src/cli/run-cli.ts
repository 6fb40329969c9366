import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { countDiagnostics } from '../lib/check/diagnostics';
import { REPORTERS, type ReportFormat } from '../lib/check/reporters';
import { validateProject } from '../lib/check/validate';
import { EDITOR_SCHEMAS, toEditorJsonSchema } from '../lib/content/json-schema';
import { DIFF_REPORTERS, type DiffFormat } from '../lib/diff';
import { diffProject, VersionError } from '../lib/history/versions';
import { CODEOWNERS_FILE, generateCodeowners } from '../lib/check/codeowners-file';
import { loadContent } from '../lib/content/load';
import { createLibrary } from '../lib/content/library';
import { fileOf } from '../lib/check/rules/context';
import { dateProblem } from '../schemas';
import { recordDone, type DoneCommandOptions } from './done';

/**
 * `sendoff check`: validates all content without an Astro build.
 * Exit codes: 0 clean, 1 content errors (or warnings with --strict), 2 a usage error.
 */
/** `--today`: a real date, judged as the content's dates are. */
const isoDate = (value: string) => {
  const problem = dateProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
};

/** Where the program writes and what it reads from its environment (a real process, or a test). */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Colour the pretty report (a terminal, and NO_COLOR unset). */
  color: boolean;
}

/** `SENDOFF_TODAY` (reproducible runs), judged like `--today`; a bad one is a usage error, exit 2. */
function envToday(env: CliIo['env']): string | undefined {
  const value = env.SENDOFF_TODAY;
  if (value === undefined || value === '') return undefined;
  const problem = dateProblem(value);
  if (problem) throw new CommanderError(2, 'sendoff.today', `error: SENDOFF_TODAY: ${problem}\n`);
  return value;
}

/**
 * Runs the program on `argv` (the arguments after the script, as a user typed them) and returns the
 * exit code. The process entry below and the tests both call it; a test needs no process per command.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
    const program = new Command()
      .name('sendoff')
      .description('Client offboarding as documentation-as-code')
      .exitOverride()
      .showHelpAfterError('(run `npm run check -- --help` for the options)')
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('check')
    .description('validate every SOP, email template, playbook and client record')
    .addOption(new Option('--format <format>', 'report format').choices(Object.keys(REPORTERS)).default('pretty'))
    .option('--strict', 'treat warnings as errors (exit 1)', false)
    .option('--root <dir>', 'the Sendoff project folder', '.')
    .option('--today <date>', 'judge reviews as of this date (YYYY-MM-DD)', isoDate)
    .option('--no-cache', 'parse every diagram again instead of remembering valid ones')
    .action(async (options: { format: ReportFormat; strict: boolean; root: string; today?: string; cache: boolean }) => {
      const root = resolve(options.root);
      const { diagnostics, checked } = await validateProject(root, { today: options.today ?? envToday(io.env), cache: options.cache });
      const read = (file: string) => {
        try {
          return readFileSync(resolve(root, file), 'utf8');
        } catch {
          return null;
        }
      };
      io.stdout(`${REPORTERS[options.format](diagnostics, read, io.color, checked)}\n`);
      const { errors, warnings } = countDiagnostics(diagnostics);
      exitCode = errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
    });

  program
    .command('diff')
    .description('what a change does to SOPs, tasks, emails, playbooks and active clients, read from git (nothing is checked out)')
    .option('--base <ref>', 'the version to compare from (default: where HEAD branched from main)')
    .option('--head <ref>', 'the version to compare to (default: the working tree)')
    .addOption(new Option('--format <format>', 'report format').choices(Object.keys(DIFF_REPORTERS)).default('markdown'))
    .option('--today <date>', 'clients whose contract ends on this date or later count as active (YYYY-MM-DD)', isoDate)
    .option('--max-chars <n>', 'cut Markdown longer than this at a line (a PR comment holds 65,536; 0 for no limit)', (value) => {
      if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
      return Number(value);
    }, 60_000)
    .option('--root <dir>', 'the Sendoff project folder', '.')
    .action(async (options: { base?: string; head?: string; format: DiffFormat; today?: string; maxChars: number; root: string }) => {
      try {
        const { report, note } = await diffProject(resolve(options.root), {
          ...(options.base ? { base: options.base } : {}),
          ...(options.head ? { head: options.head } : {}),
          today: options.today ?? envToday(io.env),
        });
        if (note) io.stderr(`${note}\n`);
        io.stdout(DIFF_REPORTERS[options.format](report, { maxLength: options.maxChars || undefined }));
      } catch (error) {
        if (!(error instanceof VersionError)) throw error;
        io.stderr(`sendoff diff: ${error.message}\n`);
        exitCode = 2;
      }
    });

  program
    .command('done')
    .description("record a task of a client's run as done in its file (content/clients/<client>.yaml), or undo it")
    .argument('<client>', 'the client: its file name without .yaml (northwind-studio)')
    .argument('<item>', "the task: its global id (confirm-end-date#send-confirmation), or its item id when that is unique in the client's run")
    .option('--by <person>', 'who did it: a person id in content/team.yaml (default: the person whose email is `git config user.email`)')
    .option('--on <date>', 'the day it was done, YYYY-MM-DD (default: today)', isoDate)
    .option('--note <text>', 'anything the team should know later')
    .option('--answer <value>', 'the answer the task asks for: an option, a rating, text, or a sign-off "Name (Title), 2026-11-30"')
    .option('--undo', "remove the task's record instead", false)
    .option('--root <dir>', 'the Sendoff project folder', '.')
    .option('--today <date>', 'the date to treat as today (YYYY-MM-DD)', isoDate)
    .option('--no-cache', 'parse every diagram again instead of remembering valid ones')
    .action(async (client: string, item: string, options: DoneCommandOptions) => {
      exitCode = await recordDone(client, item, { ...options, today: options.today ?? envToday(io.env) }, io);
    });

  program
    .command('codeowners')
    .description(`write ${CODEOWNERS_FILE}: each SOP owned by its owner role's reviewers (content/team.yaml)`)
    .option('--root <dir>', 'the Sendoff project folder', '.')
    .action(async (options: { root: string }) => {
      const root = resolve(options.root);
      const { input, diagnostics, files } = await loadContent(root);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (!input || errors.length > 0) {
        io.stderr(`sendoff codeowners: the content has ${errors.length} error(s); run \`npm run check\` and fix them first, so no SOP is left out.\n`);
        exitCode = 1;
        return;
      }
      const library = createLibrary(input);
      const text = generateCodeowners(library, (folder, id) => fileOf({ files }, folder, id));
      mkdirSync(join(root, '.github'), { recursive: true });
      writeFileSync(join(root, CODEOWNERS_FILE), text);
      const owned = text.split('\n').filter((line) => line.startsWith('/')).length;
      io.stdout(`wrote ${CODEOWNERS_FILE} (${owned} files with owners, plus a catch-all)\n`);
    });

  program
    .command('schema')
    .description('write JSON Schemas for the YAML files (editor validation and autocomplete) into .vscode/')
    .option('--root <dir>', 'the Sendoff project folder', '.')
    .action(async (options: { root: string }) => {
      const root = resolve(options.root);
      // Loaded here, not at the top: it brings the TypeScript compiler, most of a second `check` has no use for.
      const { readSchemaDocs } = await import('./schema-docs');
      const docs = readSchemaDocs(resolve(import.meta.dirname, '../schemas'));
      const folder = join(root, '.vscode/schemas');
      mkdirSync(folder, { recursive: true });
      const mapping: Record<string, string[]> = {};
      for (const entry of EDITOR_SCHEMAS) {
        const file = `.vscode/schemas/${entry.name}.schema.json`;
        writeFileSync(join(root, file), `${JSON.stringify(toEditorJsonSchema(entry.schema, docs, entry.exportName), null, 2)}\n`);
        mapping[`./${file}`] = [...entry.files];
        io.stdout(`wrote ${file}\n`);
      }
      const settingsFile = join(root, '.vscode/settings.json');
      let settings: Record<string, unknown> = {};
      try {
        settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      } catch {
        // No settings yet: start with ours.
      }
      settings['yaml.schemas'] = mapping;
      writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
      io.stdout('mapped them in .vscode/settings.json (needs the Red Hat YAML extension)\n');
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander prints its own usage errors; ours (a bad SENDOFF_TODAY) are printed here.
      if (!error.code.startsWith('commander.')) io.stderr(error.message);
      exitCode = error.exitCode === 0 ? 0 : 2;
    }
    else {
      // A bug in Sendoff itself, not a content problem: say so plainly, with the details for a report.
      io.stderr(`sendoff check failed unexpectedly. Please report this with the output below.\n${error instanceof Error ? error.stack : String(error)}\n`);
      exitCode = 2;
    }
  }
  return exitCode;
}
