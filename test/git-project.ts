import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { fixtureProject } from './fixture-project';

const run = promisify(execFile);

/** A fixture project in its own temporary git repository, on branch `main`, with helpers to change it. */
export interface GitProject {
  dir: string;
  git: (...args: string[]) => Promise<string>;
  /** Commits everything (identity given inline, so no global git config is needed); returns the sha. */
  commit: (message: string) => Promise<string>;
  read: (path: string) => Promise<string>;
  write: (path: string, text: string) => Promise<void>;
  /** Replaces one exact piece of text in a file, failing loudly when it is not there. */
  replace: (path: string, from: string, to: string) => Promise<void>;
  move: (from: string, to: string) => Promise<void>;
  remove: (path: string) => Promise<void>;
}

export async function gitProject(scenario = '_base'): Promise<GitProject> {
  const dir = await fixtureProject(scenario);
  const git = async (...args: string[]) => (await run('git', args, { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir } })).stdout;
  await git('init', '-q', '-b', 'main');
  const project: GitProject = {
    dir,
    git,
    commit: async (message) => {
      await git('add', '-A');
      await git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '--allow-empty', '-m', message);
      return (await git('rev-parse', 'HEAD')).trim();
    },
    read: (path) => readFile(join(dir, path), 'utf8'),
    write: async (path, text) => {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    },
    replace: async (path, from, to) => {
      const text = await project.read(path);
      if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
      await project.write(path, text.replace(from, to));
    },
    move: async (from, to) => {
      await mkdir(dirname(join(dir, to)), { recursive: true });
      await rename(join(dir, from), join(dir, to));
    },
    remove: (path) => rm(join(dir, path)),
  };
  await project.commit('Base library');
  return project;
}
