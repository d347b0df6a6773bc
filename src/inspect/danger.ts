/**
 * What in the message is dangerous: attachments (executables, double extensions, RTL override, macros,
 * archives holding those, encrypted archives with the password in the body, HTML attachments with forms),
 * links (text naming another domain, shorteners, IP hosts, credential forms, DBL/SURBL/URIBL listings;
 * never fetched), and words of pressure in Japanese and English. Reuses the report's attachment and link
 * checks rather than judging the same things twice.
 *
 * STUB (issue 7, helper B).
 */
import type { DangerData, InspectContext, InspectPart } from './types.js';

export function inspectDanger(ctx: InspectContext): InspectPart<DangerData> {
  void ctx;
  return {
    data: { attachments: 0, dangerousAttachments: 0, links: 0, deceptiveLinks: 0, pressureWords: [] },
    findings: [],
  };
}
