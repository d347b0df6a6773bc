/**
 * DNSSEC, as far as a stub resolver can tell: we do not validate signatures ourselves; the resolver we ask
 * does, if it validates, and says so with the AD bit (RFC 4035 3.2.3). AD on the domain's answers: signed and
 * validated. AD missing: either the domain is not signed or the resolver does not validate. To tell which,
 * we ask the resolver about the domain's top-level domain too (nearly every TLD is signed): AD there shows a
 * validating resolver, and then a missing AD on the domain means the domain is not signed.
 */
import type { Finding } from '../checks/types.js';
import { DnsError, errorCode, isNoRecords, type Answer, type RecordType } from '../dns/types.js';
import type { AuditContext, AuditSection, DnssecData } from './types.js';

/** The domain's own answers looked at (TXT and MX are asked by the other sections already: cache hits). */
const DOMAIN_TYPES: readonly RecordType[] = ['TXT', 'MX', 'NS'];

type Asked = { answer: Answer } | { error: unknown };

async function ask(ctx: AuditContext, name: string, type: RecordType): Promise<Asked> {
  try {
    return { answer: await ctx.dns.lookup(name, type) };
  } catch (err) {
    return { error: err };
  }
}

/** The TLD whose answer shows whether the resolver validates; null for a single-label name. */
export const probeNameOf = (domain: string): string | null => {
  const labels = domain.split('.');
  return labels.length > 1 ? labels.at(-1)! : null;
};

/**
 * What the answers say: validated when every answer with records carries AD, not when one lacks it, unknown
 * when none has records (then `error` says why: the first failure's code, or 'no-records').
 */
export function verdictOf(asked: readonly Asked[]): { validated: boolean | null; error: string | null } {
  const answers = asked.flatMap((a) => ('answer' in a ? [a.answer] : []));
  if (answers.length) return { validated: answers.every((a) => a.authenticated), error: null };
  const failure = asked.find((a) => 'error' in a && !isNoRecords(a.error));
  if (failure && 'error' in failure) return { validated: null, error: errorCode(failure.error) };
  return { validated: null, error: 'no-records' };
}

export async function auditDnssec(ctx: AuditContext): Promise<AuditSection<DnssecData>> {
  const { domain } = ctx;
  const probe = probeNameOf(domain);
  const data: DnssecData = { validated: null, resolverValidates: null, probe, error: null };
  const findings: Finding[] = [];
  try {
    const [probeAnswer, ...asked] = await Promise.all([
      probe
        ? ask(ctx, probe, 'NS')
        : Promise.resolve<Asked>({ error: new DnsError('EBADNAME', domain, 'NS') }),
      ...DOMAIN_TYPES.map((type) => ask(ctx, domain, type)),
    ]);
    const verdict = verdictOf(asked);
    data.validated = verdict.validated;
    data.error = verdict.error;
    // AD on the TLD (or on the domain itself) proves the resolver validates; its absence proves nothing.
    const probeValidated =
      probeAnswer !== undefined && 'answer' in probeAnswer && probeAnswer.answer.authenticated;
    data.resolverValidates = probeValidated || data.validated === true ? true : null;
    if (data.validated === true) findings.push({ id: 'dnssec.signed', params: { domain } });
    else if (data.validated === false && data.resolverValidates)
      findings.push({ id: 'dnssec.unsigned', params: { domain, tld: probe } });
    else if (data.validated === false)
      findings.push({ id: 'dnssec.not-validated', params: { domain, tld: probe } });
    else findings.push({ id: 'dnssec.unknown', params: { domain, code: data.error } });
  } catch (err) {
    data.error = errorCode(err);
    findings.push({ id: 'dnssec.unknown', params: { domain, code: data.error } });
  }
  return { data, findings };
}
