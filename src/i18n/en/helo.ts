import type { AreaCatalog } from '../types.js';

export const helo: AreaCatalog<'helo'> = {
  'helo.pass': {
    title: 'HELO name {helo} resolves',
    detail:
      'The server introduced itself as {helo}, a fully qualified domain name with address records ({addresses}), as RFC 5321 4.1.1.1 asks.',
    fix: null,
  },
  'helo.bad': {
    title: 'Unacceptable HELO name {helo}',
    detail:
      "The server introduced itself as {helo}, which does not name it: {reason}. RFC 5321 asks for the client's fully qualified domain name, or its own IP in brackets as an address literal; many receivers reject or penalize a bare IP, a name without a dot, localhost, invalid characters, a literal of another IP, or a name that does not resolve.",
    fix: 'Configure the server that sends your mail to introduce itself as {host} (Postfix: smtp_helo_name = {host}; Exim: helo_data = {host}), and publish "{host}. {addressType} {ip}".',
    values: {
      reason: {
        'bare-ip': 'a bare IP address without brackets',
        'not-fqdn': 'not a fully qualified domain name',
        localhost: 'localhost is not a name others can resolve',
        'invalid-characters': 'it contains characters not allowed in host names',
        'too-long': 'it is longer than a domain name may be',
        'invalid-literal': 'a malformed address literal',
        'literal-mismatch': 'an address literal of another IP than the one that connected',
        'no-address': 'the name has no A or AAAA record',
      },
    },
  },
  'helo.literal': {
    title: 'HELO is an address literal ({helo})',
    detail:
      'The server introduced itself with its IP address {literal} instead of a name. RFC 5321 allows this only for a client that has no name; receivers learn nothing from it, and some treat it as suspicious.',
    fix: 'Give the server a name: publish "{host}. {addressType} {ip}" and set its HELO name to {host} (Postfix: smtp_helo_name = {host}).',
  },
  'helo.ptr-mismatch': {
    title: 'HELO name {helo} differs from the PTR name',
    detail:
      'The server introduced itself as {helo}, but the PTR record of {ip} names {ptr}. Some receivers expect the two to match; it is common behind NAT and shared relays, so nothing is deducted.',
    fix: 'Use one name for both: set the HELO name to {name} (Postfix: smtp_helo_name = {name}), or ask whoever controls {ip} to change its PTR record to "{reverseName}. PTR {helo}." (then {helo} must also resolve to {ip}).',
  },
  'helo.missing': {
    title: 'No HELO name given',
    detail:
      'No HELO/EHLO name came with this message (the CLI takes it with --helo), so the name was not checked.',
    fix: null,
  },
  'helo.temperror': {
    title: 'HELO name {helo} could not be resolved',
    detail:
      'The A/AAAA lookup of {helo} failed ({error}), so it is unknown whether the name resolves. Nothing is deducted: the failure may lie on the way rather than in your DNS.',
    fix: 'Make sure the name servers of {helo} answer: "dig {helo} A" should return an address within a second. Then run the test again.',
  },
};
