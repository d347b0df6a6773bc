/**
 * The message's body for people to read (the report page shows it in a sandboxed frame): its HTML part,
 * else its text part. Separate from parseMessage, which decodes bodies only when a check needs them.
 */
import { simpleParser } from 'mailparser';
import { LIMITS } from '../limits.js';

export interface ReadableBody {
  html: string | null;
  text: string | null;
  /** Over LIMITS.maxMimeParseBytes: not decoded. */
  tooLarge: boolean;
}

export async function decodeReadableBody(raw: Buffer): Promise<ReadableBody> {
  if (raw.length > LIMITS.maxMimeParseBytes) return { html: null, text: null, tooLarge: true };
  try {
    // cid: images become data: URLs (mailparser's default), so inline images show without any fetch.
    const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
    return {
      html: typeof mail.html === 'string' ? mail.html : null,
      text: typeof mail.text === 'string' ? mail.text : null,
      tooLarge: false,
    };
  } catch {
    return { html: null, text: null, tooLarge: false };
  }
}
