/** The content filter's verdict as a check — STUB: to be implemented. */
import type { SpamFilterEngine } from '../content/filters/types.js';
import type { ContentModel } from '../content/types.js';
import type { SpamFilterResult } from '../report/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export async function checkSpamFilter(
  _ctx: CheckContext,
  _content: ContentModel,
  _engine: SpamFilterEngine,
): Promise<CheckOutput<SpamFilterResult | null>> {
  return { result: null, findings: [] };
}
