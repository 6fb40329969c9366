// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAP_CHOICE_KEY, mapSummaryCount, pointsAtMap, writeMapChoice } from '../../src/lib/maps/map-disclosure';
import { INLINE_SCRIPTS } from '../../src/site/csp';

const blocked = () => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
  location.hash = '';
  document.body.innerHTML = '';
});

describe("the SOP map's size beside its title", () => {
  it.each([
    [6, 2, '6 tasks · 2 of other SOPs'],
    [6, 1, '6 tasks · 1 of another SOP'],
    [6, 0, '6 tasks'],
    [1, 0, '1 task'],
    [1, 3, '1 task · 3 of other SOPs'],
  ])('%i tasks, %i of other SOPs: "%s"', (tasks, external, expected) => {
    expect(mapSummaryCount({ tasks, external })).toBe(expected);
  });
});

describe("the reader's choice in this browser", () => {
  it('writes nothing, without throwing, when storage is blocked (privacy mode) or full', () => {
    expect(() => writeMapChoice(blocked, 'open')).not.toThrow();
    const quota = { setItem: () => blocked() };
    expect(() => writeMapChoice(() => quota, 'open')).not.toThrow();
  });

  it('writes open and closed under one key', () => {
    writeMapChoice(() => localStorage, 'open');
    expect(localStorage.getItem(MAP_CHOICE_KEY)).toBe('open');
    writeMapChoice(() => localStorage, 'closed');
    expect(localStorage.getItem(MAP_CHOICE_KEY)).toBe('closed');
  });
});

describe('a link that points at the map', () => {
  it.each([
    ['#process-map', true],
    ['#checklist', false],
    ['#process-map-2', false],
    ['', false],
  ])('%s: %s', (hash, expected) => {
    expect(pointsAtMap(hash)).toBe(expected);
  });
});

describe('the inline script that opens the map before it is shown', () => {
  /** Runs the script as the page does, on a closed disclosure, and says whether it opened it. */
  function run(): boolean {
    document.body.innerHTML = '<details data-map-disclosure><summary>Process map</summary><p>map</p></details>';
    new Function(INLINE_SCRIPTS.sopMap)();
    return document.querySelector('details')!.open;
  }

  it.each([
    ['nothing stored, no hash', null, '', false],
    ['stored open', 'open', '', true],
    ['stored closed', 'closed', '', false],
    ['something else stored', 'yes', '', false],
    ['stored closed, the link points at the map', 'closed', '#process-map', true],
    ['a link to another heading', null, '#checklist', false],
  ])('%s: open is %s', (_name, stored, hash, expected) => {
    if (stored !== null) localStorage.setItem(MAP_CHOICE_KEY, stored);
    location.hash = hash;
    expect(run()).toBe(expected);
  });

  it('leaves the map closed when storage is blocked, and still opens it for a link to it', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(blocked);
    expect(run()).toBe(false);
    location.hash = '#process-map';
    expect(run()).toBe(true);
  });
});
