/**
 * Why an external filter (spamd, rspamd) gave no verdict, as a code: the check turns it into words
 * (src/i18n, spamFilter.error's `reason`), the log keeps the one-line message.
 */
export type FilterErrorCode =
  /** Nothing listens, or the connection was refused or reset before a request was sent. */
  | 'unreachable'
  /** No answer within the time allowed (connect, read or total). */
  | 'timeout'
  /** The answer is not what the protocol says (garbage, a bad status line, bad JSON). */
  | 'protocol'
  /** The answer is larger than we read. */
  | 'too-large'
  /** The connection closed before the whole answer arrived. */
  | 'closed'
  /** The filter answered with an error of its own (spamd EX_* code, an HTTP error status). */
  | 'refused'
  /** The analysis stopped waiting (its deadline passed or it was cancelled). */
  | 'aborted'
  /** Anything else (a fault in the engine itself). */
  | 'failed';

export class FilterError extends Error {
  constructor(
    readonly code: FilterErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FilterError';
  }
}

/** The code of any error a filter threw: ours as they are, anything else as 'failed'. */
export const filterErrorCode = (err: unknown): FilterErrorCode =>
  err instanceof FilterError ? err.code : 'failed';

/** One line for the log: bounded, control characters folded (an answer's text may be anything). */
export const describeFilterError = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err))
    .replace(/[\x00-\x1f\x7f]+/g, ' ')
    .trim()
    .slice(0, 200) || 'unknown error';
