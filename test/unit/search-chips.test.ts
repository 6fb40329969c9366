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

  it('in the dialog: type chips without the empty ones, and one drop-down per other filter that sets and clears it', () => {
    const container = document.createElement('div');
    const { instance, fire } = fakeInstance('access');
    const searches: Filters[] = [];
    instance.triggerSearchWithFilters = (_term, filters) => void searches.push(filters);
    mountChips(container, instance, [{ name: 'type', label: 'Type', order: ['SOP', 'Email', 'Playbook'] }, { name: 'phase', label: 'Phase', order: ['Announce', 'Finance'] }], { compact: true });
    fire('filters', { available: { type: { SOP: 7, Email: 4, Playbook: 0 }, phase: { Finance: 3, Announce: 0 } }, total: { type: { SOP: 15, Email: 11, Playbook: 3 }, phase: { Finance: 5, Announce: 6 } } });
    expect([...container.querySelectorAll('.search-chip')].map((chip) => chip.textContent)).toEqual(['SOP7', 'Email4']);
    const phase = container.querySelector<HTMLSelectElement>('select[data-filter="phase"]')!;
    expect(phase.closest('label')!.textContent).toContain('Phase');
    expect([...phase.options].map((option) => [option.text, option.disabled])).toEqual([['Any phase', false], ['Announce (0)', true], ['Finance (3)', false]]);
    phase.value = 'Finance';
    phase.dispatchEvent(new Event('change'));
    expect(searches.at(-1)).toEqual({ phase: ['Finance'] });
    instance.searchFilters = { phase: ['Finance'] };
    fire('filters', { available: { type: { SOP: 2 }, phase: { Finance: 3 } }, total: { type: { SOP: 15 }, phase: { Finance: 5, Announce: 6 } } });
    const again = container.querySelector<HTMLSelectElement>('select[data-filter="phase"]')!;
    expect(again.value).toBe('Finance');
    again.value = '';
    again.dispatchEvent(new Event('change'));
    expect(searches.at(-1)).toEqual({});
  });
});
