import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { morphChildren } from '../../src/scripts/morph';

/** The generator's re-render: the markup changes, the nodes that are still there stay the same nodes. */
function setup(before: string) {
  const { document } = new Window();
  const target = document.createElement('div');
  target.innerHTML = before;
  const update = (after: string) => {
    const next = document.createElement('template');
    next.innerHTML = after;
    morphChildren(target as unknown as Element, next.content as unknown as ParentNode);
    return target.innerHTML;
  };
  return { target, update };
}

describe('morphChildren', () => {
  it('rewrites changed text and attributes in the nodes that hold them', () => {
    const { target, update } = setup('<h1 class="a">Acme</h1><ol><li id="t-1"><label for="c-1">One</label></li></ol>');
    const label = target.querySelector('label')!;
    const heading = target.querySelector('h1')!;
    expect(update('<h1 class="b">Acme &amp; Sons</h1><ol><li id="t-1"><label for="c-1">One</label></li></ol>')).toBe('<h1 class="b">Acme &amp; Sons</h1><ol><li id="t-1"><label for="c-1">One</label></li></ol>');
    expect(target.querySelector('label')).toBe(label);
    expect(target.querySelector('h1')).toBe(heading);
  });

  it('matches elements by id, so a task that comes or goes leaves the others in place', () => {
    const { target, update } = setup('<ol><li id="t-1">One</li><li id="t-2">Two</li><li id="t-3">Three</li></ol>');
    const [one, , three] = [...target.querySelectorAll('li')];
    expect(update('<ol><li id="t-1">One</li><li id="t-3">Three</li><li id="t-4">Four</li></ol>')).toBe('<ol><li id="t-1">One</li><li id="t-3">Three</li><li id="t-4">Four</li></ol>');
    const after = [...target.querySelectorAll('li')];
    expect(after[0]).toBe(one);
    expect(after[1]).toBe(three);
  });

  it('keeps an email the reader opened open, and what the reader ticked ticked', () => {
    const { target, update } = setup('<details><summary>Email</summary>Hi A</details><input type="checkbox">');
    target.querySelector('details')!.setAttribute('open', '');
    (target.querySelector('input') as unknown as HTMLInputElement).checked = true;
    expect(update('<details><summary>Email</summary>Hi B</details><input type="checkbox">')).toBe('<details open=""><summary>Email</summary>Hi B</details><input type="checkbox">');
    expect((target.querySelector('input') as unknown as HTMLInputElement).checked).toBe(true);
  });

  it('replaces what changed kind, and removes what is gone', () => {
    const { update } = setup('<p class="gen-empty">Fill in the client</p><span>x</span>');
    expect(update('<div data-run=""><h1>Acme</h1></div>')).toBe('<div data-run=""><h1>Acme</h1></div>');
  });
});
