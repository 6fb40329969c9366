import { describe, expect, it } from 'vitest';
import { buildMailto } from '../../src/lib/email/mailto';

/** Reads a mailto: link back the way a mail app does (RFC 6068: percent-decoding, no `+` for space). */
function readMailto(link: string) {
  const [address, query = ''] = link.slice('mailto:'.length).split('?');
  const fields = Object.fromEntries(query.split('&').filter(Boolean).map((pair) => pair.split('=').map(decodeURIComponent)));
  return { to: decodeURIComponent(address!), subject: fields.subject ?? '', body: fields.body ?? '' };
}

describe('mailto: links', () => {
  it.each([
    ['plain', { to: ['alex@client.example.com'], subject: 'Hello', body: 'Hi Alex' }, 'mailto:alex@client.example.com?subject=Hello&body=Hi%20Alex'],
    ['a plus in the address', { to: ['a+b@x.example'], subject: 'S', body: '' }, 'mailto:a%2Bb@x.example?subject=S'],
    ['no recipient (internal email)', { to: [''], subject: 'Team notice', body: 'B' }, 'mailto:?subject=Team%20notice&body=B'],
    ['line breaks become CRLF', { to: ['a@x.example'], subject: 'S', body: 'one\ntwo\r\nthree' }, 'mailto:a@x.example?subject=S&body=one%0D%0Atwo%0D%0Athree'],
    ['field separators are encoded', { to: ['a@x.example'], subject: 'A&B? #1 = 100% +tax', body: '' }, 'mailto:a@x.example?subject=A%26B%3F%20%231%20%3D%20100%25%20%2Btax'],
    ['non-ASCII as UTF-8', { to: ['zoe@x.example'], subject: 'Zoë — merci', body: '' }, 'mailto:zoe@x.example?subject=Zo%C3%AB%20%E2%80%94%20merci'],
    ['two recipients', { to: ['a@x.example', 'b@x.example'], subject: '', body: '' }, 'mailto:a@x.example,b@x.example'],
  ])('%s', (_name, input, expected) => {
    expect(buildMailto(input)).toBe(expected);
  });

  it('reads back to exactly what was written', () => {
    const input = { to: ['alex@client.example.com'], subject: 'Final invoice: $4,200.00 & 50% off? #2', body: 'Hi Alex,\n\n- Invoice HP-1: $4,200.00\n\nThanks, Ines & Theo' };
    const read = readMailto(buildMailto(input));
    expect(read).toEqual({ to: input.to[0], subject: input.subject, body: input.body.replace(/\n/g, '\r\n') });
  });
});
