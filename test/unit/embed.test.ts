import { describe, expect, it } from 'vitest';
import { serializeJsonForHtml } from '../../src/lib/run/embed-json';
import { cssString } from '../../src/lib/run/print-footer';

describe('JSON inside a <script> element', () => {
  it.each([
    '</script><script>alert(1)</script>',
    '<!-- <script>',
    'a & b > c',
    'line\u2028separator\u2029paragraph',
  ])('cannot close the element: %j', (text) => {
    const json = serializeJsonForHtml({ text, nested: [text] });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ text, nested: [text] });
  });
});

describe('CSS strings for the print footer', () => {
  it.each([
    ['Northwind Studio', '"Northwind Studio"'],
    ['Say "hi"', '"Say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['two\nlines', '"two\\Alines"'], // `\A` then a letter that is not a hex digit
    ['</style><script>alert(1)</script>', '"\\3c /style>\\3c script>alert(1)\\3c /script>"'],
  ])('%j is written %s', (value, expected) => {
    expect(cssString(value)).toBe(expected);
  });
});
