/** A content filter engine: SpamAssassin (spamd), rspamd, or our built-in rules. */
import type { ParsedMessage } from '../../message/types.js';
import type { Envelope, SpamFilterResult } from '../../report/types.js';
import type { ContentModel } from '../types.js';

export interface FilterInput {
  message: ParsedMessage;
  envelope: Envelope;
  content: ContentModel;
}

export interface SpamFilterEngine {
  readonly name: SpamFilterResult['engine'];
  /** The engine's verdict with every rule that fired; rejects (with a one-line reason) when the engine fails. */
  check(input: FilterInput, signal: AbortSignal): Promise<SpamFilterResult>;
}
