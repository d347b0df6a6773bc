/**
 * Aligned sending ("authenticated delivery"): the From domain, the envelope sender, the passing DKIM
 * signature and the PTR name of the sending IP all belong to one organizational domain, and DKIM is an
 * author signature, not only a third party's. Receivers build reputation per domain; when every identity
 * is the sender's own, the reputation is theirs alone. Informational: DMARC and DKIM rows carry the cost.
 */
import { domainOf, domainsAlign, normalizeDomain, organizationalDomain } from '../names/org-domain.js';
import type { Auth } from '../report/types.js';
import { suggestedHost } from './iprev.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

/** One identity compared with the From domain: its current name(s) and whether it is in the same organization. */
export interface AlignedIdentity {
  /** 'MAIL FROM' / 'HELO' (the SPF identity), 'DKIM d=' or 'PTR': protocol words, the same in every language. */
  label: string;
  current: string[];
  aligned: boolean;
  /** What to change it to (a name in the sender's own domain). */
  target: string;
}

/** Shown where an identity has no name at all (no passing DKIM signature, no PTR). */
const MISSING = '–';

/** The envelope identity SPF checked: MAIL FROM, or HELO for the null sender. Null when neither is known. */
function envelopeIdentity(ctx: CheckContext, auth: Auth, fromDomain: string): AlignedIdentity | null {
  const { mailFrom, helo } = ctx.envelope;
  const viaHelo = auth.spf.identity === 'helo' || !mailFrom;
  const domain = viaHelo ? normalizeDomain(helo ?? '') : domainOf(mailFrom);
  if (!domain) return null;
  return {
    label: viaHelo ? 'HELO' : 'MAIL FROM',
    current: [domain],
    aligned: domainsAlign(domain, fromDomain),
    target: viaHelo ? suggestedHost(ctx) : fromDomain,
  };
}

/** DKIM: aligned when a passing signature is the author's own (its d= in the From domain's organization). */
function dkimIdentity(auth: Auth, fromDomain: string): AlignedIdentity {
  const passing = auth.dkim
    .filter((sig) => sig.result === 'pass' && !sig.skipped && sig.domain)
    .map((sig) => normalizeDomain(sig.domain!));
  const unique = [...new Set(passing)];
  return {
    label: 'DKIM d=',
    current: unique,
    aligned: unique.some((domain) => domainsAlign(domain, fromDomain)),
    target: fromDomain,
  };
}

/** PTR: the forward-confirmed names when there are any. Null when reverse DNS was not judged (private IP, DNS failure). */
function ptrIdentity(ctx: CheckContext, auth: Auth, fromDomain: string): AlignedIdentity | null {
  const { iprev } = auth;
  const names = iprev.confirmed.length ? iprev.confirmed : iprev.ptr;
  const judged = names.length > 0 || iprev.result === 'permerror';
  if (!judged) return null;
  return {
    label: 'PTR',
    current: names,
    aligned: names.some((name) => domainsAlign(name, fromDomain)),
    target: suggestedHost(ctx),
  };
}

/** "LABEL: current → target", in protocol notation that reads the same in English and Japanese. */
const changeOf = (identity: AlignedIdentity): string =>
  `${identity.label}: ${identity.current.join(' ') || MISSING} → ${identity.target}`;

export function checkAlignment(ctx: CheckContext, auth: Auth): CheckOutput<null> {
  const fromDomain = normalizeDomain(ctx.message.from[0]?.domain ?? '');
  // Without a From domain there is nothing to align with; the format and DMARC checks say why.
  if (!fromDomain) return { result: null, findings: [] };
  const orgDomain = organizationalDomain(fromDomain) || fromDomain;

  const envelope = envelopeIdentity(ctx, auth, fromDomain);
  const dkim = dkimIdentity(auth, fromDomain);
  const ptr = ptrIdentity(ctx, auth, fromDomain);
  const identities = [envelope, dkim, ptr].filter(
    (identity): identity is AlignedIdentity => identity !== null,
  );
  const off = identities.filter((identity) => !identity.aligned);

  const params = {
    fromDomain,
    orgDomain,
    ip: ctx.envelope.clientIp,
    envelopeDomain: envelope?.current[0] ?? null,
    dkimDomains: dkim.current,
    thirdPartyDkim: dkim.current.filter((domain) => !domainsAlign(domain, fromDomain)),
    ptr: ptr?.current ?? [],
    aligned: identities.filter((identity) => identity.aligned).map((identity) => identity.label),
    misaligned: off.map((identity) => identity.label),
  };
  const finding: Finding = off.length
    ? { id: 'alignment.partial', params: { ...params, changes: off.map(changeOf) } }
    : { id: 'alignment.aligned', params };
  return { result: null, findings: [finding] };
}
