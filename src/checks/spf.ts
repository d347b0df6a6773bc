/** SPF (RFC 7208) — STUB: to be implemented. */
import type { DnsResolver } from '../dns/resolver.js';
import type { AuthResult, SpfAuth } from '../report/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export interface SpfQuery {
  ip: string;
  /** '' is the null sender: postmaster@HELO is checked. */
  mailFrom: string;
  helo: string | null;
}

export interface SpfEvaluation {
  result: AuthResult;
  domain: string | null;
  mechanism: string | null;
  explanation: string | null;
  record: string | null;
  lookups: number | null;
}

/** One SPF evaluation (the `mailscore spf` command and the check share it). */
export async function evaluateSpf(_query: SpfQuery, _resolver: DnsResolver): Promise<SpfEvaluation> {
  return { result: 'none', domain: null, mechanism: null, explanation: null, record: null, lookups: null };
}

export async function checkSpf(_ctx: CheckContext): Promise<CheckOutput<SpfAuth>> {
  return {
    result: { result: 'none', domain: null, mechanism: null, record: null, identity: 'mailfrom', explanation: null, lookups: null, helo: null },
    findings: [],
  };
}
