/** Link checks: deceptive links, URI blocklists, reachability — STUB: to be implemented. */
import type { ContentModel } from '../content/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export interface LinkCheckOptions {
  /** Fetch links to see whether they answer (HEAD, then GET). On in the service, off in the CLI. */
  reachability: boolean;
}

export async function checkLinks(
  _ctx: CheckContext,
  _content: ContentModel,
  _options: LinkCheckOptions,
): Promise<CheckOutput<null>> {
  return { result: null, findings: [] };
}
