/** Attachment checks — STUB: to be implemented. */
import type { ContentModel } from '../content/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export function checkAttachments(_ctx: CheckContext, _content: ContentModel): CheckOutput<null> {
  return { result: null, findings: [] };
}
