import type { AreaCatalog } from '../types.js';

const FETCH_REASONS = {
  dns: 'the policy host has no address in the DNS',
  'private-address':
    'the policy host points to a private or reserved address, which sending servers on the internet cannot reach (we never fetch from such addresses)',
  timeout: 'the server did not answer in time',
  connection: 'the connection or the TLS handshake failed',
  redirect:
    'the server answered with a redirect, and RFC 8461 forbids senders to follow redirects when fetching a policy',
  'http-status': 'the server did not answer with status 200',
  'too-large': 'the file is larger than we read (a policy is a few hundred bytes)',
};

const POLICY_PROBLEMS = {
  'content-type': 'it is not served with Content-Type: text/plain',
  syntax: 'a line is not of the form "key: value"',
  version: 'the version line is missing or is not "version: STSv1"',
  mode: 'the mode line is missing or is not enforce, testing or none',
  'max-age': 'max_age is missing, not a number, or larger than 31557600 (one year)',
  'mx-missing': 'there is no mx line, so no MX host can match',
  'mx-syntax': 'an mx line is not a host name (a leading "*." is the only wildcard allowed)',
};

export const mtaSts: AreaCatalog<'mtaSts'> = {
  'mtaSts.enforce': {
    title: 'MTA-STS is enforced for {domain}',
    detail:
      'The _mta-sts record and the policy are valid, the mode is enforce, and every MX host matches a pattern ({patterns}). Sending servers that support MTA-STS (Gmail, Microsoft, Yahoo and others) deliver to {domain} only over TLS with a valid certificate, for {maxAge} seconds after each fetch.',
    fix: null,
  },
  'mtaSts.none': {
    title: 'No MTA-STS for {domain}',
    detail:
      'Mail sent to {domain} is encrypted only opportunistically: an attacker on the path can strip STARTTLS or redirect the connection, and the sending server delivers in the clear. MTA-STS (RFC 8461) tells senders to insist on TLS with a valid certificate for your MX hosts. It is optional and affects only mail you receive.',
    fix: 'Start in testing mode together with TLS-RPT, which sends you reports of what would fail: (1) publish {suggested}; (2) serve this file at {url} over HTTPS with a valid certificate for {host}, as Content-Type: text/plain:\n{policy}\n(3) publish {suggestedRecord} (the mailbox must exist). When the reports show no failures for a few weeks, switch the policy to mode: enforce and change the id.',
  },
  'mtaSts.testing': {
    title: 'MTA-STS for {domain} is in testing mode',
    detail:
      'The policy at {url} is in testing mode: senders report TLS failures (when TLS-RPT is set up) but still deliver without TLS. This is the right first stage; it does not protect mail yet.',
    fix: 'When the TLS-RPT reports show no failures, serve this policy at {url}:\n{policy}\nand change the id in the record so senders fetch it again: {suggested}',
  },
  'mtaSts.mode-none': {
    title: 'The MTA-STS policy of {domain} is withdrawn (mode: none)',
    detail:
      'The policy at {url} has mode: none, which tells senders to forget any earlier policy. It is the correct way to turn MTA-STS off; while it stays, mail to {domain} is protected by nothing more than opportunistic TLS.',
    fix: null,
  },
  'mtaSts.record-multiple': {
    title: '{domain} has {count} MTA-STS records',
    detail:
      'There are {count} TXT records starting with v=STSv1 at _mta-sts.{domain}: {records}. RFC 8461 asks senders to ignore MTA-STS entirely then, so the domain is unprotected although it looks set up.',
    fix: 'Keep exactly one TXT record at _mta-sts.{domain}, for example: {suggested}',
  },
  'mtaSts.record-syntax': {
    title: 'The MTA-STS record of {domain} is not valid',
    detail:
      'The record at _mta-sts.{domain} is {record}. It must be "v=STSv1; id=" followed by 1 to 32 letters or digits (other fields name=value, separated by ";"). Senders ignore an invalid record, so the domain is unprotected.',
    fix: 'Replace it with: {suggested}',
  },
  'mtaSts.policy-unreachable': {
    title: 'The MTA-STS policy could not be fetched',
    detail:
      'The record at _mta-sts says there is a policy, but fetching {url} failed: {reason} (details: {detail}). Senders then act as if there were no policy: MTA-STS is off, while the domain looks protected.',
    fix: 'Serve the policy directly at {url}: the name {host} must resolve to a public address, the server must answer on port 443 with status 200 and Content-Type: text/plain, without any redirect. Or, to drop MTA-STS, delete the _mta-sts record.',
    values: { reason: FETCH_REASONS },
  },
  'mtaSts.policy-certificate': {
    title: 'The certificate of {host} is not valid',
    detail:
      'The HTTPS server at {url} presented a certificate that does not verify ({code}): expired, self-signed, from an unknown authority, or for another name. Senders must refuse such a policy, so MTA-STS is off for the domain.',
    fix: "Install a certificate for {host} from a public certificate authority (Let's Encrypt works), with the full chain, and renew it automatically.",
  },
  'mtaSts.policy-invalid': {
    title: 'The MTA-STS policy is not valid',
    detail:
      'The policy at {url} breaks RFC 8461: {reason}. All problems found: {problems} (Content-Type: {contentType}). Senders ignore a policy they cannot parse, so MTA-STS is off.',
    fix: 'Serve the policy as plain text (Content-Type: text/plain), one "key: value" per line, for example:\n{policy}\nand change the id in the record so senders fetch it again: {suggested}',
    values: { reason: POLICY_PROBLEMS },
  },
  'mtaSts.policy-not-checked': {
    title: 'The MTA-STS policy was not fetched',
    detail: 'Fetching over HTTPS is turned off for this audit, so the policy at {url} was not checked.',
    fix: null,
  },
  'mtaSts.mx-not-covered': {
    title: 'MX hosts of {domain} are not in the MTA-STS policy',
    detail:
      'The policy at {url} is enforced, but these MX hosts match none of its mx patterns ({patterns}): {hosts}. Senders that apply MTA-STS refuse to deliver to them, so mail that would go to them is delayed or bounced. A pattern "*.example.com" matches exactly one label more, not deeper names.',
    fix: 'Add the missing hosts to the policy at {url}:\n{policy}\nand change the id in the record so senders fetch it again: {suggested}',
  },
  'mtaSts.mx-not-covered-testing': {
    title: 'MX hosts of {domain} are not in the MTA-STS policy (testing mode)',
    detail:
      'These MX hosts match none of the mx patterns ({patterns}) of the policy at {url}: {hosts}. In testing mode senders only report it, but switching to enforce as it stands would stop delivery to them.',
    fix: 'Add the missing hosts to the policy at {url} before enforcing it:\n{policy}\nand change the id in the record: {suggested}',
  },
  'mtaSts.max-age-short': {
    title: 'The MTA-STS max_age is short ({maxAge} seconds)',
    detail:
      'Senders keep the policy at {url} for {maxAge} seconds. Under {minimum} seconds (one day), the policy expires between fetches and mail is unprotected in the gaps. RFC 8461 suggests weeks.',
    fix: 'Raise max_age, for example to one week:\n{policy}\nand change the id in the record: {suggested}',
  },
  'mtaSts.error': {
    title: 'MTA-STS could not be checked for {domain} (DNS error)',
    detail: 'The lookup of the TXT record at _mta-sts.{domain} got no answer: {code}.',
    fix: null,
  },
};
