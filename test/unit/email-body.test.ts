import { beforeAll, describe, expect, it } from 'vitest';
import { teamMember, type Library } from '../../src/lib/content/library';
import { createTemplateEngine } from '../../src/lib/email/liquid';
import { isPlainValue, renderEmailBody, renderEmailBodyUncached } from '../../src/lib/email/email-body';
import { createRenderContext } from '../../src/lib/email/render-context';
import { loadFixtureLibrary, XSS_PAYLOADS } from './helpers/fixture-library';

/**
 * An email body parsed once per template and filled in per client must be exactly what parsing the
 * client's own Markdown gives, for every value in every place a template can put it.
 */
const engines = createTemplateEngine('en-US');

/** Values that could change how Markdown reads, and ordinary ones that take the shared parse. */
const VALUES = [
  'Acme',
  'Harbour & Pine',
  "O'Brien-Smith",
  'Zoë Ångström 2',
  'Friday, January 29, 2027',
  '1',
  '- item',
  '1. first',
  '*Acme*',
  '**Acme',
  'Acme*',
  'a_b_',
  'www',
  'w',
  'example',
  'example.com',
  'c1@example.com',
  'https://example.com/a_b',
  'mailto:a@b.c',
  'amp',
  'p',
  '',
  ' Acme',
  'Acme  ',
  'two\nlines',
  'two\n\n# lines',
  'x`y',
  'a\\b',
  '===',
  '    code',
  '[link](javascript:alert(1))',
  'Ünïcödé',
  ...XSS_PAYLOADS,
];

/** Places a value can sit in a template: around emphasis, at a line start, in links and code, next to autolinks and entities. */
const TEMPLATES = [
  'Hi {{ v }},\n\nThanks.',
  '{{ v }}',
  '**{{ v }}**',
  'a**{{ v }}**b',
  '_{{ v }}_ and *{{ v }}*',
  'snake_{{ v }}_case',
  '{{ v }}. next',
  '{{ v }}) next',
  '- {{ v }}\n- two',
  '1. {{ v }}',
  '# {{ v }}',
  '{{ v }}\n===',
  '{{ v }}\n---',
  'www.{{ v }}',
  'ww{{ v }}.example.com',
  'x@{{ v }}',
  '{{ v }}@example.com',
  'see {{ v }}.com',
  'http{{ v }}://example.com',
  'https://{{ v }}',
  '[{{ v }}](https://example.com)',
  '[text]({{ v }})',
  '[{{ v }}]\n\n[acme]: https://example.com',
  '`{{ v }}`',
  '`x {{ v }} y',
  '    {{ v }}',
  '&{{ v }};',
  '&am{{ v }};',
  '\\{{ v }}',
  '<{{ v }}>',
  '<span {{ v }}>x</span>',
  '| a | b |\n| --- | --- |\n| {{ v }} | c |',
  '~~{{ v }}~~',
  '{{ v }}  \nnext',
  'A line\n{{ v }}\nB line',
  '> {{ v }}',
  '{% capture c %}**{{ v }}**{% endcapture %}{{ c }} and {{ c }}',
  '{% if v == "Acme" %}Hello {{ v }}{% else %}Bye {{ v }}{% endif %}',
  '{{ v | upcase }} {{ v | size }} {{ v | append: "." }}',
];

describe('an email body parsed once per template', () => {
  it.each(TEMPLATES)('is what the whole pipeline writes, for every value, in %j', (template) => {
    for (const value of VALUES) {
      const context = { v: value };
      expect(renderEmailBody(engines, template, context), JSON.stringify(value)).toEqual(renderEmailBodyUncached(engines, template, context));
    }
  });

  let library: Library;
  beforeAll(async () => {
    library = await loadFixtureLibrary();
  });

  it('is what the whole pipeline writes for every email of every fixture client, sent by every role', () => {
    for (const client of library.clients) {
      for (const role of library.team.roles) {
        const context = createRenderContext(library, client, teamMember(library, client, role.id), role.id);
        for (const email of library.emails) {
          expect(renderEmailBody(engines, email.body, context)).toEqual(renderEmailBodyUncached(engines, email.body, context));
        }
      }
    }
  });

  it('shares the parse only for one-line values without link, code or HTML characters', () => {
    expect(['Acme', 'Harbour & Pine', "O'Brien-Smith", 'Friday, January 29, 2027', 'Zoë 2'].filter(isPlainValue)).toHaveLength(5);
    expect(['', '1', ' Acme', 'Acme ', 'Dr. Ng', 'a@b', 'www', 'two\nlines', 'x`y', '<b>', '*Acme*', 'https://x'].filter(isPlainValue)).toEqual(['www']);
  });
});
