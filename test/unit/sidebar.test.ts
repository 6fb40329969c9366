import { describe, expect, it } from 'vitest';
import type { SopEntry } from '../../src/lib/content/library';
import { href } from '../../src/lib/routes';
import { SIDEBAR_MAX_SOPS, sidebarSops } from '../../src/lib/views/sidebar';

const sops = (count: number, phase = 'closing') => Array.from({ length: count }, (_, i) => ({ id: `sop-${i + 1}`, phase, title: `SOP ${i + 1}` }) as SopEntry);

describe('the sidebar under a phase', () => {
  it("lists every SOP of the page's phase, and none of another phase", () => {
    const library = { sops: [...sops(3), ...sops(2, 'handover').map((sop) => ({ ...sop, id: `h-${sop.id}` }))] };
    const { listed, total } = sidebarSops(library, 'closing', href.sop('sop-2'));
    expect(listed.map((sop) => sop.id)).toEqual(['sop-1', 'sop-2', 'sop-3']);
    expect(total).toBe(3);
    expect(sidebarSops(library, undefined, '/').listed).toEqual([]);
  });

  it("lists only the page's own SOP when the phase has more than fit, so no page grows with the library", () => {
    const library = { sops: sops(SIDEBAR_MAX_SOPS + 1) };
    expect(sidebarSops(library, 'closing', href.sop('sop-7'))).toEqual({ listed: [library.sops[6]], total: SIDEBAR_MAX_SOPS + 1 });
    expect(sidebarSops(library, 'closing', href.phase('closing')).listed).toEqual([]);
    expect(sidebarSops({ sops: sops(SIDEBAR_MAX_SOPS) }, 'closing', '/').listed).toHaveLength(SIDEBAR_MAX_SOPS);
  });
});
