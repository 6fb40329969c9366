import type { ClientEntry, Library } from '../content/library';

/**
 * A made-up client that email pages render templates with, so a template can be read with real-looking
 * values without putting any real client's data on a page that search indexes.
 */
export function sampleClient(library: Library): ClientEntry {
  const team = Object.fromEntries(
    library.team.roles.flatMap((role) => {
      const person = library.team.people.find((candidate) => candidate.roles.includes(role.id));
      return person ? [[role.id, person.id]] : [];
    }),
  );
  return {
    id: 'sample-client',
    name: 'Sample Client Co.',
    playbook: library.playbooks[0]?.id ?? 'standard-retainer',
    contract: { start: '2025-04-01', end: '2027-03-31', reason: 'client-ended' },
    contacts: [{ name: 'Jamie Rivera', email: 'jamie@client.example.com', title: 'Marketing Director', primary: true }],
    team,
    outstanding: {
      invoices: [{ number: 'INV-1042', amount: 3150, currency: 'USD', due: '2027-04-14' }],
      deliverables: [{ name: 'Website source files', status: 'in-progress' }],
    },
    vars: { handoverLink: 'https://files.example.com/sample-client/handover' },
    done: {},
  };
}
