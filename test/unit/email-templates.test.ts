import { beforeAll, describe, expect, it } from 'vitest';
import { createLibrary, type Library } from '../../src/lib/content/library';
import type { Due } from '../../src/schemas/due';
import { describeCondition, playbookQuestions } from '../../src/lib/email/condition-words';
import { createTemplateEngine } from '../../src/lib/email/liquid';
import { createRenderContext, firstName } from '../../src/lib/email/render-context';
import { sampleClient, sampleEmailRender } from '../../src/lib/email/sample-client';
import { emailsInSendOrder } from '../../src/lib/email/send-order';
import { renderEmail } from '../../src/lib/run/build-run';
import { loadFixtureLibrary } from './helpers/fixture-library';

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

const render = (body: string, client = library.clientById.get('acme')!) =>
  renderEmail(createTemplateEngine('en-US'), { id: 't', title: 'T', subject: 'S', audience: 'client', body }, createRenderContext(library, client, undefined, 'lead')).text;

describe('the render context', () => {
  it.each([
    ['Alex Moreno', 'Alex'],
    ['  Cy   Doe ', 'Cy'],
    ['Prince', 'Prince'],
    ['Ana María López', 'Ana'],
  ])('%j has the first name %j', (name, first) => {
    expect(firstName(name)).toBe(first);
  });

  it('greets the primary contact by first name', () => {
    expect(render('Hi {{ contact.firstName }},')).toBe('Hi Cy,');
  });

  it('leaves out a title the contact does not have, so `{% if contact.title %}` is false', () => {
    const body = '{% if contact.title %}Dear {{ contact.title }}{% else %}Dear colleague{% endif %}';
    expect(render(body)).toBe('Dear Head of Marketing');
    const untitled = structuredClone(library.clientById.get('acme')!);
    delete untitled.contacts[0]!.title;
    expect(render(body, untitled)).toBe('Dear colleague');
  });
});

describe('the sample client of the email pages', () => {
  it('ends its name without a full stop, so a sentence ending in it has one', () => {
    expect(render('We thank {{ client.name }}.', sampleClient(library))).toMatch(/^We thank [^.]+[^.]\.$/);
  });

  it('renders an email as sent by the role of the first task that sends it (page and check alike)', () => {
    // meeting is sent by handover#invite, owned by lead (the SOP's owner is ops).
    const meeting = sampleEmailRender(library, library.emailById.get('meeting')!);
    expect(meeting.role).toBe('lead');
    expect(meeting.owner?.name).toBe(library.personById.get(meeting.client.team.lead!)?.name);
    expect(meeting.email.subject).toBe(`Handover meeting for ${meeting.client.name}`);
    expect(meeting.email.text).toMatch(/^Hi Jamie Rivera,/);
  });
});

describe('emails in the order a run sends them', () => {
  it('dates each by its send: or its first sending task, on real dates (notice+1bd comes before -21d)', () => {
    expect(emailsInSendOrder(library).map(({ email }) => email.id)).toEqual(['hello', 'meeting', 'invoice', 'check-in']);
  });

  it('takes an email’s own send: over its tasks, and puts an email nothing dates last', () => {
    const changed: Library = {
      ...library,
      emails: library.emails.map((email) => (email.id === 'meeting' ? { ...email, send: { anchor: 'end', days: 100, unit: 'calendar' } } : email.id === 'hello' ? { ...email, id: 'unsent' } : email)),
    };
    expect(emailsInSendOrder(changed).map(({ email }) => email.id)).toEqual(['invoice', 'check-in', 'meeting', 'unsent']);
  });
});

describe('emails dated from another task (issue 14, item 2)', () => {
  const withSend = (id: string, send: Due) => createLibrary({ ...library, emails: library.emails.map((email) => (email.id === id ? { ...email, send } : email)) });
  it('dates an email whose send: counts from a task by that task’s date (same SOP as its sender, or <sop-id>#<item-id>)', () => {
    // meeting is sent by handover#invite (-21d): 100 days after it is +79d, between the invoice (0d) and the check-in (+90d).
    expect(emailsInSendOrder(withSend('meeting', { anchor: 'item', from: 'invite', days: 100, unit: 'calendar' })).map(({ email }) => email.id)).toEqual(['hello', 'invoice', 'meeting', 'check-in']);
    // 2 days after the check-in task (+90d) of another SOP: last, and no longer undated (an undated email would sort by title: before check-in).
    expect(emailsInSendOrder(withSend('hello', { anchor: 'item', from: 'follow-up#check-in', days: 2, unit: 'calendar' })).map(({ email }) => email.id)).toEqual(['meeting', 'invoice', 'check-in', 'hello']);
  });

  it('dates an email by its sending task’s anchored due when it has no send:', () => {
    // follow-up#check-in counts from ask-testimonial (+7d) minus 14 days: -7d, before the invoice.
    const anchored = createLibrary({
      ...library,
      sops: library.sops.map((sop) => (sop.id === 'follow-up' ? { ...sop, checklist: sop.checklist.map((item) => (item.id === 'check-in' ? { ...item, due: { anchor: 'item' as const, from: 'ask-testimonial', days: -14, unit: 'calendar' as const } } : item)) } : sop)),
    });
    expect(emailsInSendOrder(anchored).map(({ email }) => email.id)).toEqual(['hello', 'meeting', 'check-in', 'invoice']);
  });
});

describe('conditions in words', () => {
  const questions = {
    keepsDomains: { type: 'boolean' as const, description: 'Does the client keep the domains?' },
    tier: { type: 'string' as const, description: 'Which support tier?' },
  };
  it.each([
    ['outstanding.invoices.size > 0', 'there are outstanding invoices'],
    ['outstanding.invoices.size >= 1', 'there are outstanding invoices'],
    ['outstanding.invoices.size == 0', 'there are no outstanding invoices'],
    ['outstanding.deliverables.size > 2', 'there are more than 2 open deliverables'],
    ['vars.keepsDomains', 'the answer to “Does the client keep the domains?” is yes'],
    ['not vars.keepsDomains', 'the answer to “Does the client keep the domains?” is no'],
    ['vars.keepsDomains == false', 'the answer to “Does the client keep the domains?” is no'],
    ['vars.tier == "gold"', 'the answer to “Which support tier?” is “gold”'],
    ['contract.reason == "for-cause"', 'the contract ends for cause'],
    ['contract.reason != "for-cause" and outstanding.invoices.size > 0', 'the contract does not end for cause and there are outstanding invoices'],
    ['vars.keepsDomains or contract.reason == "mutual"', 'the answer to “Does the client keep the domains?” is yes or both sides agreed to end the contract'],
  ])('%s → %s', (condition, words) => {
    expect(describeCondition(condition, questions)).toBe(words);
  });

  it.each([
    'vars.unknownQuestion', // not a question of any playbook
    'vars.tier', // a string's truthiness says nothing a reader can use
    'contract.reason == "budget"', // no such reason
    'outstanding.invoices.first.amount > 1000',
    'vars.keepsDomains and outstanding.invoices.size > 0 or contract.reason == "mutual"', // Liquid groups this right to left
    'client.name contains "Acme"',
    'outstanding.invoices[0]',
    '{{ vars.keepsDomains }}', // not a condition
  ])('leaves %j as written', (condition) => {
    expect(describeCondition(condition, questions)).toBeNull();
  });

  it('reads a playbook question from any playbook that asks it', () => {
    expect(describeCondition('vars.keepsDomains', playbookQuestions(library.playbooks))).toBe('the answer to “Keeps domains?” is yes');
  });
});
