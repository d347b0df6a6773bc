import type { AreaCatalog } from '../types.js';

export const spf: AreaCatalog<'spf'> = {
  'spf.pass': {
    title: 'SPF passes for {domain}',
    detail: 'The SPF record of {domain} allows {ip} to send mail as {sender} (matched: {mechanism}).',
    fix: null,
  },
  'spf.none': {
    title: 'No SPF record for {domain}',
    detail:
      '{domain} publishes no SPF record (a TXT record starting with v=spf1), so receivers cannot tell whether {ip} may send mail as {sender}. Gmail and Yahoo require SPF or DKIM from every sender, and both from bulk senders.',
    fix: 'Publish a TXT record at {domain} with this value: {suggested} — if other servers or services (your mail provider, a newsletter tool) also send as {domain}, add them before -all (for example include:<their SPF domain>); anything not listed will fail SPF.',
  },
  'spf.permerror': {
    title: 'The SPF record of {domain} is broken (permerror)',
    detail:
      'The SPF record of {domain} cannot be evaluated: {reason}. Receivers treat a permerror like no SPF at all, and DMARC gets no SPF pass from it. DNS lookups used: {lookups} (limit 10); lookups that found nothing: {voidLookups} (limit 2). Record: {record}',
    fix: 'Correct the TXT record at {domain}: exactly one record starting with v=spf1, valid syntax, at most 10 terms that need DNS lookups (include, a, mx, ptr, exists, redirect, counted through every include), and no include of a domain that has no SPF record. Remove includes of services you no longer use, and write stable addresses as ip4:/ip6: terms instead of a or mx.',
  },
  'spf.fail': {
    title: 'SPF fails: {domain} does not allow {ip}',
    detail:
      'The SPF record of {domain} gives fail for {ip} (matched: {mechanism}), so receivers reject this mail or file it as spam. Explanation published by the domain: {explanation}. Current record: {record}',
    fix: 'If {ip} is one of your sending servers, change the TXT record at {domain} to: {suggested} — if it is not, send through a server the record already lists.',
  },
  'spf.softfail': {
    title: 'SPF softfail: the record of {domain} does not list {ip}',
    detail:
      'The SPF record of {domain} does not list {ip} and ends in softfail ({mechanism}): receivers accept the mail but treat it as suspicious, and it cannot count as an SPF pass for DMARC. Current record: {record}',
    fix: 'Add this server to the record: change the TXT record at {domain} to: {suggested}',
  },
  'spf.neutral': {
    title: 'SPF neutral: {domain} says nothing about {ip}',
    detail:
      'The SPF record of {domain} neither allows nor denies {ip} (matched: {mechanism}). Receivers treat neutral like no SPF: it is no pass for DMARC or Gmail. Current record: {record}',
    fix: 'Change the TXT record at {domain} to: {suggested}',
  },
  'spf.temperror': {
    title: 'The SPF check of {domain} failed temporarily (temperror)',
    detail:
      'A DNS lookup needed for the SPF record of {domain} failed or timed out: {reason}. Until DNS answers again, receivers defer the mail or treat it as having no SPF.',
    fix: 'Check that the DNS servers of {domain}, and of every domain its SPF record includes, answer TXT queries quickly and consistently: ask each of them with dig TXT {domain} @<name server>.',
  },
  'spf.no-envelope': {
    title: 'MAIL FROM unknown: SPF was checked for the HELO name',
    detail:
      'The envelope sender (MAIL FROM) was not given and the message has no Return-Path field, so SPF was checked for the HELO identity instead: {checked}. Receivers check the real MAIL FROM; give it (--mail-from on the command line, mailFrom= in the API) for the result they see.',
    fix: null,
  },
  'spf.helo': {
    title: 'HELO identity {helo}: SPF {result}',
    detail:
      'SPF for the HELO name {helo} (checked as postmaster@{helo}) gives {result}. This is informational: Gmail and DMARC use the MAIL FROM result, but some receivers check the HELO name too, and it is the identity SPF checks for bounces (empty MAIL FROM). Where it does not pass, a TXT record at {helo} such as {suggested} makes it pass.',
    fix: null,
  },
  'spf.lookups-near-limit': {
    title: 'The SPF record of {domain} needs {lookups} of the 10 DNS lookups allowed',
    detail:
      'Evaluating the SPF record of {domain} through all its includes takes {lookups} DNS lookups. RFC 7208 allows 10; beyond that receivers return permerror and SPF counts as missing, so one more include for a new service breaks it. Record: {record}',
    fix: 'Reduce the lookups in the record at {domain}: remove includes of services you no longer use, write the addresses that a and mx terms stand for as ip4:/ip6: terms, and drop ptr (RFC 7208 advises against it).',
  },
};
