/**
 * ARC (RFC 8617): validates the chain of ARC sets that forwarders (mailing lists, gateways) add, so
 * a receiver can trust the authentication results recorded before the message was changed.
 *
 * mailauth's `arc()` does the validation on what its DKIM verifier gathered (the chain, and the
 * newest ARC-Message-Signature already verified), asking for the seal keys through our DNS session
 * and reusing the DKIM check's key cache. Lenient mode, as for DKIM (see docs in dkim.ts and the
 * ARC suite test for where that differs from the ARC drafts).
 */
import { arc } from 'mailauth/lib/arc/index.js';
import type { ArcAuth } from '../report/types.js';
import { normalizeDomain } from '../names/org-domain.js';
import { keyNameOf } from './dkim.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

interface ArcSet {
  i: number;
  'arc-seal'?: { parsed?: Record<string, { value?: unknown } | undefined> };
}

/** The shape of the verifier's hidden `arc` data that we read. */
interface ArcData {
  chain: ArcSet[] | false;
  lastEntry?: ArcSet;
  error?: Error;
}

const isArcData = (value: unknown): value is ArcData =>
  typeof value === 'object' && value !== null && 'chain' in value;

const tagOf = (set: ArcSet | undefined, tag: string): string | null => {
  const value = set?.['arc-seal']?.parsed?.[tag]?.value;
  return typeof value === 'string' && value ? value : null;
};

export async function checkArc(ctx: CheckContext, arcInput: unknown): Promise<CheckOutput<ArcAuth>> {
  const sealFields = ctx.message.headers.filter((h) => h.key === 'arc-seal').length;
  if (!isArcData(arcInput)) {
    // The DKIM verifier failed before gathering the chain: nothing was validated.
    const result: ArcAuth =
      sealFields > 0
        ? { result: 'permerror', sets: sealFields, reason: 'the ARC chain could not be read' }
        : { result: 'none', sets: 0, reason: null };
    return { result, findings: [arcFinding(result, null, null)] };
  }

  const sets = arcInput.chain ? arcInput.chain.length : sealFields;
  const newest = arcInput.lastEntry;
  const sealer = normalizeDomain(tagOf(newest, 'd') ?? '') || null;
  const selector = tagOf(newest, 's');
  let result: ArcAuth;
  try {
    const validation = await arc(arcInput as Parameters<typeof arc>[0], {
      resolver: ctx.dns.mailauthResolver,
    });
    const word = validation.status.result;
    result = {
      result: word === 'pass' || word === 'fail' ? word : 'none',
      sets: word === 'none' ? 0 : sets,
      reason: word === 'fail' ? (validation.status.comment ?? 'the chain does not validate') : null,
    };
  } catch (err) {
    // arc() turns every failure into a result; this is a bug guard, never a crash of the report.
    const reason = `validation error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 200);
    result = { result: 'permerror', sets, reason };
  }
  return { result, findings: [arcFinding(result, sealer, selector)] };
}

function arcFinding(result: ArcAuth, sealer: string | null, selector: string | null): Finding {
  if (result.result === 'none') return { id: 'arc.none' };
  const params = {
    sets: result.sets,
    sealer,
    keyName: sealer ? keyNameOf(selector, sealer) : null,
    reason: result.reason,
  };
  return { id: result.result === 'pass' ? 'arc.pass' : 'arc.fail', params };
}
