/** The word list's file name inside the search bundle (`/pagefind/`): written by the build, read by the dialog. */
export const WORDS_FILE = 'sendoff-words.json';
