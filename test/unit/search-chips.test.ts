// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mountChips, type Filters, type SearchInstance } from '../../src/scripts/search-ui';

/** A stand-in for Pagefind's Component UI instance: records hooks, lets the test fire them. */
function fakeInstance(term: string) {
  const hooks = new Map<string, (...args: unknown[]) => void>();
  const instance: SearchInstance = {
    searchTerm: term,
    searchFilters: {} as Filters,
    faceted: false,
    pagefindOptions: {},
    on: (event, callback) => void hooks.set(event, callback),
    triggerLoad: async () => {},
    triggerSearch: () => {},
    triggerSearchWithFilters: () => {},
    triggerFilters: () => {},
  };
  return { instance, fire: (event: string, data: unknown) => hooks.get(event)!(data) };
}

describe('search filter chips', () => {
  it('count a tag named like an object property (`constructor`) as any other: 0 results is 0', () => {
    const container = document.createElement('div');
    const { instance, fire } = fakeInstance('archive');
    mountChips(container, instance, [{ name: 'tags', label: 'Tag', order: [] }]);
    fire('filters', { available: { tags: { contract: 1 } }, total: { tags: { contract: 1, constructor: 2 } } });
    const chip = container.querySelector<HTMLButtonElement>('[data-value="constructor"]')!;
    expect(chip.querySelector('.search-chip-count')!.textContent).toBe('0');
    expect(chip.disabled).toBe(true);
  });
});
