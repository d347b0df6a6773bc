import type { AreaCatalog } from '../types.js';

export const dnssec: AreaCatalog<'dnssec'> = {
  'dnssec.signed': {
    title: 'DNSSEC: the answers for {domain} are signed and validated',
    detail:
      'The resolver we ask set the AD bit (authenticated data) on the answers for {domain}: it checked their DNSSEC signatures up to the root. We do not validate signatures ourselves; this is what a validating resolver vouches for. Receivers that validate too can trust your MX, SPF, DKIM and DMARC records, and you can use DANE for inbound TLS.',
    fix: null,
  },
  'dnssec.unsigned': {
    title: 'DNSSEC: {domain} is not signed',
    detail:
      'The resolver we ask validates DNSSEC (it set the AD bit on the answer for .{tld}), but not on the answers for {domain}: the domain is not signed, or its registrar has no DS record for it. Most mail domains are unsigned and receivers do not penalize it; signing protects your records against forged answers and is required for DANE.',
    fix: 'If you want DNSSEC: turn on signing at the DNS provider of {domain}, then publish the DS record it gives you at your registrar. Check afterwards with a validating resolver, e.g. "dig @1.1.1.1 +dnssec {domain} SOA": the flags must include ad.',
  },
  'dnssec.not-validated': {
    title: 'DNSSEC: the answers for {domain} are not validated',
    detail:
      'The resolver we ask did not set the AD bit on the answers for {domain}. Either the domain is not signed, or this resolver does not validate DNSSEC; we cannot tell which, because it did not set AD for .{tld} either. Whether a receiver benefits from DNSSEC is decided by the resolver that receiver uses.',
    fix: 'To find out, ask a validating resolver yourself, e.g. "dig @1.1.1.1 +dnssec {domain} SOA": ad in the flags means signed and validated. Or run this audit with --dns pointing at a validating resolver.',
  },
  'dnssec.unknown': {
    title: 'DNSSEC: no answer for {domain}',
    detail: 'The lookups for {domain} gave no answer to judge by: {code}.',
    fix: null,
    values: {
      code: {
        ETIMEOUT: 'they timed out',
        ESERVFAIL:
          'the resolver answered SERVFAIL; a validating resolver does that when the signatures of a signed domain are broken (check with "dig +cd", which skips validation)',
        EREFUSED: 'the resolver refused to answer',
        'no-records': 'the domain has no TXT, MX or NS records',
      },
    },
  },
};
