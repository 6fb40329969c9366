import { AstroError } from 'astro/errors';

/**
 * The integration's errors, as data (after Astro's `core/errors/errors-data.ts`): a name, a title, a
 * message that says what happened and where, and a hint that says what to do.
 */
export interface SendoffErrorData {
  name: string;
  title: string;
  message: (...params: string[]) => string;
  hint: string;
}

const CONTENT_CHECK_FAILED = 'The content has problems; nothing was built.';

/** The pre-flight check found errors in the content: the build stops before it writes anything. */
export const ContentCheckFailed = {
  name: 'ContentCheckFailed',
  title: CONTENT_CHECK_FAILED,
  // Astro's terminal output shows the name and the message, not the title: the message starts with it.
  message: (report: string) => `${CONTENT_CHECK_FAILED}\n\n${report}`,
  hint: 'Fix each problem at the file:line:column shown, then build again. `npm run check` lists the same problems without building; a good dist/ from an earlier build is left as it was.',
} satisfies SendoffErrorData;

/** `SENDOFF_TODAY` is not a date: a usage mistake, reported like a content one. */
export const TodayInvalid = {
  name: 'TodayInvalid',
  title: 'SENDOFF_TODAY is not a date; nothing was built.',
  message: (problem: string) => `SENDOFF_TODAY is not a date; nothing was built: ${problem}`,
  hint: 'Set SENDOFF_TODAY to a real date written YYYY-MM-DD (like 2026-11-25), or unset it to use today.',
} satisfies SendoffErrorData;

/**
 * An `AstroError` (Astro's error for users, from `astro/errors`) for one of our errors. Its stack is
 * cleared: Astro prints "Stack trace:" for any error that has one, and a mistake in the content is the
 * author's to fix, not a crash of ours to debug.
 */
export function sendoffError<Data extends SendoffErrorData>(data: Data, ...params: Parameters<Data['message']>): AstroError {
  const error = new AstroError(data.message(...params), data.hint);
  error.name = data.name;
  Object.assign(error, { title: data.title });
  error.stack = '';
  return error;
}
