/** List-Unsubscribe and the bulk-sender rules — STUB: to be implemented. */
import type { ContentModel } from '../content/types.js';
import type { DkimSignatureAuth } from '../report/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export function checkUnsubscribe(
  _ctx: CheckContext,
  _content: ContentModel,
  _dkim: DkimSignatureAuth[],
): CheckOutput<null> {
  return { result: null, findings: [] };
}
