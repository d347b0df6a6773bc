/**
 * Sender tricks: a display name holding an address or a brand other than the domain, look-alike domains
 * (confusables, punycode, one-letter swaps of the recipient's own domain or of well-known brands), Reply-To
 * or Return-Path to another organization. A domain's age cannot be known offline: said, not guessed.
 *
 * STUB (issue 7, helper B).
 */
import type { InspectContext, InspectPart, SenderData } from './types.js';

export function inspectSender(ctx: InspectContext): InspectPart<SenderData> {
  void ctx;
  return {
    data: { fromDomain: null, displayName: null, lookalikes: [], replyToDomains: [], returnPathDomain: null },
    findings: [],
  };
}
