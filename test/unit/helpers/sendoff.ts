import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../../src/cli/run-cli';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `sendoff` program in this process, with output captured and no colour (as with NO_COLOR=1).
 * A process costs tsx's start-up (seconds on a loaded machine); only what needs one uses `sendoffProcess`.
 */
export async function sendoff(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { ...process.env, ...env },
    color: false,
  });
  return { code, stdout, stderr };
}

/** Runs `sendoff` as a user would (through tsx, in `cwd`): the exit code and the two streams of a real process. */
export async function sendoffProcess(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), resolve('src/cli/sendoff.ts'), ...args], {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
