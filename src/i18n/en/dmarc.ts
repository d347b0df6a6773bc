import type { AreaCatalog } from '../types.js';

export const dmarc: AreaCatalog<'dmarc'> = {
  'dmarc.pass': {
    title: 'DMARC passes for {domain}',
    detail:
      'The From domain {domain} is authenticated by an aligned identifier (SPF: {spfDomain}; DKIM: {dkimDomain}). The record at _dmarc.{recordDomain} applies, with policy {policy}: {record}',
    fix: null,
  },
  'dmarc.none': {
    title: 'No DMARC record for {domain}',
    detail:
      'No DMARC record applies to {domain}: there is none at _dmarc.{domain} nor at its organizational domain {orgDomain}. Receivers have no policy for mail that fails authentication in your name, and you get no reports. Gmail and Yahoo require a DMARC record of bulk senders since February 2024.',
    fix: 'Publish a TXT record at _dmarc.{orgDomain} with the value: {suggestedRecord} (it covers {orgDomain} and all its subdomains). Start with p=none, read the aggregate reports, then move to p=quarantine and later to p=reject.',
  },
  'dmarc.invalid-record': {
    title: 'The DMARC record for {domain} is not usable',
    detail:
      'The TXT records at _dmarc.{recordDomain} look like DMARC but give no policy, so receivers treat the domain as having no record: {records}. There must be exactly one record; it must start with v=DMARC1 (exactly this case) and set p= to none, quarantine or reject (sp= and np=, when present, also to one of those).',
    fix: 'Replace them with exactly one TXT record at _dmarc.{recordDomain}: {suggestedRecord}',
  },
  'dmarc.fail': {
    title: 'DMARC fails for {domain}',
    detail:
      'No identifier that passed is aligned with the From domain {domain} (aspf={aspf}, adkim={adkim}). SPF: {spfResult} for {spfDomain}. Passing DKIM signatures (d=): {dkimDomains}. The record at _dmarc.{recordDomain} sets policy {policy}; a receiver following it handles this message as: {disposition} (none: delivered, quarantine: spam folder, reject: refused).',
    fix: 'Align at least one identifier with {domain}. DKIM (preferred, as it survives forwarding): sign with a key of your own domain, d={domain}, published as a TXT record at <selector>._domainkey.{domain}. Or SPF: send with a MAIL FROM (Return-Path) address @{domain} and add {spfMechanism} to the SPF record of {domain}. With adkim=r / aspf=r any name under {orgDomain} aligns too; with s only {domain} itself does.',
  },
  'dmarc.temperror': {
    title: 'DMARC could not be checked for {domain} (DNS error)',
    detail:
      'A DNS lookup the DMARC evaluation needed got no answer: {error}. Receivers that see this usually defer the message and try again later.',
    fix: 'Make sure the name servers of {orgDomain} answer TXT queries for _dmarc.{domain} and _dmarc.{orgDomain} quickly and reliably (no timeouts, no SERVFAIL), then send the test again.',
  },
  'dmarc.no-author-domain': {
    title: 'DMARC cannot be evaluated: From has no single domain',
    detail:
      'DMARC needs exactly one From field whose addresses all share one domain (RFC 9989 5.3.1). This message has {fromFields} From field(s) and {mailboxes} address(es), with the domains: {domains}. Receivers treat such mail as suspicious, and many reject it.',
    fix: 'Send exactly one From field with one address of your own domain, e.g. From: Your Name <news@example.com>. Put other people in Reply-To or Sender instead.',
  },
  'dmarc.policy-none': {
    title: 'The DMARC policy for {domain} is monitoring only ({applied})',
    detail:
      'The record at _dmarc.{recordDomain} ({record}) asks receivers to do nothing special with mail that fails DMARC, so anyone can still send in the name of {domain}. p=none is the right first step while you read the reports, but it protects nothing.',
    fix: 'Once the aggregate reports show that all your legitimate mail passes DMARC, tighten the policy by changing the record at _dmarc.{recordDomain} to: {suggestedRecord}. Later, move on to reject.',
  },
  'dmarc.no-reports': {
    title: 'The DMARC record for {domain} asks for no reports',
    detail:
      'The record at _dmarc.{recordDomain} ({record}) has no rua= tag, so receivers send you no aggregate reports: you cannot see who sends mail as {domain}, nor which of your own mail fails.',
    fix: 'Add an aggregate report address to the record at _dmarc.{recordDomain}: {suggestedRecord} (the mailbox {reportAddress} must exist; the address of a DMARC report service works too).',
  },
};
