import { EventEmitter } from 'node:events';
import type { HookParameters } from 'astro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateProject } from '../../src/lib/check/validate';
import { recheckOnSave } from '../../src/integrations/dev-recheck';

vi.mock('../../src/lib/check/validate', () => ({ validateProject: vi.fn() }));

type ServerSetup = HookParameters<'astro:server:setup'>;

/** A dev server as far as the re-check sees it: a root and a file watcher. */
function fakeServer() {
  const watcher = new EventEmitter();
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  recheckOnSave({ server: { config: { root: '/project' }, watcher } as unknown as ServerSetup['server'], logger: logger as unknown as ServerSetup['logger'] });
  const save = async (path: string) => {
    watcher.emit('all', 'change', path);
    await vi.advanceTimersByTimeAsync(100);
  };
  return { logger, save };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the dev server re-check', () => {
  it('logs a validation that throws, keeps the server up, and checks again on the next save', async () => {
    vi.useFakeTimers();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    vi.mocked(validateProject).mockRejectedValueOnce(new Error('EACCES: permission denied, open sops/notify.mdx'));
    const { logger, save } = fakeServer();

    await save('/project/sops/notify.mdx');
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]![0]).toMatch(/^The content check failed to run; the server keeps going\. Save again to retry\.\nError: EACCES/);

    vi.mocked(validateProject).mockResolvedValueOnce({ library: null, diagnostics: [], checked: 0 });
    await save('/project/sops/notify.mdx');
    expect(logger.info).toHaveBeenCalledWith('Content check: no problems.');
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('ignores saves outside sops/, templates/ and content/', async () => {
    vi.useFakeTimers();
    vi.mocked(validateProject).mockClear();
    const { save } = fakeServer();
    await save('/project/src/pages/index.astro');
    expect(validateProject).not.toHaveBeenCalled();
  });
});
