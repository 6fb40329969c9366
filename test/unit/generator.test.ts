import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/lib/content/library';
import { buildRun } from '../../src/lib/run/build-run';
import { renderExport } from '../../src/lib/exports';
import { clientFromState, defaultState, slugify, stateFromClient, stateFromParams, stateToParams, type GeneratorState } from '../../src/lib/run/generator-form';
import { loadFixtureLibrary, XSS_PAYLOADS } from './helpers/fixture-library';

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

const TODAY = '2026-11-25';
const filled = (patch: Partial<GeneratorState> = {}): GeneratorState => ({
  ...defaultState(library, TODAY),
  name: 'Acme Ltd',
  contactName: 'Robin Park',
  contactEmail: 'robin@acme.example.com',
  ...patch,
});
const roundTrip = (state: GeneratorState) => stateFromParams(new URLSearchParams(stateToParams(state).toString()), library, '2030-01-01');

describe('the generator form in the URL', () => {
  it('starts with the fullest playbook, a person for every role and the playbook defaults', () => {
    expect(defaultState(library, TODAY)).toEqual({
      name: '',
      id: '',
      contactName: '',
      contactEmail: '',
      contactTitle: '',
      contactRole: '',
      start: '2025-12-25',
      end: '2026-12-25',
      notice: '',
      reason: '',
      playbook: 'standard',
      team: { lead: 'ana', finance: 'ben', ops: 'dee' },
      vars: { keepsDomains: 'true', handoverLink: '' },
      contacts: [],
      invoices: [],
      deliverables: [],
    });
  });

  // Each case is a function: the library loads in beforeAll, after the table is read.
  it.each([
    ['a filled form', () => filled()],
    ['a role left empty on purpose', () => filled({ team: { ...defaultState(library, TODAY).team, ops: '' } })],
    ['an answer changed from its default', () => filled({ vars: { keepsDomains: 'false', handoverLink: 'https://x.example/h?a=1&b=2#c' } })],
    ['invoices and deliverables', () => filled({
      invoices: [{ number: 'INV-1', amount: '12.5', currency: 'EUR', due: '2027-01-01' }, { number: 'INV&2', amount: '3', currency: 'USD', due: '2027-02-01' }],
      deliverables: [{ name: 'Logo files (final)', status: 'delivered' }],
    })],
    ['every end reason and a notice date', () => filled({ reason: 'for-cause', notice: '2026-11-23', contactTitle: 'CEO' })],
    ['a contact role (issue 14, item 9)', () => filled({ contactRole: 'billing' })],
    ['other contacts, one with a role', () => filled({ contacts: [{ name: 'Jordan Lee', email: 'accounts@acme.example.com', title: 'Accounts payable', role: 'billing' }, { name: 'Sam & Co', email: 'sam@acme.example.com', title: '', role: '' }] })],
    ['markup in every field', () => filled({ name: XSS_PAYLOADS[0], contactName: XSS_PAYLOADS[1], contactTitle: XSS_PAYLOADS[2] })],
  ])('round-trips %s', (_name, make) => {
    const state = make();
    expect(roundTrip(state)).toEqual(state);
  });

  it('ignores parameters it does not know and rows beyond the limit', () => {
    const params = new URLSearchParams('name=A&team.nobody=x&var.unknown=1&invoice.999.number=9&evil.__proto__.x=1&playbook=missing');
    const state = stateFromParams(params, library, TODAY);
    expect(state.team).toEqual(defaultState(library, TODAY).team);
    expect(state.vars).toEqual({ keepsDomains: 'true', handoverLink: '' });
    expect(state.invoices).toEqual([]);
    expect(state.playbook).toBe('standard');
  });
});

describe('the generator builds the same run as a client record', () => {
  it.each(['acme', 'birch', 'cobalt'])('%s: same items, dates, owners, emails and exports', (clientId) => {
    const record = library.clientById.get(clientId)!;
    const state = roundTrip(stateFromClient(record, library));
    const { client, problems } = clientFromState(state, library);
    expect(problems).toEqual([]);
    expect(client!.id).toBe(clientId);
    expect(client!.contacts).toEqual(record.contacts); // the other contacts too: an email may go to one by role
    const generated = buildRun(client!, library.playbookById.get(client!.playbook)!, library);
    const expected = buildRun(record, library.playbookById.get(record.playbook)!, library);
    expect(generated.items).toEqual(expected.items);
    expect(generated.excluded).toEqual(expected.excluded);
    const options = { locale: 'en-US', runUrl: `/clients/${clientId}/`, timestamp: 0 };
    for (const format of ['md', 'csv', 'ics'] as const) expect(renderExport(generated, format, options)).toBe(renderExport(expected, format, options));
  });
});

describe('problems with the form', () => {
  it.each([
    ['a missing name', { name: '' }, [{ field: 'name', message: 'required' }]],
    ['a bad email', { contactEmail: 'robin@' }, [{ field: 'email', message: 'expected an email address like name@example.com, found "robin@"' }]],
    ['no contact name', { contactName: '  ' }, [{ field: 'contact', message: 'required' }]],
    ['an id that is not kebab-case', { id: 'Acme Ltd' }, [{ field: 'id', message: 'expected a kebab-case id (lower-case letters, digits and hyphens, like "account-lead"), found "Acme Ltd"' }]],
    ['an end before the start', { start: '2027-01-01', end: '2026-12-01' }, [{ field: 'end', message: 'contract.end (2026-12-01) is not after contract.start (2027-01-01)' }]],
    ['a missing end', { end: '' }, [{ field: 'end', message: 'required' }]],
    ['a bad amount', { invoices: [{ number: 'I', amount: 'ten', currency: 'USD', due: '2027-01-01' }] }, [{ field: 'invoice.0.amount', message: 'expected an amount like 1250.50' }]],
    ['a bad currency', { invoices: [{ number: 'I', amount: '1', currency: 'usd', due: '2027-01-01' }] }, [{ field: 'invoice.0.currency', message: 'expected an ISO 4217 currency code like USD or EUR' }]],
    ['a bad email on another contact', { contacts: [{ name: 'Jordan', email: 'jordan@', title: '', role: 'billing' }] }, [{ field: 'contacts.0.email', message: 'expected an email address like name@example.com, found "jordan@"' }]],
    ['a yes/no answer that is neither', { vars: { keepsDomains: 'maybe', handoverLink: '' } }, [{ field: 'var.keepsDomains', message: 'expected yes or no' }]],
  ] as const)('%s is reported on its field', (_name, patch, expected) => {
    const { client, problems } = clientFromState(filled(patch as Partial<GeneratorState>), library);
    expect(client).toBeNull();
    expect(problems).toEqual(expected);
  });
});

describe('client ids from names', () => {
  it.each([
    ['Northwind Studio', 'northwind-studio'],
    ['Café Zoë & Co.', 'cafe-zoe-co'],
    ['  ACME -- Ltd  ', 'acme-ltd'],
    ['<img src=x onerror=alert(1)>', 'img-src-x-onerror-alert-1'],
    ['東京', 'client'],
  ])('%j → %s', (name, id) => {
    expect(slugify(name)).toBe(id);
  });
});
