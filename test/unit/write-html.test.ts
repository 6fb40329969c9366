import { beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Nodes } from 'hast';
import type { Library } from '../../src/lib/content/library';
import { renderRunHtml, renderRunTree } from '../../src/lib/run/run-html';
import { clientRunHtmlOptions } from '../../src/lib/run/run-html-options';
import { escapeText, writeHtml } from '../../src/lib/run/write-html';
import { h as build } from '../../src/lib/run/h';
import { clientRun, loadFixtureLibrary, XSS_PAYLOADS } from './helpers/fixture-library';

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

const reference = (tree: Nodes) => toHtml(tree, { allowDangerousHtml: true });

/** Parses HTML in a DOM: what a browser would make of it. */
function parse(html: string) {
  const element = new Window().document.createElement('div');
  element.innerHTML = html;
  return element;
}

describe('writeHtml writes what hast-util-to-html writes', () => {
  it.each(XSS_PAYLOADS)('on a whole run whose client fields are all %j', (payload) => {
    const run = clientRun(library, 'acme', (client) => {
      client.name = payload;
      client.notes = payload;
      client.contacts[0]!.name = payload;
      client.contacts[0]!.title = payload;
      client.contacts[0]!.email = `${payload}@example.com`;
      client.outstanding.invoices[0]!.number = payload;
      client.outstanding.deliverables[0]!.name = payload;
      client.vars.handoverLink = payload;
    });
    const options = clientRunHtmlOptions(library, run.client.id, '2026-11-25');
    const html = renderRunHtml(run, options);
    expect(html).toContain(`<h1>${escapeText(payload)}</h1>`);
    expect(html).toBe(reference(renderRunTree(run, options)));
  });

  it('on every run of the fixture library', () => {
    for (const client of library.clients) {
      const run = clientRun(library, client.id);
      const options = clientRunHtmlOptions(library, client.id, '2026-11-25');
      expect(renderRunHtml(run, options)).toBe(reference(renderRunTree(run, options)));
    }
  });

  it('on attributes of every kind: boolean, overloaded boolean, numbers, lists, data and aria', () => {
    const tree = h('div', [
      h('input', { type: 'checkbox', checked: true, disabled: false, value: 0, max: Number.NaN }),
      h('a', { href: '/x', download: 'a "file".md', dataExport: '', ariaHidden: 'true' }, 'x'),
      h('a', { download: true }, 'y'),
      h('details', { open: true, className: ['one', 'two'], htmlFor: 'z', dateTime: '2027-01-01' }),
      h('input', { accept: ['.md', '.csv'], dataList: ['a', 'b'] }),
      h('br'),
      { type: 'raw', value: '<p>sanitised body</p>' },
    ]);
    expect(writeHtml(tree)).toBe(reference(tree));
  });
});

describe('writeHtml escapes by construction', () => {
  it.each(XSS_PAYLOADS)('keeps %j as the text and the attribute value it was, with no element made', (payload) => {
    const written = writeHtml(h('p', { title: payload, dataText: `${payload}\`'\0` }, payload, h('span', payload)));
    const element = parse(written);
    expect(element.querySelectorAll('script, img, svg, style, iframe').length).toBe(0);
    const p = element.querySelector('p')!;
    expect(p.getAttribute('title')).toBe(payload);
    expect(p.textContent).toBe(payload + payload);
    expect(p.children.length).toBe(1);
  });

  it('refuses what it does not write safely rather than writing it another way', () => {
    expect(() => writeHtml(h('script', 'alert(1)'))).toThrow(/does not write <script>/);
    expect(() => writeHtml(h('div', h('style', 'p{}')))).toThrow(/does not write <style>/);
    expect(() => writeHtml({ type: 'comment', value: '-->' })).toThrow(/does not write comment nodes/);
    expect(() => writeHtml(h('div', { 'on"click': 'x' }))).toThrow(/no plain attribute name/);
  });
});

describe('the run document\'s element builder (h.ts) builds what hastscript builds', () => {
  // The same calls through both builders, written by hast-util-to-html: the page cannot change.
  const calls: [string, ...unknown[]][] = [
    ['p.run-task.print-only#first', { dataKey: 'a#b@1', ariaLabelledBy: 'x y', title: '"quoted" & <tagged>' }, 'text ', 3, null, undefined, ['nested ', ['deeper']]],
    ['input.run-check', { type: 'checkbox', id: 'c', checked: true, disabled: false }],
    ['input', { type: 'text', value: 'typed' }],
    ['button', { type: 'button', dataAction: 'print' }, 'Print'],
    ['a', { href: 'mailto:a@b?subject=x&body=y', download: 'file.md', dataExport: '' }, 'Export'],
    ['progress', { max: 300, value: 0, ariaLabel: 'Tasks done', hidden: Number.NaN }],
    ['div.email-body', {}, { type: 'raw', value: '<p>sanitised</p>' }],
    ['div.one', { className: 'two three' }, 'merged classes'],
    ['span.fill', { dataTickedOn: '' }],
    ['br'],
  ];
  it.each(calls)('h(%j, …)', (selector, ...rest) => {
    const ours = build(selector, ...(rest as Parameters<typeof build>[1][]));
    const theirs = h(selector, ...(rest as Parameters<typeof h>[1][]));
    expect(writeHtml(ours)).toBe(reference(theirs));
    expect(reference(ours)).toBe(reference(theirs));
  });

  it('takes an element or a raw node as the first child, not as properties', () => {
    expect(writeHtml(build('div', build('span', 'a'), 'b'))).toBe('<div><span>a</span>b</div>');
    expect(writeHtml(build('div', { type: 'raw', value: '<b>x</b>' }))).toBe('<div><b>x</b></div>');
    expect(writeHtml(build('div', { type: 'text', value: '<b>' }))).toBe('<div>&#x3C;b></div>');
  });

  it('escapes text and attribute values it is given, whatever the selector list cached', () => {
    const first = writeHtml(build('p.same', { title: '"a"' }, '<i>'));
    const second = writeHtml(build('p.same', { title: '<b>' }, '&'));
    expect(first).toBe('<p class="same" title="&#x22;a&#x22;">&#x3C;i></p>');
    expect(second).toBe('<p class="same" title="<b>">&#x26;</p>');
  });

  it('refuses a selector or a child it does not know, rather than writing something else', () => {
    expect(() => build('p > span')).toThrow(/not a tag name followed by \.class and #id parts/);
    expect(() => build('div', true as never)).toThrow(/is not a child/);
    expect(() => build('div', {}, { type: 'doctype' } as never)).toThrow(/is not a child/);
  });
});
