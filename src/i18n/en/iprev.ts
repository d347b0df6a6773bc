import type { AreaCatalog } from '../types.js';

export const iprev: AreaCatalog<'iprev'> = {
  'iprev.pass': {
    title: 'Reverse DNS confirmed: {ip} → {name}',
    detail:
      'The PTR record of {ip} names {ptr}, and {confirmed} resolves back to {ip}: forward-confirmed reverse DNS (RFC 8601 iprev pass).',
    fix: null,
  },
  'iprev.no-ptr': {
    title: 'No reverse DNS (PTR record) for {ip}',
    detail:
      '{reverseName} has no PTR record (iprev permerror). Gmail requires a PTR record for every sending IP and rejects or junks mail from IPs without one; other large receivers do the same.',
    fix: 'Ask whoever controls {ip} (your hosting provider or ISP: only they can change its reverse zone) to publish the PTR record "{reverseName}. PTR {host}.", and publish "{host}. {addressType} {ip}" in your own DNS so that the name leads back to the IP.',
  },
  'iprev.not-confirmed': {
    title: 'Reverse DNS of {ip} does not lead back to it',
    detail:
      'The PTR record of {ip} names {ptr}, but no such name resolves back to {ip} (they resolve to: {addresses}; iprev fail). Gmail and other receivers require forward-confirmed reverse DNS: the PTR name must have an {addressType} record with the same IP.',
    fix: 'Publish "{name}. {addressType} {ip}" in the DNS zone of {name}. If {name} is not yours, ask whoever controls {ip} (your hosting provider) to change the PTR record to a name of yours, "{reverseName}. PTR {host}.", and publish "{host}. {addressType} {ip}".',
  },
  'iprev.temperror': {
    title: 'Reverse DNS of {ip} could not be checked',
    detail:
      'A DNS lookup for the reverse DNS of {ip} failed ({error}), so it is unknown whether {ip} has a PTR name that leads back to it (iprev temperror). Receivers that meet the same failure defer or reject the mail.',
    fix: 'Make sure the name servers of the reverse zone of {ip}, and of the names it points to, answer: "dig -x {ip}" should return the PTR record within a second. Then run the test again.',
  },
  'iprev.generic': {
    title: 'The PTR name {name} looks generic',
    detail:
      '{name} contains {signs}: that is how providers name pools of dynamic, residential or unconfigured addresses. Receivers and blocklists treat mail from such names as coming from an unmanaged host rather than a mail server.',
    fix: 'Ask whoever controls {ip} (your hosting provider or ISP) to replace the PTR record with the name of your mail server, "{reverseName}. PTR {host}.", and publish "{host}. {addressType} {ip}".',
  },
  'iprev.not-public': {
    title: 'Client IP {ip} is not a public address',
    detail:
      '{ip} is in {block} ({rfc}), a range that is not routed on the Internet, so its reverse DNS was not checked. This happens when the test message is sent from inside your own network.',
    fix: null,
  },
  'iprev.sending-ip-invalid': {
    title: '{ip} is not an IP address',
    detail:
      'The sending IP given for the audit is not an IPv4 or IPv6 address, so its reverse DNS and blocklist listings were not checked.',
    fix: 'Give the public IP address your mail server sends from, e.g. 192.0.2.10 or 2001:db8::10.',
  },
  'iprev.sending-ip-not-public': {
    title: 'The sending IP {ip} is not a public address',
    detail:
      '{ip} is in {block} ({rfc}), a range that is not routed on the Internet: receivers never see mail from it, and no blocklist holds it. Its reverse DNS and blocklist listings were not checked.',
    fix: 'Give the public address your mail leaves from, the one receivers see: it is in the Received header that the receiving server adds (in Gmail, "Show original").',
  },
};
