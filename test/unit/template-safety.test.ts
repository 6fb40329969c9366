import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lib/check/validate';
import { createTemplateEngine, renderTemplate, type OutputMode } from '../../src/lib/email/liquid';
import { buildRun } from '../../src/lib/run/build-run';
import { fixtureProject } from '../fixture-project';
import { loadFixtureLibrary } from './helpers/fixture-library';

/** Templates that would read a file: the tag, and a path that exists relative to the working folder. */
const FILE_TAGS = [
  "{% render 'content/clients/northwind-studio.yaml' %}",
  "{% include 'content/company.yaml' %}",
  "{% include 'snippets/missing.md' %}",
  "{% layout 'content/team.yaml' %}Hi",
  "{% liquid\n  render 'content/company.yaml'\n%}",
] as const;

/** Templates that would run for minutes or fill the memory if nothing stopped them. */
const HEAVY = {
  'two nested loops over big ranges': '{% for i in (1..100000) %}{% for j in (1..100000) %}{{ i }}{% endfor %}{% endfor %}',
  'a loop over an enormous range': '{% for i in (1..100000000000) %}x{% endfor %}',
  'deep loops over a short list': `{% assign a = "abcdefghijklmnopqrstuvwxyz" | split: "" %}${'{% for x in a %}'.repeat(5)}some literal text${'{% endfor %}'.repeat(5)}`,
  'a string doubled until it is huge': `{% assign s = "xxxxxxxxxx" %}${'{% assign s = s | append: s %}'.repeat(40)}{{ s | size }}`,
  'a template longer than any email': 'x'.repeat(1_000_001),
} as const;

describe('templates read no files', () => {
  describe.each(['markdown', 'text'] as OutputMode[])('%s engine', (mode) => {
    it.each(FILE_TAGS)('%s is refused before anything is read', (source) => {
      const engines = createTemplateEngine('en-US');
      let output: string | undefined;
      let error: unknown;
      try {
        output = renderTemplate(engines, source, {}, mode);
      } catch (caught) {
        error = caught;
      }
      expect(output).toBeUndefined();
      expect(String((error as Error).message)).toMatch(/^templates cannot include files/);
      expect(String((error as Error).message)).not.toMatch(/ENOENT/);
    });
  });
});

describe('templates do a bounded amount of work', () => {
  it.each(Object.entries(HEAVY))('%s stops within a couple of seconds with a clear error', (_name, source) => {
    const engines = createTemplateEngine('en-US');
    const started = performance.now();
    expect(() => renderTemplate(engines, source, { client: { name: 'Acme' } }, 'markdown')).toThrow(/^this template does too much work: /);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('leaves ordinary loops over client data alone', () => {
    const engines = createTemplateEngine('en-US');
    const invoices = Array.from({ length: 50 }, (_, i) => ({ number: `INV-${i}`, amount: i }));
    const output = renderTemplate(engines, '{% for a in invoices %}{% for b in invoices %}.{% endfor %}{% endfor %}{% for i in (1..1000) %}{{ i }}{% endfor %}', { invoices }, 'markdown');
    expect(output.length).toBe(2500 + 2893);
  });

  it('a run (the build, the dev server, the generator) stops a heavy email instead of hanging', async () => {
    const library = await loadFixtureLibrary();
    const client = library.clientById.get('acme')!;
    const playbook = library.playbookById.get(client.playbook)!;
    const email = library.emails.find((entry) => buildRun(client, playbook, library).items.some((item) => item.email?.id === entry.id))!;
    email.body = HEAVY['two nested loops over big ranges'];
    const started = performance.now();
    expect(() => buildRun(client, playbook, library)).toThrow(/too much work/);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('sendoff check', () => {
  it('reports file tags and heavy templates at their line, without reading or hanging', async () => {
    const { diagnostics } = await validateProject(await fixtureProject('template-files'), { today: '2026-11-25', cache: false });
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}`);
    expect(errors).toMatchInlineSnapshot(`
      [
        "templates/emails/include.md:7:1 template: templates cannot include files: \`{% include %}\` would copy another file into the email — an email is one file: write the text into it (the sign-off is \`{{ company.signature }}\`, a link \`{{ links.<name> }}\`)",
        "templates/emails/layout.md:6:1 template: templates cannot include files: \`{% layout %}\` would copy another file into the email — an email is one file: write the text into it (the sign-off is \`{{ company.signature }}\`, a link \`{{ links.<name> }}\`)",
        "templates/emails/loops.md:8:1 template: this template does too much work: its loops and filters go over 100,000 items or characters — loop over the client's data, such as \`outstanding.invoices\`; the limits keep check, the build and the generator from hanging",
        "templates/emails/render.md:8:1 template: templates cannot include files: \`{% render %}\` would copy another file into the email — an email is one file: write the text into it (the sign-off is \`{{ company.signature }}\`, a link \`{{ links.<name> }}\`)",
        "templates/emails/subject.md:3:17 template: subject: templates cannot include files: \`{% include %}\` would copy another file into the email — an email is one file: write the text into it (the sign-off is \`{{ company.signature }}\`, a link \`{{ links.<name> }}\`)",
      ]
    `);
  });
});
