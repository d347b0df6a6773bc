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
  'dmarc.record-found': {
    title: 'DMARC record for {domain} found at _dmarc.{foundAt}',
    detail:
      'The record at _dmarc.{foundAt} applies to {domain} ({inheritance}): {record}. The policy for {domain}: {applied}.',
    fix: null,
    values: {
      inheritance: {
        own: "the domain's own record",
        inherited:
          'inherited from a parent domain: a subdomain that exists gets sp=, a name that does not exist gets np=, both defaulting to p=',
        psd: 'the record of a public suffix (psd=y), which applies to domains under it that publish none of their own',
      },
    },
  },
  'dmarc.record-multiple': {
    title: '{domain} has {count} DMARC records at _dmarc.{recordDomain}: none applies',
    detail:
      'A name must hold exactly one DMARC record. Receivers discard a set of several (RFC 9989 4.10), so no policy applies to {domain} and nobody sends you reports: {records}',
    fix: 'Delete them all and publish exactly one TXT record at _dmarc.{recordDomain}: {suggestedRecord}. If they named different report addresses, list them all in one rua=, separated by commas.',
  },
  'dmarc.record-ignored': {
    title: 'A DMARC record for {domain} at _dmarc.{recordDomain} is ignored',
    detail:
      'Receivers discard the TXT records at _dmarc.{recordDomain} because {reason}: {records}. They use the record at _dmarc.{foundAt} instead, which may not be the policy you meant for {domain}.',
    fix: 'Replace them with exactly one record that starts with v=DMARC1, or delete them if the record at _dmarc.{foundAt} is the one you want.',
    values: {
      reason: {
        multiple: 'there are several of them, and a name must hold exactly one',
        version: 'they do not start with v=DMARC1 exactly (the first tag, with DMARC1 in capitals)',
      },
    },
  },
  'dmarc.lookup-error': {
    title: 'The DMARC record of {domain} could not be looked up (DNS error)',
    detail:
      'A DNS lookup of the DMARC Tree Walk got no answer, so the policy that applies to {domain} is unknown: {error}. Receivers that meet this usually defer the mail and try again later.',
    fix: 'Make sure the name servers of {orgDomain} answer TXT queries for _dmarc.{domain} and _dmarc.{orgDomain} quickly and reliably (no timeouts, no SERVFAIL), then run the audit again.',
  },
  'dmarc.policy-invalid': {
    title: 'The DMARC record for {domain} has no valid policy',
    detail:
      'The record at _dmarc.{recordDomain} has no valid p= (or an invalid sp= or np=): {tags}. Because it names a report address, receivers act as if it said p=none (RFC 9989 4.10.1): they send reports but protect nothing. Without a report address they would ignore the record altogether. p=, sp= and np= take none, quarantine or reject.',
    fix: 'Publish the record with a valid policy at _dmarc.{recordDomain}: {suggestedRecord}',
  },
  'dmarc.tag-invalid': {
    title: 'The DMARC record for {domain} has tags receivers cannot read',
    detail:
      'These tags in the record at _dmarc.{recordDomain} have a value DMARC does not allow, no "=", or a name not in lower case (tag names are case-sensitive): {tags}. Receivers skip them and use the default (aspf and adkim: r; t: n; fo: 0). Valid values: adkim and aspf r or s; t y or n; psd y, n or u; fo 0, 1, d or s, joined with ":".',
    fix: 'Correct the record at _dmarc.{recordDomain}. With the same meaning, written correctly: {suggestedRecord}',
  },
  'dmarc.tag-duplicate': {
    title: 'The DMARC record for {domain} repeats a tag',
    detail:
      'These tags appear more than once in the record at _dmarc.{recordDomain}: {tags}. The tag-list syntax DMARC uses does not allow it (RFC 6376 3.2): most receivers take the last value, strict ones discard the whole record, so {domain} may have no policy at all at some receivers.',
    fix: 'Keep each tag once. The record at _dmarc.{recordDomain} as most receivers read it now: {suggestedRecord}',
  },
  'dmarc.tag-unknown': {
    title: 'The DMARC record for {domain} has unknown tags',
    detail:
      'Receivers ignore tags DMARC does not define, so these in the record at _dmarc.{recordDomain} do nothing: {tags}. Check their spelling: the tags are v, p, sp, np, adkim, aspf, fo, rua, ruf, t and psd.',
    fix: 'Remove them or correct their names. Without them: {suggestedRecord}',
  },
  'dmarc.tag-deprecated': {
    title: 'The DMARC record for {domain} uses tags DMARCbis removed',
    detail:
      'pct=, rf= and ri= were removed by DMARCbis (RFC 9989): receivers that follow it ignore them, older ones still read them. In the record at _dmarc.{recordDomain}: {tags}.',
    fix: 'Remove them: {suggestedRecord}',
  },
  'dmarc.pct-partial': {
    title: 'The DMARC policy for {domain} applies to only {pct}% of failing mail',
    detail:
      'The record at _dmarc.{recordDomain} sets pct={pct}. Receivers that follow RFC 7489 apply {policy} to {pct}% of the mail that fails DMARC and the next weaker policy, {weakerPolicy}, to the rest. DMARCbis (RFC 9989) removed pct=: its receivers ignore the tag and apply {policy} to all failing mail. The same record thus means different things at different receivers. pct=0 used to mean "testing"; DMARCbis uses t=y for that.',
    fix: 'Remove pct= once the aggregate reports are clean: {suggestedRecord}. To try the policy first without it taking full effect, use t=y instead: {testingRecord}',
  },
  'dmarc.testing': {
    title: 'The DMARC policy for {domain} is in testing mode (t=y)',
    detail:
      'The record at _dmarc.{recordDomain} sets {applied} with t=y: while you test, receivers apply the policy one level lower ({effective}) (RFC 9989). Mail that fails DMARC is not yet handled as the policy says.',
    fix: 'When the aggregate reports show that all your legitimate mail passes, remove t=y: {suggestedRecord}',
  },
  'dmarc.alignment-strict': {
    title: 'The DMARC record for {domain} asks for strict alignment ({tags})',
    detail:
      'With aspf=s the MAIL FROM (Return-Path) domain that SPF authenticates must be exactly the From domain: mail sent by services that use a bounce subdomain of their own (bounce.{domain}, em.{domain}, as most newsletter and CRM services do) no longer aligns through SPF. With adkim=s the DKIM d= must be exactly the From domain: a signature with d=mail.{domain}, or d={domain} on mail from a subdomain, no longer counts. Relaxed alignment (the default) accepts any name under the same organizational domain.',
    fix: 'If the aggregate reports show legitimate mail failing only because of this, use relaxed alignment: {suggestedRecord}',
  },
  'dmarc.subdomain-weaker': {
    title: 'Subdomains of {recordDomain} get a weaker DMARC policy ({tags})',
    detail:
      'The record at _dmarc.{recordDomain} sets p={p}, but subdomains that exist get {sp} (sp=) and names that do not exist get {np} (np=, DMARCbis). Anyone can send as a subdomain under the weaker policy. Names that do not exist never send legitimate mail, so np=reject is safe for them.',
    fix: 'To give subdomains the same protection, remove {tags} from the record at _dmarc.{recordDomain} (they then follow p=), or raise them once the mail of your subdomains passes DMARC.',
  },
  'dmarc.report-uri-invalid': {
    title: 'Some DMARC report addresses of {domain} are not usable',
    detail:
      'Receivers send no reports to these URIs in the record at _dmarc.{recordDomain}: {uris}. Each must be a mailto: URI with a complete address (reports are sent by mail only; a size limit such as !10m may follow it), the URIs separated by commas, with any comma or "!" inside an address percent-encoded.',
    fix: 'Correct them. The record with the usable ones: {suggestedRecord}',
  },
  'dmarc.report-unauthorized': {
    title: 'Report destinations outside {orgDomain} have not authorized DMARC reports',
    detail:
      'The record at _dmarc.{recordDomain} sends reports to {destinations}, outside the organizational domain {orgDomain}. Receivers send reports there only when that domain publishes an authorization record (RFC 7489 7.1, DMARCbis), and these do not: {names}. Until they do, those reports are not sent, and you cannot see who sends mail as {domain}.',
    fix: 'Each destination must publish a TXT record with the value v=DMARC1 at: {names}. Report services publish it for their customers (often as *._report._dmarc.<their domain>); if yours has not, ask them, or send the reports to an address @{orgDomain} instead.',
  },
  'dmarc.report-lookup-error': {
    title: 'The report authorization for {domain} could not be checked (DNS error)',
    detail:
      'The lookups of these authorization records got no answer ({error}): {names}. Receivers that meet the same error may not send those reports. The record at _dmarc.{recordDomain} is otherwise unaffected.',
    fix: 'Check that the name servers of those destinations answer TXT queries for these names, then run the audit again.',
  },
  'dmarc.report-authorization': {
    title: 'Report destinations outside {domain} must authorize your reports',
    detail:
      'Reports for {domain} go to {destinations}, outside its organizational domain. Receivers send them only if each of those domains publishes an authorization record (RFC 7489 7.1, DMARCbis).',
    fix: 'Each destination must publish a TXT record with the value v=DMARC1 at: {names}. DMARC report services usually do this already: check before you publish your record.',
  },
  'dmarc.plan': {
    title: 'Next DMARC step for {domain}: {stage}',
    detail:
      'The policy for {domain} now: {current}. A domain moves to p=reject in stages, so no legitimate mail is lost on the way: monitor (p=none with rua=, to receive the aggregate reports), then quarantine, then reject. The records to publish, in order: {steps}',
    fix: 'Publish this TXT record at _dmarc.{recordDomain}{replacing}: {record}. {when}',
    values: {
      current: { 'no-record': 'no DMARC record applies' },
      replacing: { new: '', replace: ', in place of the current one' },
      stage: {
        monitor: 'monitor with reports (p=none)',
        quarantine: 'quarantine (p=quarantine)',
        reject: 'reject (p=reject)',
      },
      when: {
        monitor:
          'Then read the aggregate reports for 2–4 weeks and make every service that sends as your domain pass SPF or DKIM aligned with it.',
        quarantine:
          'Publish it after 2–4 weeks of clean aggregate reports (every legitimate source passes DMARC). DMARCbis has no pct= for a gradual start: to watch the effect first, publish it with t=y for a while.',
        reject: 'Publish it after 2–4 more weeks of clean aggregate reports at the current policy.',
      },
    },
  },
};
