import type { AreaCatalog } from '../types.js';

export const tlsRpt: AreaCatalog<'tlsRpt'> = {
  'tlsRpt.pass': {
    title: 'TLS reporting (TLS-RPT) is set up for {domain}',
    detail:
      'Sending servers that support TLS-RPT (Gmail, Microsoft and others) send a daily report of TLS successes and failures for mail to {domain} to: {rua}.',
    fix: null,
  },
  'tlsRpt.none': {
    title: 'No TLS reporting (TLS-RPT) for {domain}',
    detail:
      'Without a TLS-RPT record (RFC 8460), you do not learn when sending servers fail to connect to your MX hosts over TLS, or when your MTA-STS policy breaks delivery. It is optional, and most useful together with MTA-STS.',
    fix: 'Publish {suggested} (the mailbox must exist and can be read by a report service; an https: address works too).',
  },
  'tlsRpt.record-multiple': {
    title: '{domain} has {count} TLS-RPT records',
    detail:
      'There are {count} TXT records starting with v=TLSRPTv1 at _smtp._tls.{domain}: {records}. RFC 8460 asks senders to send no reports then.',
    fix: 'Keep exactly one record at _smtp._tls.{domain}, listing every address in one rua= tag separated by commas, for example: {suggested}',
  },
  'tlsRpt.record-syntax': {
    title: 'The TLS-RPT record of {domain} is not valid',
    detail:
      'The record at _smtp._tls.{domain} is {record}: {reason}. Senders ignore an invalid record and send no reports.',
    fix: 'Replace it with a valid record, for example: {suggested}',
    values: {
      reason: {
        syntax: 'it must be "v=TLSRPTv1;" followed by name=value fields separated by ";"',
        'no-rua': 'it has no rua= tag, so there is nowhere to send reports',
        'bad-uri': 'an address in rua= is neither mailto:<address> nor an https: URL',
      },
    },
  },
  'tlsRpt.error': {
    title: 'TLS-RPT could not be checked for {domain} (DNS error)',
    detail: 'The lookup of the TXT record at _smtp._tls.{domain} got no answer: {code}.',
    fix: null,
  },
};
