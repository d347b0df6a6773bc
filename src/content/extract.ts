/** Decodes a message's content once — STUB: to be implemented. */
import type { ParsedMessage } from '../message/types.js';
import type { ContentModel } from './types.js';

export async function extractContent(_message: ParsedMessage): Promise<ContentModel> {
  return {
    text: null,
    html: null,
    htmlText: null,
    links: [],
    images: [],
    attachments: [],
    charsets: [],
    truncated: false,
    error: null,
  };
}
