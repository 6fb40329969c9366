import { copyRich, copyText } from './clipboard';

/**
 * The copy buttons of an email, wherever it is shown (a client's run, an email template's page): a
 * `button[data-copy="to" | "subject" | "text" | "html"]` inside a `[data-email]` element that carries
 * `data-subject` and `data-text` (and `data-to`, "Name <address>", when it has a recipient), with the
 * sanitised body in `[data-email-body]`.
 */

export type CopyKind = 'to' | 'subject' | 'text' | 'html';

const WHAT: Record<CopyKind, string> = { to: 'Recipient', subject: 'Subject', text: 'Email text', html: 'Formatted email' };

/** Copies what the button names, shows "Copied" on it for a moment, and says so through `announce`. */
export async function copyFromEmail(button: HTMLButtonElement, announce: (message: string) => void): Promise<void> {
  const email = button.closest<HTMLElement>('[data-email]')!;
  const kind = button.dataset.copy as CopyKind;
  const what = WHAT[kind];
  try {
    if (kind === 'to') await copyText(email.dataset.to ?? '');
    else if (kind === 'subject') await copyText(email.dataset.subject ?? '');
    else if (kind === 'text') await copyText(email.dataset.text ?? '');
    else await copyRich(email.querySelector('[data-email-body]')?.innerHTML ?? '', email.dataset.text ?? '');
    flash(button, 'Copied');
    announce(`${what} copied.`);
  } catch {
    flash(button, 'Copy failed');
    announce(`${what} could not be copied; select it and copy by hand.`);
  }
}

function flash(button: HTMLButtonElement, label: string): void {
  const original = button.dataset.label ?? button.textContent ?? '';
  button.dataset.label = original;
  button.textContent = label;
  button.classList.add('flash');
  setTimeout(() => {
    button.textContent = original;
    button.classList.remove('flash');
  }, 1600);
}
