/**
 * SPF record audit: one v=spf1 record, syntax, the include/redirect tree with each node's lookup count
 * (limit 10) and void lookups (limit 2), the `all` qualifier, ptr, the answer size, missing includes, and,
 * when a sending IP is given, whether the record authorizes it. A dead branch ends as temperror in that
 * branch only. The parts: spf/syntax.ts (terms), spf/tree.ts (the walk), spf/record.ts (records to
 * publish), spf/findings.ts (what is wrong, with the record that fixes it).
 */
import { isIP } from 'node:net';
import { evaluateSpf, ipTerm, recordWithIp } from '../checks/spf.js';
import type { Finding } from '../checks/types.js';
import type { AuthResult } from '../report/types.js';
import { spfFindings } from './spf/findings.js';
import { txtAnswerBytes, zoneValue } from './spf/record.js';
import { walkSpfTree } from './spf/tree.js';
import type { AuditContext, AuditSection, SpfAuditData } from './types.js';

/** What a result that is not a pass costs: fail as for a message; none, permerror and temperror are already counted by the record's own findings. */
const IP_RESULT_COST: Partial<Record<AuthResult, number>> = { fail: 2, softfail: 0.5, neutral: 0.5 };

export async function auditSpf(ctx: AuditContext): Promise<AuditSection<SpfAuditData>> {
  const { domain, dns } = ctx;
  const ip = ctx.options.ip?.trim() && isIP(ctx.options.ip.trim()) ? ctx.options.ip.trim() : null;
  try {
    // Asked at once; the MX answer is read only when there is no record (it picks the record to suggest).
    const hasMx = dns.records(domain, 'MX').then(
      (mx) => mx.some((m) => m.exchange !== '' && m.exchange !== '.'),
      () => false,
    );
    const [walk, evaluation] = await Promise.all([
      walkSpfTree(domain, dns),
      ip ? evaluateSpf({ ip, mailFrom: `postmaster@${domain}`, helo: null }, dns) : null,
    ]);
    const none = walk.root.error === 'not-found' || walk.root.error === 'no-record';
    const newRecord = ip
      ? `v=spf1 ${ipTerm(ip)} ~all`
      : none && (await hasMx)
        ? 'v=spf1 mx ~all'
        : 'v=spf1 -all';
    const out = spfFindings({ domain, walk, newRecord });
    const findings = [...out.findings];
    if (ip && evaluation) findings.push(ipFinding(domain, ip, evaluation, out.corrected ?? walk.root.record));
    return {
      data: {
        record: walk.root.record,
        lookups: walk.root.totalLookups,
        voidLookups: walk.root.totalVoidLookups ?? 0,
        tree: walk.root,
        all: out.all,
        ipResult: evaluation?.result ?? null,
        records: walk.rootRecords,
        ipMechanism: evaluation?.mechanism ?? null,
        answerBytes: walk.rootTxt ? txtAnswerBytes(domain, walk.rootTxt) : null,
        complete: walk.temperrors.length === 0 && !walk.truncated,
      },
      findings,
    };
  } catch {
    // Nothing above should throw; if it does, the audit still arrives with this section as temperror.
    return {
      data: {
        record: null,
        lookups: 0,
        voidLookups: 0,
        tree: null,
        all: null,
        ipResult: null,
        complete: false,
      },
      findings: [
        {
          id: 'spf.record-temperror',
          params: { domain, names: [domain] },
        },
      ],
    };
  }
}

function ipFinding(
  domain: string,
  ip: string,
  evaluation: { result: AuthResult; mechanism: string | null },
  record: string | null,
): Finding {
  if (evaluation.result === 'pass') {
    return { id: 'spf.ip-authorized', params: { domain, ip, mechanism: evaluation.mechanism } };
  }
  const suggested = record ? recordWithIp(record, ip) : `v=spf1 ${ipTerm(ip)} ~all`;
  return {
    id: 'spf.ip-not-authorized',
    params: {
      domain,
      ip,
      result: evaluation.result,
      mechanism: evaluation.mechanism,
      suggested: zoneValue(suggested),
      cost: IP_RESULT_COST[evaluation.result] ?? 0,
    },
  };
}
