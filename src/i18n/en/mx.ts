import type { AreaCatalog } from '../types.js';

export const mx: AreaCatalog<'mx'> = {
  'mx.pass': {
    title: 'MX records of {domain}: {count} host(s) that can receive mail',
    detail: 'Mail for {domain} goes to {hosts}; each host has a public address.',
    fix: null,
  },
  'mx.none': {
    title: '{domain} has no MX record and no address',
    detail:
      '{domain} publishes no MX record and no A or AAAA record, so no mail can be delivered to it: bounces of your messages and DMARC reports to addresses at {domain} are lost. Receivers that check sender domains (Postfix reject_unknown_sender_domain, for example) reject mail whose envelope sender is at {domain}.',
    fix: 'Publish the MX records of your mailbox provider, or your own: "{domain}. IN MX 10 mail.{domain}." with an A record for mail.{domain}. If {domain} must never receive mail, publish a null MX instead, "{domain}. IN MX 0 ." (RFC 7505), and send with an envelope sender (Return-Path) in a domain that receives bounces.',
  },
  'mx.implicit': {
    title: '{domain} has no MX record: mail goes to its A record',
    detail:
      'Without an MX record, senders deliver to the address of {domain} itself ({addresses}), as RFC 5321 5.1 says. That is usually a web server that accepts no mail, so bounces and DMARC reports to addresses at {domain} may be lost.',
    fix: 'Publish MX records for the servers that receive mail for {domain}, e.g. "{domain}. IN MX 10 mail.{domain}.", or, if {domain} receives no mail, a null MX: "{domain}. IN MX 0 ." (RFC 7505).',
  },
  'mx.null': {
    title: '{domain} publishes a null MX: it receives no mail',
    detail:
      'The only MX record of {domain} is "0 ." (RFC 7505): the domain declares that it accepts no mail. That is right for a domain that appears only in From while bounces go to another domain (your provider\'s Return-Path). But receivers may reject mail whose envelope sender (MAIL FROM) is at {domain} (RFC 7505 4.2, reply code 5.7.27), and DMARC reports cannot be sent to addresses at {domain}.',
    fix: 'If you send with an envelope sender at {domain}, or want DMARC reports at an address in {domain}, replace the null MX with the MX records of your mailbox provider. Otherwise there is nothing to do.',
  },
  'mx.null-mixed': {
    title: 'A null MX is mixed with other MX records',
    detail:
      '{domain} publishes the null MX "0 ." together with other MX records ({hosts}). RFC 7505 3 says a null MX must be the only MX record; senders disagree on what the mix means, and some treat the domain as receiving no mail at all.',
    fix: 'Delete the record "{domain}. IN MX 0 ." and keep the real MX records (or, if {domain} receives no mail, keep only the null MX).',
  },
  'mx.too-many': {
    title: 'Only the first {checked} of {count} MX hosts were checked',
    detail:
      '{domain} publishes {count} MX hosts. We checked the {checked} with the lowest preference values and skipped {skipped}.',
    fix: null,
  },
  'mx.ip-literal': {
    title: 'An MX record names an IP address: {host}',
    detail:
      'An MX record of {domain} names {host}, an IP address, where a host name belongs (RFC 5321 5.1). Senders look it up as a name, find nothing, and cannot deliver to it. Affected: {hosts}.',
    fix: 'Give the server a name and publish it: "mail.{domain}. IN A <the IP address>" and "{domain}. IN MX 10 mail.{domain}.", then delete the MX record that names {host}.',
  },
  'mx.invalid-name': {
    title: 'The MX host name {host} is not valid',
    detail:
      '{host}, named by an MX record of {domain}, is not a valid host name (fully qualified, each label letters, digits and inner hyphens, not localhost), so senders cannot deliver to it. Affected: {hosts}.',
    fix: 'Replace the MX record with one that names the real host of your mail server, e.g. "{domain}. IN MX 10 mail.{domain}.", and publish that host\'s A or AAAA record.',
  },
  'mx.host-no-address': {
    title: 'The MX host {host} has no address',
    detail:
      '{host}, named by an MX record of {domain}, has no A or AAAA record, so senders cannot deliver to it and move on to the next host, if there is one. Affected: {hosts}.',
    fix: 'Publish the address of {host} ("{host}. IN A <IP address>"), or delete the MX records of hosts that no longer exist.',
  },
  'mx.private-address': {
    title: 'The MX host {host} has a private address',
    detail:
      '{host} resolves to {addresses}, in a range that cannot be reached from the Internet, so outside senders cannot deliver to it. Affected hosts: {hosts}.',
    fix: 'Publish the public address of the mail server in the public DNS ("{host}. IN A <public IP>"), and keep internal addresses in an internal view of the zone only.',
  },
  'mx.no-usable-host': {
    title: '{domain} cannot receive mail: no MX host is reachable',
    detail:
      'None of the MX hosts of {domain} ({hosts}) has a public address, so no mail can be delivered to it: bounces and DMARC reports are lost, and receivers that check sender domains may reject your mail.',
    fix: 'Fix the MX hosts as the findings above describe, or publish the MX records of your mailbox provider. If {domain} must not receive mail, publish only a null MX: "{domain}. IN MX 0 ." (RFC 7505).',
  },
  'mx.cname': {
    title: 'The MX host {host} is an alias (CNAME)',
    detail:
      "{host} is a CNAME to {target}. RFC 2181 10.3 says the name in an MX record must be the host's own name, not an alias. Nearly every sender still follows the alias, but it costs an extra lookup and some strict software refuses it. Affected: {hosts}.",
    fix: 'Point the MX record at the real name, "{domain}. IN MX <preference> {target}.", with the same preference as now.',
  },
  'mx.no-fcrdns': {
    title: 'Reverse DNS of the MX address {ip} is not confirmed',
    detail:
      'The PTR names of {ip} ({host}) are {ptr}, and none of them leads back to {ip}. Receiving mail needs no reverse DNS, but if this server also sends mail, receivers reject or junk what it sends. Addresses without confirmed reverse DNS: {addresses}.',
    fix: 'If {host} sends mail, ask whoever controls {ip} (your hosting provider) to set its PTR record to {host}, and make sure {host} resolves to {ip}.',
  },
  'mx.temperror': {
    title: 'MX lookup failed for {names}',
    detail:
      'A DNS lookup for the mail setup of {domain} failed ({error}) at {names}, so whether mail can be delivered there is unknown. Senders that meet the same failure put their mail off.',
    fix: 'Check that the authoritative DNS servers of {domain} answer MX, A and AAAA queries quickly, over UDP and TCP, then run the audit again.',
  },
};
