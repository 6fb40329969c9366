import { beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import type { Library } from '../../src/lib/content/library';
import type { RenderContext } from '../../src/schemas';
import { createTemplateEngine } from '../../src/lib/email/liquid';
import { buildMailto } from '../../src/lib/email/mailto';
import { createRenderContext } from '../../src/lib/email/render-context';
import { renderEmail, type RenderedEmail } from '../../src/lib/run/build-run';
import { loadFixtureLibrary } from './helpers/fixture-library';

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

/** Renders one email body for the fixture client `acme`, with the context changed first. */
function render(body: string, patch: (context: RenderContext) => void = () => {}): RenderedEmail {
  const client = library.clientById.get('acme')!;
  const context = createRenderContext(library, client, undefined, 'lead');
  patch(context);
  const template = { id: 'test', title: 'Test', subject: 'Test', audience: 'client' as const, body };
  return renderEmail(createTemplateEngine('en-US'), template, context);
}

/** The links of an HTML fragment as a browser reads them: [href attribute, text]. */
function links(html: string): [string | null, string][] {
  const document = new Window().document;
  document.body.innerHTML = html;
  return [...document.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent ?? '']);
}

/** The body field of a `mailto:` link, decoded as a mail app decodes it. */
function mailtoBody(email: RenderedEmail): string {
  const mailto = buildMailto({ to: [email.to], subject: email.subject, body: email.text });
  return decodeURIComponent(/[?&]body=([^&]*)/.exec(mailto)![1]!).replace(/\r\n/g, '\n');
}

/** URLs whose characters Markdown would read as syntax, or that an escape would change. */
const NASTY_URLS = [
  'https://cal.example.com/harbour_pine/x?month=2027-01&tz=UTC',
  'https://example.com/~user/*stars*/__under__/~~tilde~~/',
  'https://en.example.org/wiki/Offboarding_(business)#History',
  'https://example.com/path%20with%2Fencoded?q=%E2%9C%93&next=%2Fa%3Fb%3Dc',
  'https://example.com/?a=1&amp=2&copy=3&lt=4',
  "https://example.com:8443/a!b$c'd,e;f=g@h+i",
  'https://example.com/#/route?x=(1)&y=*2*',
  'mailto:billing_team@example.com?subject=Invoice%20%2342&body=Hi%21',
] as const;

describe('a URL in a template reaches every output exactly', () => {
  describe.each(NASTY_URLS)('%s', (url) => {
    const withUrl = (context: RenderContext) => {
      context.links = { booking: url };
    };

    it('bare in a sentence: one link, exact href and text, exact in plain text and mailto', () => {
      const email = render('Pick a time: {{ links.booking }}\n\nThanks.', withUrl);
      expect(links(email.html)).toEqual([[url, url]]);
      expect(email.text).toBe(`Pick a time: ${url}\n\nThanks.`);
      expect(mailtoBody(email)).toBe(email.text);
    });

    it('followed by a full stop, the stop is not part of the link', () => {
      const email = render('Pick a time at {{ links.booking }}.', withUrl);
      expect(links(email.html)).toEqual([[url, url]]);
      expect(email.text).toBe(`Pick a time at ${url}.`);
    });

    it('as the destination of a Markdown link', () => {
      const email = render('[Pick a time]({{ links.booking }}) this week.', withUrl);
      expect(links(email.html)).toEqual([[url, 'Pick a time']]);
      expect(email.text).toBe(`Pick a time (${url}) this week.`);
      expect(mailtoBody(email)).toBe(email.text);
    });

    it('as both the text and the destination of a link, in a quote and a list', () => {
      const email = render('> [{{ links.booking }}]({{ links.booking }})\n\n- {{ links.booking }}', withUrl);
      expect(links(email.html)).toEqual([[url, url], [url, url]]);
      expect(email.text).toBe(`> ${url}\n\n- ${url}`);
    });

    it('in inline code, as text', () => {
      const email = render('Copy `{{ links.booking }}` into the calendar.', withUrl);
      expect(links(email.html)).toEqual([]);
      expect(email.text).toBe(`Copy ${url} into the calendar.`);
    });
  });

  it('a URL inside a longer client value is linked exactly, the rest shown literally', () => {
    const email = render('Handover: {{ client.name }}', (context) => {
      context.client.name = 'see https://drive.example.com/a_b?x=1&y=2, then *ask* [us]';
    });
    expect(links(email.html)).toEqual([['https://drive.example.com/a_b?x=1&y=2', 'https://drive.example.com/a_b?x=1&y=2']]);
    expect(email.text).toBe('Handover: see https://drive.example.com/a_b?x=1&y=2, then *ask* [us]');
  });

  it('an email address stays exact', () => {
    const email = render('Write to {{ contact.email }}.', (context) => {
      context.contact.email = 'first_last+tag@acme-co.example.com';
    });
    expect(links(email.html)).toEqual([['mailto:first_last+tag@acme-co.example.com', 'first_last+tag@acme-co.example.com']]);
    expect(email.text).toBe('Write to first_last+tag@acme-co.example.com.');
  });
});

describe('client values that look like Markdown are still shown literally', () => {
  it.each([
    ['<b>Acme_</b>', []],
    ['[x](javascript:alert(1))', []],
    ['*Acme* _Co_ ~~old~~ `code` # not a heading', []],
    ['javascript:alert(1)', []],
    ['[click](https://evil.example.com/a_b)', [['https://evil.example.com/a_b', 'https://evil.example.com/a_b']]],
    ['<https://evil.example.com/x>', [['https://evil.example.com/x', 'https://evil.example.com/x']]],
  ] as const)('%s', (name, expectedLinks) => {
    const email = render('Client: {{ client.name }}', (context) => {
      context.client.name = name;
    });
    const document = new Window().document;
    document.body.innerHTML = email.html;
    expect(document.body.textContent).toBe(`Client: ${name}`);
    expect(links(email.html)).toEqual(expectedLinks);
    expect(email.text).toBe(`Client: ${name}`);
    expect(email.html).not.toMatch(/<(b|script|em|strong|del|code|h1)\b/);
  });
});
