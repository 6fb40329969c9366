// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://offboarding.example.com/generate/" }
import { afterEach, describe, expect, it, vi } from 'vitest';

// The generator tab runs LiquidJS's browser build, whose file system fetches partials over HTTP from
// the page's own site. Load that build here, and watch for requests.
// @ts-expect-error -- the browser build has no declaration file of its own; it has the same API as 'liquidjs'
vi.mock('liquidjs', async () => await import('../../node_modules/liquidjs/dist/liquid.browser.mjs'));

const requests: string[] = [];
class RecordingXhr {
  status = 200;
  responseText = 'name: Northwind Studio';
  open(_method: string, url: string) {
    requests.push(url);
  }
  send() {}
}
vi.stubGlobal('XMLHttpRequest', RecordingXhr);
afterEach(() => {
  requests.length = 0;
});

const { createTemplateEngine, renderTemplate } = await import('../../src/lib/email/liquid');

describe('the generator (LiquidJS browser build)', () => {
  it.each([
    "{% render '../clients/northwind-studio/' %}",
    "{% include 'content/clients/northwind-studio.yaml' %}",
    "{% layout '/clients/northwind-studio/' %}",
  ])('%s requests nothing and names the problem', (source) => {
    expect(() => renderTemplate(createTemplateEngine('en-US'), source, {}, 'markdown')).toThrow(/^templates cannot include files/);
    expect(requests).toEqual([]);
  });

  it('stops nested loops over big ranges', () => {
    const source = '{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}';
    expect(() => renderTemplate(createTemplateEngine('en-US'), source, {}, 'markdown')).toThrow(/^this template does too much work: /);
  });
});
