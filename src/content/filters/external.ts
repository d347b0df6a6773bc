/** What the external engines (spamd, rspamd) share: a ping for the start-time choice, the message they get. */
import type { SpamFilterEngine } from './types.js';

export interface ExternalFilter extends SpamFilterEngine {
  /** Where it is, for the log (host:port or URL). */
  readonly location: string;
  /** Resolves when the engine answers its ping; rejects with a FilterError otherwise. */
  ping(signal?: AbortSignal): Promise<void>;
}

/**
 * The bytes handed to a filter: the whole message up to `maxBytes`, else cut after the last line end
 * before the bound (a cut mid-line could leave half a multibyte character or half an encoded word).
 */
export function messageForFilter(raw: Buffer, maxBytes: number): Buffer {
  if (raw.length <= maxBytes) return raw;
  const lastLineEnd = raw.lastIndexOf(0x0a, maxBytes - 1);
  return raw.subarray(0, lastLineEnd > 0 ? lastLineEnd + 1 : maxBytes);
}
