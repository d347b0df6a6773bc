/** DMARC (RFC 9989) — STUB: to be implemented. */
import type { ArcAuth, DkimSignatureAuth, DmarcAuth, SpfAuth } from '../report/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export interface DmarcInput {
  spf: SpfAuth;
  dkim: DkimSignatureAuth[];
  arc: ArcAuth;
}

/** The DMARC result, and the DKIM signatures with `aligned` set under the record's adkim. */
export interface DmarcOutput extends CheckOutput<DmarcAuth> {
  dkim: DkimSignatureAuth[];
}

/** Starts the DMARC record lookups at once, so they overlap SPF and DKIM instead of following them. */
export function prefetchDmarc(_ctx: CheckContext): void {}

export async function checkDmarc(_ctx: CheckContext, input: DmarcInput): Promise<DmarcOutput> {
  return {
    result: {
      result: 'none', domain: null, policy: null, spfAligned: false, dkimAligned: false, record: null, recordDomain: null,
      p: null, sp: null, np: null, aspf: null, adkim: null, rua: false, ruf: false, disposition: null,
    },
    dkim: input.dkim,
    findings: [],
  };
}
