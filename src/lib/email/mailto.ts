/**
 * `mailto:` links that open the reader's mail app with the email filled in (RFC 6068). Every part is
 * percent-encoded as UTF-8, so `&`, `?`, `#`, `%`, `+` and `=` in a subject or body cannot end a field
 * early or be read as a space; line breaks are sent as CRLF (`%0D%0A`), as the RFC asks.
 */

export interface MailtoInput {
  /** Recipients; empty entries are left out (internal emails have no fixed recipient). */
  to: readonly string[];
  subject: string;
  body: string;
}

/**
 * Some mail apps (Outlook on Windows among them) cut `mailto:` links near 2,000 characters; the page
 * suggests the copy buttons for longer emails.
 */
export const MAILTO_SAFE_LENGTH = 2000;

/** Encodes one address, keeping its `@` readable (an encoded `%40` is valid but confuses some apps). */
function encodeAddress(address: string): string {
  return encodeURIComponent(address.trim()).replace(/%40/g, '@');
}

/** Builds `mailto:to?subject=…&body=…`. */
export function buildMailto({ to, subject, body }: MailtoInput): string {
  const recipients = to.filter((address) => address.trim() !== '').map(encodeAddress).join(',');
  const fields = [
    ['subject', subject],
    ['body', body.replace(/\r\n|\r|\n/g, '\r\n')],
  ]
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}=${encodeURIComponent(value!)}`);
  return `mailto:${recipients}${fields.length ? `?${fields.join('&')}` : ''}`;
}

/** "Name <address>" for an email's recipient (the address alone without a name; empty without an address). */
export function addressLabel({ to, toName }: { to: string; toName: string }): string {
  if (!to) return '';
  return toName ? `${toName} <${to}>` : to;
}

/** RFC 5322 specials: a display name with any of them is written as a quoted string. */
const NAME_SPECIALS = /[()<>[\]:;@\\,."]/;

/**
 * The recipient as a mail app's To field takes it: `Name <address>`, the name quoted when it holds
 * specials (`"Ng, Dr." <ng@x.example>`), so pasting it addresses exactly one person.
 */
export function mailbox({ to, toName }: { to: string; toName: string }): string {
  if (!to || !toName) return to;
  const name = NAME_SPECIALS.test(toName) ? `"${toName.replace(/["\\]/g, (char) => `\\${char}`)}"` : toName;
  return `${name} <${to}>`;
}
