import type { AreaCatalog } from '../types.js';

export const senderId: AreaCatalog<'senderId'> = {
  'senderId.pass': {
    title: 'Sender ID passes for {pra}',
    detail:
      'The purported responsible address (PRA, RFC 4407) is {pra}, from the {field} field, and the {scope} record of {domain} allows {ip} (matched: {mechanism}). Sender ID is historic: Microsoft retired it and receivers no longer check it, so this only shows that the domain readers see also authorizes this server.',
    fix: null,
  },
  'senderId.fail': {
    title: 'Sender ID fails for {pra}',
    detail:
      'The purported responsible address (PRA) is {pra}, from the {field} field, and the {scope} record of {domain} does not allow {ip} (result: {result}). Sender ID is historic — Microsoft retired it and receivers no longer use it — so it costs little, but it means {domain} does not authorize the server that sends its mail, and it is cheap to fix.',
    fix: 'Allow this server in the record at {domain}: change its TXT record to: {suggested}',
  },
  'senderId.none': {
    title: 'No Sender ID or SPF record for {domain}',
    detail:
      'The purported responsible address is {pra} ({field} field), but {domain} publishes neither an spf2.0/pra nor a v=spf1 record, while the envelope domain {mailFromDomain} has SPF. Sender ID is historic (Microsoft retired it) and receivers no longer use it, but a domain readers see that has no SPF of its own is easy to spoof.',
    fix: 'Publish a TXT record at {domain} with this value: {suggested} — add any other servers that send as {domain} before -all. It also gives {domain} its own SPF.',
  },
  'senderId.not-applicable': {
    title: 'Sender ID: no record to check',
    detail:
      'Neither {domain} (the domain of the purported responsible address {pra}) nor the envelope domain publishes an SPF or Sender ID record, so Sender ID has nothing to evaluate. The SPF findings say what to publish; Sender ID itself is historic and unused by receivers.',
    fix: null,
  },
  'senderId.weak': {
    title: 'Sender ID {result} for {pra}',
    detail:
      'The {scope} record of {domain}, the domain of the purported responsible address {pra} ({field} field), neither clearly allows nor denies {ip} (result: {result}). Sender ID is historic and receivers no longer use it; this is shown for completeness.',
    fix: 'To make it pass, change the TXT record at {domain} to: {suggested}',
  },
  'senderId.error': {
    title: 'Sender ID {result} for {domain}',
    detail:
      'Evaluating the {scope} record of {domain} for the purported responsible address {pra} ended in {result}: {reason}. Sender ID is historic and receivers no longer use it, so this is not scored.',
    fix: 'If the record at {domain} is broken, correct it (record: {record}); a temperror clears once its DNS servers answer again.',
  },
  'senderId.no-pra': {
    title: 'Sender ID: no purported responsible address',
    detail:
      'RFC 4407 takes the responsible address from the first Resent-Sender, Resent-From, Sender or From field. Here the {field} field is missing, repeated, or does not hold exactly one address with a domain ({value}), so Sender ID gives permerror. Sender ID itself is historic; the format findings say what to fix in the header.',
    fix: null,
  },
};
