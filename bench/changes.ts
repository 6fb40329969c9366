import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { recentChanges } from '../src/lib/history/recent-changes';
import { readFileHistory } from '../src/lib/history/file-history';
import { diffProject } from '../src/lib/history/versions';
import { generateCorpus, DEFAULT_SIZE } from './corpus';

/**
 * What page history, /changes/ and `sendoff diff` cost on a big library: generates the corpus
 * (1,000 SOPs by default), commits it, makes 50 commits that each move one due date and add one task,
 * then times the three. `npx tsx bench/changes.ts [sops] [commits]`.
 */
const run = promisify(execFile);
const sops = Number(process.argv[2] ?? DEFAULT_SIZE.sops);
const commits = Number(process.argv[3] ?? 50);
const dir = resolve('bench/out/changes');
await generateCorpus(dir, { ...DEFAULT_SIZE, sops });
const git = (...args: string[]) => run('git', args, { cwd: dir, maxBuffer: 1 << 28 });
await git('init', '-q', '-b', 'main');
const commit = async (message: string) => {
  await git('add', '-A', 'sops', 'templates', 'content');
  await git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', message);
};
await commit('Generated library');
for (let i = 0; i < commits; i++) {
  const file = join(dir, 'sops', `sop-${String(1 + ((i * 37) % sops)).padStart(4, '0')}.mdx`);
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace('    due: -30d\n', `    due: -${31 + i}d\n`).replace('checklist:\n', `checklist:\n  - id: added-${i}\n    task: Added task ${i}\n    due: +${i}d\n`));
  await commit(`Change ${i + 1}`);
}

const time = async <T>(label: string, task: () => Promise<T>) => {
  const started = performance.now();
  const result = await task();
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
};
const history = await time('page history (one git log pass)', () => readFileHistory(dir));
console.log(`  ${history.size} files dated`);
const changes = await time(`/changes/ (${commits} commits, each diffed against its parent)`, () => recentChanges(dir, { limit: 50 }));
console.log(`  ${changes.filter((c) => c.report).length} summaries`);
await time('sendoff diff HEAD~50..HEAD, with impact on every active client', () => diffProject(dir, { base: `HEAD~${commits}`, head: 'HEAD', today: '2026-11-25' }));
