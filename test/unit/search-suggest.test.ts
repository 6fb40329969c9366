import { describe, expect, it } from 'vitest';
import { suggestQuery, wordsOf } from '../../src/lib/search/suggest';

// Commonest first, as the build writes them: "invoices" is nearer "invoce" than nothing, but "invoice" is commoner.
const WORDS = ['client', 'invoice', 'archive', 'payment', 'reminder', 'invoices', 'notice', 'testimonial', 'keys', 'gift'];

describe('did you mean', () => {
  it('corrects a swapped pair of letters to the word the index has', () => {
    expect(suggestQuery('invioce', WORDS)).toBe('invoice');
    expect(suggestQuery('Testimonail', WORDS)).toBe('testimonial');
  });

  it('corrects only the unknown word of a phrase and keeps the others as typed', () => {
    expect(suggestQuery('archve client', WORDS)).toBe('archive client');
    expect(suggestQuery('payment remider', WORDS)).toBe('payment reminder');
  });

  it('prefers the commoner of two equally near words', () => {
    expect(suggestQuery('invoicex', WORDS)).toBe('invoice');
  });

  it('offers nothing for known words, a word still being typed, short words, numbers or words nothing is near', () => {
    expect(suggestQuery('invoice reminder', WORDS)).toBeNull();
    expect(suggestQuery('invo', WORDS)).toBeNull();
    expect(suggestQuery('kes', WORDS)).toBeNull();
    expect(suggestQuery('INV-1042', WORDS)).toBeNull();
    expect(suggestQuery('zzzzzzz', WORDS)).toBeNull();
    expect(suggestQuery('   ', WORDS)).toBeNull();
  });

  it('a short word gets one edit at most, or two swapped neighbours', () => {
    expect(suggestQuery('nodice', WORDS)).toBe('notice');
    expect(suggestQuery('gitf', WORDS)).toBe('gift');
    expect(suggestQuery('gxfx', WORDS)).toBeNull();
  });

  it('reads words as search does: lower case, letters only, four letters or more', () => {
    expect(wordsOf("Send the client's final Invoice INV-1042 — Größe")).toEqual(["send", "client's", 'final', 'invoice', 'größe']);
  });
});
