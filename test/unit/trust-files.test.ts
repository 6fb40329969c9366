import { readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lib/check/validate';
import { fixtureProject } from '../fixture-project';
import { sendoff, sendoffProcess } from './helpers/sendoff';

/**
 * Wrong data that used to pass silently: dates as written, file names that are ids, one file per id,
 * no symbolic links, UTF-8 only. Each case is the base fixture with one careless or hostile change.
 */

async function diagnosticsAfter(change: (dir: string) => Promise<void>) {
  const dir = await fixtureProject('_base');
  await change(dir);
  const { diagnostics } = await validateProject(dir, { today: '2026-11-25', cache: false });
  return diagnostics;
}

const replaceIn = (dir: string, file: string, from: string, to: string) =>
  readFile(join(dir, file), 'utf8').then((text) => {
    if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
    return writeFile(join(dir, file), text.replace(from, to));
  });

describe('dates are judged as written', () => {
  it.each([
    ['2027-02-30', 'February 2027 has 28 days'],
    ['2027-13-01', 'there is no month 13'],
    ['0026-11-20', 'outside the years Sendoff accepts (2000–2099)'],
    ['9999-12-31', 'outside the years Sendoff accepts'],
  ])('an unquoted end: %s is an error at its line, not a rolled-over date', async (date, reason) => {
    const found = await diagnosticsAfter((dir) => replaceIn(dir, 'content/clients/acme.yaml', 'end: 2027-01-29', `end: ${date}`));
    expect(found.map((d) => [d.file, d.line, d.rule])).toEqual([['content/clients/acme.yaml', 3, 'schema']]);
    expect(found[0]!.message).toContain(reason);
  });

  it('a holiday that does not exist is an error too (every date in every file)', async () => {
    const found = await diagnosticsAfter((dir) => replaceIn(dir, 'content/company.yaml', 'holidays: [2027-01-01]', 'holidays: [2027-02-29]'));
    expect(found.map((d) => [d.file, d.line, d.rule])).toEqual([['content/company.yaml', 5, 'schema']]);
    expect(found[0]!.message).toContain('February 2027 has 28 days');
  });
});

describe('the date to treat as today', () => {
  const args = ['check', '--root', 'test/fixtures/_base'];

  it('refuses --today 2027-02-30 with a usage error, not a RangeError stack trace', async () => {
    const { code, stderr } = await sendoff([...args, '--today', '2027-02-30']);
    expect(code).toBe(2);
    expect(stderr).toContain('February 2027 has 28 days');
    expect(stderr).not.toMatch(/RangeError|\n\s+at /);
  });

  // A real process: SENDOFF_TODAY is read from the environment the shell gives it.
  it('refuses SENDOFF_TODAY=0026-11-20 the same way', async () => {
    const { code, stderr } = await sendoffProcess(args, { env: { SENDOFF_TODAY: '0026-11-20' } });
    expect(code).toBe(2);
    expect(stderr).toContain('SENDOFF_TODAY');
    expect(stderr).toContain('outside the years');
  });
});

describe('one file, one id', () => {
  it('names the id a file name should be', async () => {
    const found = await diagnosticsAfter((dir) => rename(join(dir, 'sops/pay.mdx'), join(dir, 'sops/Pay Final_v2.mdx')));
    const named = found.filter((d) => d.rule === 'file-name');
    expect(named.map((d) => d.file)).toEqual(['sops/Pay Final_v2.mdx']);
    expect(named[0]!.hint).toBe('rename the file to sops/pay-final-v2.mdx');
  });

  it.each([
    ['content/clients/acme.yaml', 'content/clients/acme.yml'],
    ['sops/notify.mdx', 'sops/Notify.mdx'],
    ['sops/notify.mdx', 'sops/notify.md'],
  ])('%s beside %s is an error at both, naming the other', async (original, copy) => {
    const found = await diagnosticsAfter(async (dir) => writeFile(join(dir, copy), await readFile(join(dir, original))));
    const duplicates = found.filter((d) => d.rule === 'duplicate-file');
    expect(duplicates.map((d) => d.file).sort()).toEqual([original, copy].sort());
    expect(duplicates.find((d) => d.file === original)!.message).toContain(copy);
    expect(duplicates.find((d) => d.file === copy)!.message).toContain(original);
  });

  it('refuses a client record in a subfolder (its page could not have that address)', async () => {
    const found = await diagnosticsAfter(async (dir) => {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(join(dir, 'content/clients/old'));
      await rename(join(dir, 'content/clients/acme.yaml'), join(dir, 'content/clients/old/acme.yaml'));
    });
    expect(found.filter((d) => d.rule === 'file-name').map((d) => d.file)).toEqual(['content/clients/old/acme.yaml']);
  });
});

describe('files are real UTF-8 files in the repository', () => {
  it('refuses a symbolic link, even to a file outside the repository, and reads nothing through it', async () => {
    const found = await diagnosticsAfter((dir) => symlink('/etc/hostname', join(dir, 'sops/host.mdx')));
    expect(found.map((d) => [d.file, d.line, d.rule])).toEqual([['sops/host.mdx', 1, 'symlink']]);
  });

  it('refuses a linked company file without also calling it missing', async () => {
    const found = await diagnosticsAfter(async (dir) => {
      await rename(join(dir, 'content/company.yaml'), join(dir, 'company.yaml'));
      await symlink(join(dir, 'company.yaml'), join(dir, 'content/company.yaml'));
    });
    expect(found.map((d) => [d.file, d.rule])).toEqual([['content/company.yaml', 'symlink']]);
  });

  it('refuses a Latin-1 file at the line and column of the first byte that is not UTF-8', async () => {
    const found = await diagnosticsAfter((dir) => writeFile(join(dir, 'content/company.yaml'), Buffer.from('name: Fixture Co\ntimezone: UTC\nsignature: Caf\xe9 team\n', 'latin1')));
    expect(found.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([['content/company.yaml', 3, 15, 'encoding']]);
  });
});

describe('a date answer that is not a date', () => {
  it('says why, as the schemas do for their own dates', async () => {
    const found = await diagnosticsAfter(async (dir) => {
      await replaceIn(dir, 'templates/playbooks/basic.yaml', 'vars:\n', 'vars:\n  signedOn: { type: date, description: When was the exit signed? }\n');
      await writeFile(join(dir, 'content/clients/acme.yaml'), `${await readFile(join(dir, 'content/clients/acme.yaml'), 'utf8')}vars: { signedOn: 2027-02-30 }\n`);
    });
    const answer = found.find((d) => d.message.startsWith('vars.signedOn'));
    expect(answer?.message).toBe('vars.signedOn: "2027-02-30" is not a date: February 2027 has 28 days');
  });
});
