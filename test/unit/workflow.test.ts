import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The workflow cannot run here; this pins what matters about it: when it runs, what it may do, that
 * every action is pinned to a commit, and the order of the steps.
 */
const text = readFileSync('.github/workflows/sendoff.yml', 'utf8');
const workflow = parse(text) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { if: string; permissions: Record<string, string>; steps: { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string }[] }>;
};
const scripts = Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts);
const action = (uses: string | undefined) => (uses ? uses.split('@')[0] : undefined);

describe('.github/workflows/sendoff.yml', () => {
  it('runs on pull requests and on pushes to main', () => {
    expect(workflow.on).toEqual({ pull_request: null, push: { branches: ['main'] } });
    expect(workflow.jobs.review!.if).toBe("github.event_name == 'pull_request'");
    expect(workflow.jobs.site!.if).toBe("github.event_name == 'push'");
  });

  it('grants least privilege: read by default, one job may comment on pull requests', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.review!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(workflow.jobs.site!.permissions).toEqual({ contents: 'read' });
  });

  it('pins every action to a full commit SHA with the release in a comment', () => {
    const lines = text.split('\n').filter((line) => /^\s*(-\s+)?uses:/.test(line));
    expect(lines.length).toBe(6);
    for (const line of lines) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('checks, builds and explains a pull request, in that order', () => {
    const steps = workflow.jobs.review!.steps;
    expect(steps.map((step) => action(step.uses) ?? step.run?.split('\n')[0])).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'npm ci',
      'npm run check -- --format github',
      'npm run build',
      'npm run --silent diff -- --base "origin/$BASE_REF" > sendoff-diff.md',
      'marocchino/sticky-pull-request-comment',
    ]);
    expect(steps[0]!.with).toEqual({ 'fetch-depth': 0 });
    expect(steps[1]!.with).toEqual({ 'node-version': 24, cache: 'npm' });
    expect(steps[5]!.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(steps[5]!.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
    expect(steps[6]!.with).toEqual({ header: 'sendoff-diff', path: 'sendoff-diff.md' });
    expect(steps[6]!.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
  });

  it('builds main with full history and uploads the site', () => {
    const steps = workflow.jobs.site!.steps;
    expect(steps.map((step) => action(step.uses) ?? step.run)).toEqual(['actions/checkout', 'actions/setup-node', 'npm ci', 'npm run build', 'actions/upload-artifact']);
    expect(steps[0]!.with).toEqual({ 'fetch-depth': 0 });
    expect(steps[4]!.with).toMatchObject({ name: 'sendoff-site', path: 'dist/', 'if-no-files-found': 'error' });
  });

  it('only calls npm scripts that exist', () => {
    const called = [...text.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((match) => match[1]!);
    expect(called.length).toBeGreaterThan(0);
    for (const name of called) expect(scripts).toContain(name);
  });
});
