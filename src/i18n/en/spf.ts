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
  // The domain audit's SPF record (src/audit/spf.ts)
  'spf.record-valid': {
    title: 'The SPF record of {domain} is valid',
    detail:
      '{domain} publishes one SPF record with valid syntax. Evaluating it through all its includes takes {lookups} of the 10 DNS lookups allowed, {voidLookups} of them finding nothing (2 allowed); it ends with {all}. Record: {record}',
    fix: null,
  },
  'spf.record-none': {
    title: 'No SPF record at {domain}',
    detail:
      '{domain} publishes no SPF record (a TXT record starting with v=spf1), so receivers cannot tell which servers may send mail as {domain}. Gmail and Yahoo require SPF or DKIM from every sender, and both from bulk senders.',
    fix: 'Publish one TXT record at {domain} that lists every server and service sending mail as {domain}, for example: {suggested} — add include:<their SPF domain> for each service you send through (the SPF builder makes the record from a list of services). If {domain} sends no mail at all, publish v=spf1 -all, so that nobody can pass SPF as {domain}.',
  },
  'spf.record-multiple': {
    title: '{domain} publishes {count} SPF records instead of one',
    detail:
      '{domain} has {count} TXT records starting with v=spf1. RFC 7208 allows exactly one: with several, every receiver returns permerror, and SPF counts as missing for all mail from {domain}. Records: {records}',
    fix: 'Replace them with one TXT record at {domain} that holds all their terms: {suggested} — then delete the other v=spf1 records.',
  },
  'spf.record-syntax': {
    title: 'The SPF record of {domain} has syntax errors',
    detail:
      'Receivers cannot read these terms of the SPF record of {domain}: {terms} ({reason}). A single syntax error makes the whole record a permerror (RFC 7208 4.6), so SPF counts as missing for all mail from {domain}.',
    fix: 'Correct or remove those terms. The record without the errors: {suggested}',
    values: {
      reason: {
        'unknown-mechanism': 'an unknown mechanism',
        'bad-macro': 'a malformed macro (%{...})',
        'bad-domain': 'not a valid domain name',
        'missing-domain': 'a domain name is missing after the colon',
        'bad-ip4': 'not a valid IPv4 address',
        'bad-ip6': 'not a valid IPv6 address',
        'bad-cidr': 'a prefix length out of range',
        'bad-modifier': 'a malformed modifier (name=value)',
        'duplicate-modifier': 'redirect= or exp= appears more than once',
        'bad-all': '"all" takes no value',
        'bad-character': 'a character SPF does not allow',
        'split-without-space':
          'the record is published as several strings, and receivers join them with nothing between them, which glues two terms together: end each string with a space',
      },
    },
  },
  'spf.include-missing': {
    title: 'The SPF record of {domain} includes domains that have no SPF record',
    detail:
      'These includes lead to names that do not exist or publish no SPF record: {includes}. When an evaluation reaches one of them, the result is permerror (RFC 7208 5.2) and SPF counts as missing; each also uses one of the 2 void lookups allowed. This usually means a typing error, or a service that has changed its SPF domain or that you no longer use.',
    fix: 'Remove those includes, or replace each with the SPF domain its service documents today. Without them the record reads: {suggested}',
  },
  'spf.include-broken': {
    title: 'The SPF record of {domain} includes broken SPF records',
    detail:
      'These includes lead to records that are themselves invalid (syntax errors, or several SPF records at one name): {includes}. When an evaluation reaches one of them, the result for {domain} is permerror, and SPF counts as missing.',
    fix: 'Ask the owner of the broken record to correct it, or remove the include that leads to it. Without those includes the record reads: {suggested}',
  },
  'spf.loop': {
    title: 'The SPF record of {domain} includes itself (a loop)',
    detail:
      'Following include and redirect leads back to a record already on the way: {chain}. An evaluation goes round until it passes the limit of 10 lookups and returns permerror, so SPF counts as missing.',
    fix: 'Remove the include or redirect that closes the loop. Without it the record reads: {suggested}',
  },
  'spf.lookups-over-limit': {
    title: 'The SPF record of {domain} needs {lookups} DNS lookups; the limit is 10',
    detail:
      'Evaluating the SPF record of {domain} through all its includes takes {lookups} DNS lookups. RFC 7208 allows 10: receivers return permerror beyond that, and SPF counts as missing for every sender the evaluation does not match early. The heaviest branches, with the lookups each costs in all: {heaviest}.',
    fix: 'Bring the count to 10 or fewer. First remove includes of services you no longer send through. This record stays within the limit: {suggested} — it replaces {flattened} with the addresses they publish today (such a flattened record must be updated whenever those providers change their addresses), and leaves out {removed} (keep a service only if it sends with {domain} as its envelope sender).',
  },
  'spf.void-lookups-over-limit': {
    title: 'The SPF record of {domain} has {voidLookups} lookups that find nothing; the limit is 2',
    detail:
      'These names, looked up by terms of the SPF record of {domain} or its includes, do not exist or have no records: {names}. RFC 7208 allows 2 such void lookups: beyond that receivers return permerror, and SPF counts as missing.',
    fix: 'Remove the terms that point at those names (a:, mx:, exists:, include:), or publish the records they expect.',
  },
  'spf.void-lookups': {
    title: 'The SPF record of {domain} looks up names that do not exist ({voidLookups} of 2 allowed)',
    detail:
      'These names, looked up by terms of the SPF record of {domain} or its includes, do not exist or have no records: {names}. Up to 2 such void lookups are allowed; a third makes the record a permerror.',
    fix: 'Remove the terms that point at those names (a:, mx:, exists:, include:), or publish the records they expect.',
  },
  'spf.all-pass': {
    title: 'The SPF record of {domain} lets anyone send (+all)',
    detail:
      'The record reached at {where} ends with +all, so every server on the internet passes SPF as {domain}. A forger who uses {domain} as the envelope sender also passes DMARC through SPF alignment.',
    fix: 'Change the TXT record at {domain} to: {suggested}',
  },
  'spf.all-neutral': {
    title: 'The SPF record of {domain} ends with ?all (neutral)',
    detail:
      'Servers the record does not list get neutral, which receivers treat like no SPF at all: forged mail as {domain} is neither rejected nor marked.',
    fix: 'End the record with ~all (or -all once you are sure every sender is listed): {suggested}',
  },
  'spf.all-missing': {
    title: 'The SPF record of {domain} has no all term',
    detail:
      'The record ends without all and without redirect=, so servers it does not list get neutral (RFC 7208 4.7), which receivers treat like no SPF at all.',
    fix: 'End the record with ~all (or -all once you are sure every sender is listed): {suggested}',
  },
  'spf.ptr': {
    title: 'The SPF record of {domain} uses the deprecated ptr mechanism',
    detail:
      'The record authorizes servers by their reverse DNS names ({terms}). RFC 7208 5.5 says ptr should not be used: it is slow, costs lookups at the receiver, and some receivers skip it, so mail it was meant to authorize can fail.',
    fix: 'Remove ptr and list the servers it stood for as ip4:/ip6: terms (or a:<host name>): {suggested}',
  },
  'spf.answer-large': {
    title: 'The TXT answer for {domain} is {bytes} bytes, over 512',
    detail:
      'All {records} TXT records at {domain} come in one answer, and it does not fit the 512 bytes of a classic DNS answer over UDP. Receivers need EDNS0 or a retry over TCP to read the SPF record; most manage, but resolvers and firewalls that block either time out, and SPF gives temperror.',
    fix: 'Delete TXT records at {domain} that are no longer needed (old site-verification tokens), ask services to verify through a subdomain, and shorten the SPF record (includes instead of long address lists).',
  },
  'spf.record-temperror': {
    title: 'Part of the SPF record of {domain} could not be checked',
    detail:
      'These names did not answer in time or answered with a server error: {names}. That branch ends as temperror; the rest of the record was checked and counted. Receivers meeting the same failure defer the mail or treat it as having no SPF.',
    fix: 'Check that the name servers of those domains answer TXT queries: dig TXT <name> @<name server>. If a service has moved or closed, remove its include.',
  },
  'spf.ip-authorized': {
    title: 'The SPF record of {domain} authorizes {ip}',
    detail: 'Mail from {ip} with an envelope sender at {domain} passes SPF (matched: {mechanism}).',
    fix: null,
  },
  'spf.ip-not-authorized': {
    title: 'The SPF record of {domain} does not authorize {ip}',
    detail:
      'Mail from {ip} with an envelope sender at {domain} gets {result}, so it cannot pass DMARC through SPF. The term that decided: {mechanism}.',
    fix: 'If {ip} sends mail for {domain}, change the TXT record at {domain} to: {suggested}',
    values: {
      result: {
        fail: 'fail: receivers reject it or file it as spam',
        softfail: 'softfail: receivers accept it but treat it as suspicious',
        neutral: 'neutral: treated like no SPF',
        none: 'none: there is no SPF record',
        permerror: 'permerror: the record is broken',
        temperror: 'temperror: a lookup failed',
      },
    },
  },

  // The SPF builder's notes (src/generate/spf.ts)
  'spf.build-flattened': {
    title: 'Some includes were flattened into their addresses',
    detail:
      'The record would need more than 10 DNS lookups, so {includes} were replaced by the ip4:/ip6: addresses they publish today.',
    fix: 'A flattened record goes stale: when a provider changes its addresses, mail from the new ones fails SPF. Build the record again regularly (monthly, and whenever a provider announces a change), or drop services you no longer use so that no flattening is needed.',
  },
  'spf.build-over-limit': {
    title: 'The record still needs {lookups} DNS lookups; the limit is 10',
    detail:
      'Even after flattening what could be flattened, the record needs {lookups} lookups. These includes cannot be flattened (they use a, mx, exists or macros): {includes}.',
    fix: 'Remove services you no longer send through, or send some of them from a subdomain with its own SPF record (its envelope sender then uses that subdomain).',
  },
  'spf.build-include-dropped': {
    title: 'Includes left out of the record',
    detail:
      'These include domains do not exist, publish no SPF record, or publish a broken one: {includes}. Including them would make the whole record a permerror.',
    fix: 'Check the SPF domain in the service’s current documentation and build the record again.',
  },
  'spf.build-include-temperror': {
    title: 'Some includes did not answer',
    detail:
      'These include domains did not answer in time: {includes}. They are in the record, but their lookups could not be counted, so the total may be higher.',
    fix: 'Build the record again later to check the count.',
  },
  'spf.build-answer-large': {
    title: 'The record alone makes a {bytes}-byte answer',
    detail:
      'A DNS answer over 512 bytes needs EDNS0 or a retry over TCP; a few receivers fail it and get temperror. The domain’s other TXT records add to it.',
    fix: 'Use fewer flattened addresses: prefer includes where the lookup count allows, and remove services you no longer use.',
  },
  'spf.build-split': {
    title: 'The record is {bytes} bytes: publish it as {count} strings',
    detail:
      'One TXT character-string holds at most 255 bytes, so the record is split into {count} strings in one TXT record. Receivers join them with nothing between them; each string but the last ends with a space.',
    fix: null,
  },
  'spf.build-softfail': {
    title: 'The record ends with ~all',
    detail:
      'Unlisted servers get softfail: receivers accept their mail but treat it as suspicious. With DMARC at p=quarantine or p=reject, ~all protects as well as -all, and forwarded mail still reaches the DMARC check, where a DKIM signature can save it; some receivers reject on -all before looking at DKIM.',
    fix: null,
  },
  'spf.build-no-senders': {
    title: 'No senders given: the record says the domain sends no mail',
    detail:
      'With no service, address or include, the record is {record}: every server fails SPF for this domain. That is right for a domain that sends no mail; otherwise list its senders.',
    fix: null,
  },
  'spf.build-bad-input': {
    title: 'Some inputs were not used',
    detail: 'These values were left out: {values} ({reason}).',
    fix: 'Correct them and build the record again.',
    values: {
      reason: {
        'unknown-service': 'not a service the builder knows; give its SPF domain as an include instead',
        'bad-address': 'not an IPv4 or IPv6 address or network',
        'bad-domain': 'not a domain name',
        'too-many': 'more than the builder takes at once',
      },
    },
  },
};
