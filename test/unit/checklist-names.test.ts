import { describe, expect, it } from 'vitest';
import { shortTaskName } from '../../src/lib/content/ids';

describe('short task names for "Depends on"', () => {
  it.each([
    ['send-handover', 'Send handover'],
    ['deliverables-handover#send-handover', 'Send handover'],
    ['plan-the-offboarding#open-run', 'Open run'],
    ['account_at_zero', 'Account at zero'],
  ])('%s → %s', (id, name) => {
    expect(shortTaskName(id)).toBe(name);
  });
});
