/**
 * Clipboard writes for the copy buttons. The async Clipboard API needs a secure context (https or
 * localhost); an internal site served over plain http falls back to the older selection copy, which
 * also carries HTML, so "copy as rich text" still pastes formatted into Gmail or Outlook.
 */

/** Copies plain text. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;top:0;left:0;opacity:0;';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy was refused');
}

/** Copies formatted text: HTML for mail apps and editors, plain text for everything else. */
export async function copyRich(html: string, text: string): Promise<void> {
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write && window.isSecureContext) {
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([text], { type: 'text/plain' }),
      }),
    ]);
    return;
  }
  const holder = document.createElement('div');
  holder.innerHTML = html; // the sanitised email body already on the page
  holder.style.cssText = 'position:fixed;top:0;left:0;opacity:0;white-space:pre-wrap;';
  document.body.append(holder);
  const range = document.createRange();
  range.selectNodeContents(holder);
  const selection = getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  const ok = document.execCommand('copy');
  selection.removeAllRanges();
  holder.remove();
  if (!ok) throw new Error('copy was refused');
}
