import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from '../../src/lib/email/plain-text';

describe('emails as plain text', () => {
  it.each([
    ['bold labels lose their asterisks', '**Notice given:** Friday', 'Notice given: Friday'],
    ['a link keeps its address', '[book a call](https://cal.example.com/a)', 'book a call (https://cal.example.com/a)'],
    ['a bare link is written once', '<https://example.com/x>', 'https://example.com/x'],
    ['an email link is written once', '<theo@example.com>', 'theo@example.com'],
    ['a single line break stays', 'Theo Okafor\nAccount lead', 'Theo Okafor\nAccount lead'],
    ['paragraphs are separated by a blank line', 'One.\n\nTwo.', 'One.\n\nTwo.'],
    ['bullets stay bullets', '- a\n- b', '- a\n- b'],
    ['numbered lists keep their numbers', '3. c\n4. d', '3. c\n4. d'],
    ['a wrapped list item is indented', '- first line\n  second line', '- first line\n  second line'],
    ['quotes keep their marker', '> We worked with them\n> and liked it', '> We worked with them\n> and liked it'],
    ['escaped client text is shown literally', 'Acme \\*Co\\* \\<b\\>', 'Acme *Co* <b>'],
    ['inline code shows its text', 'use `INV-1`', 'use INV-1'],
    ['raw HTML is dropped, as in the HTML version', 'a <b>bold</b> move', 'a bold move'],
    ['tables become rows of cells', '| a | b |\n| - | - |\n| 1 | 2 |', 'a | b\n1 | 2'],
    ['a task list shows its boxes', '- [ ] todo\n- [x] done', '- [ ] todo\n- [x] done'],
  ])('%s', (_name, markdown, expected) => {
    expect(markdownToPlainText(markdown)).toBe(expected);
  });
});
