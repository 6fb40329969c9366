import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { parse } from 'yaml';
import { browserAvailable, test } from './fixtures';

/** The starter client with the most recorded tasks (`done:`), read from its file as the team wrote it. */
const recorded = readdirSync('content/clients')
  .map((file) => ({ id: file.replace(/\.ya?ml$/, ''), done: (parse(readFileSync(`content/clients/${file}`, 'utf8')) as { done?: Record<string, { by: string }> }).done ?? {} }))
  .sort((a, b) => Object.keys(b.done).length - Object.keys(a.done).length)[0]!;
const count = Object.keys(recorded.done).length;
const firstId = Object.keys(recorded.done)[0]!;
const person = recorded.done[firstId]?.by;

describe.runIf(browserAvailable)('recorded progress in Chromium', () => {
  test('a client page counts recorded tasks as done for everyone, and a browser tick adds to them', async ({ page }) => {
    expect(count, 'a starter client has recorded tasks').toBeGreaterThan(0);
    await page.goto(`/clients/${recorded.id}/`);
    const progress = page.locator('[data-progress-text]');
    await expect.poll(() => progress.textContent()).toMatch(new RegExp(`^${count} of \\d+ tasks done`));
    await expect(page.locator('[data-record-progress]').textContent()).resolves.toMatch(new RegExp(`^${count} of \\d+ tasks`));
    const item = page.locator(`li[data-item="${firstId}"]`);
    const box = item.locator('input.run-check');
    expect([await box.isChecked(), await box.isDisabled()]).toEqual([true, true]);
    await expect(item.locator('[data-state]').textContent()).resolves.toMatch(/^Done /);
  });

  test("a person's page lists their open tasks, overdue first, each linking to the task on its client page", async ({ page }) => {
    await page.goto(`/clients/${recorded.id}/`);
    await page.locator('#client-team ~ ul a').first().click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/people\/[a-z0-9-]+\/$/);

    await page.goto(`/people/${person}/`);
    const rows = page.locator('tr[data-task]');
    const overdue = await rows.evaluateAll((elements) => elements.map((row) => row.getAttribute('data-overdue') === 'true'));
    expect(overdue.length).toBeGreaterThan(0);
    // Every overdue task comes before every other.
    expect(overdue).toEqual([...overdue].sort((a, b) => Number(b) - Number(a)));
    if (overdue[0]) await expect(page.locator('section[data-person-group="overdue"] h2').textContent()).resolves.toMatch(/^Overdue/);
    const tasks = await rows.evaluateAll((elements) => elements.map((row) => row.getAttribute('data-task')));
    expect(tasks).not.toContain(`${recorded.id} ${firstId}`);

    const first = rows.first().locator('td:nth-child(2) a');
    const task = await first.textContent();
    await first.click();
    await expect.poll(() => page.locator('li.run-item:target label').first().textContent()).toBe(task);
  });
});
