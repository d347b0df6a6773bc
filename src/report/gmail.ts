/**
 * How Gmail shows the message, by the rules in ../shared/CONTRACT.md (Gmail display rules).
 * A pure function of the authentication results, the From domain and the transport.
 */
import { domainsAlign } from '../names/org-domain.js';
import type { DkimSignatureAuth, GmailPrediction, SpfAuth, TlsInfo } from './types.js';

export interface GmailInput {
  fromDomain: string;
  spf: Pick<SpfAuth, 'result' | 'domain'>;
  dkim: Array<Pick<DkimSignatureAuth, 'result' | 'domain'>>;
  tls: TlsInfo | null;
}

export function predictGmail({ fromDomain, spf, dkim, tls }: GmailInput): GmailPrediction {
  const spfPass = spf.result === 'pass' && !!spf.domain;
  const passingDkim = dkim.filter((sig) => sig.result === 'pass' && sig.domain);
  const firstDkimDomain = passingDkim[0]?.domain ?? null;
  const questionMark = !spfPass && passingDkim.length === 0;

  let via: string | null = null;
  if (!questionMark) {
    const dkimAligned = passingDkim.some((sig) => domainsAlign(sig.domain!, fromDomain));
    const spfAligned = passingDkim.length === 0 && spfPass && domainsAlign(spf.domain!, fromDomain);
    if (!dkimAligned && !spfAligned) via = firstDkimDomain ?? (spfPass ? spf.domain : null);
  }

  return {
    questionMark,
    via,
    redLock: tls === null,
    mailedBy: spfPass ? spf.domain : null,
    signedBy: firstDkimDomain,
  };
}
