import type { AreaCatalog } from '../types.js';

const DMARC_REASONS = {
  ok: 'your DMARC policy is already strong enough',
  'dmarc-unknown': 'the DMARC record could not be read',
  'no-dmarc': 'there is no DMARC record',
  'policy-none': 'the DMARC policy that applies is none (monitoring only)',
  pct: 'pct= applies the policy to only part of the mail',
  testing: 't=y puts the policy in testing mode',
  'org-no-dmarc': 'the organizational domain has no DMARC record of its own',
  'org-policy-none': 'the DMARC policy of the organizational domain is none',
  'org-sp-none': 'the organizational domain sets sp=none for its subdomains',
};

const FETCH_REASONS = {
  dns: 'the logo host has no address in the DNS',
  'private-address': 'the logo host points to a private or reserved address that receivers cannot reach',
  certificate: 'the HTTPS certificate of the logo host does not verify',
  timeout: 'the server did not answer in time',
  connection: 'the connection or the TLS handshake failed',
  redirect: 'the server answered with a redirect instead of the file',
  'http-status': 'the server did not answer with status 200',
};

const SVG_PROBLEMS = {
  'not-svg': 'the file is not an SVG document',
  version: 'the root <svg> element lacks version="1.2"',
  'base-profile': 'the root <svg> element lacks baseProfile="tiny-ps"',
  'no-title': 'there is no <title> (with the brand name) directly under <svg>',
  script: 'it contains a script or an event handler (on...=)',
  'external-reference': 'it refers to something outside the file (href or url() to another address)',
  animation: 'it contains animation',
  'raster-image': 'it contains an <image> element (raster pictures are not allowed)',
  'foreign-object': 'it contains a <foreignObject> element',
  'root-position': 'the root <svg> element has x= or y=',
  'no-viewbox': 'the root <svg> element has no viewBox',
  'not-square': 'the viewBox is not square',
  'too-complex': 'it has more elements or deeper nesting than a logo needs',
  'too-large': 'it is larger than 32 KB',
};

export const bimi: AreaCatalog<'bimi'> = {
  'bimi.pass': {
    title: 'BIMI is set up for {domain}',
    detail:
      'The BIMI record, the logo ({logoUrl}, SVG Tiny PS basics) and the DMARC policy are in order, and the record names a mark certificate ({authorityUrl}), which Gmail and Apple Mail need. We do not check the certificate itself: it must be valid and contain this very logo.',
    fix: null,
  },
  'bimi.none': {
    title: 'No BIMI record for {domain}',
    detail:
      'BIMI lets mailbox providers show your logo next to your mail. It is optional branding and does not affect delivery. It needs DMARC at quarantine or reject for all mail (currently: {dmarcReason}), a square logo in SVG Tiny PS served over HTTPS, and for Gmail and Apple Mail a mark certificate (VMC or CMC).',
    fix: 'Once DMARC enforces, publish {suggested} with your own logo and certificate URLs (leave out a= to start; Yahoo and Fastmail show the logo without a certificate).',
    values: { dmarcReason: DMARC_REASONS },
  },
  'bimi.declined': {
    title: '{domain} declines BIMI',
    detail: 'The BIMI record of {domain} has empty l= and a= ({record}): it tells receivers to show no logo.',
    fix: null,
  },
  'bimi.no-authority': {
    title: 'The BIMI record of {domain} has no mark certificate (a=)',
    detail:
      'Without a= naming a Verified Mark Certificate (VMC) or Common Mark Certificate (CMC), the logo {logoUrl} is shown only by receivers that accept self-asserted logos, such as Yahoo and Fastmail. Gmail and Apple Mail show a logo only with a certificate.',
    fix: 'To have the logo shown in Gmail and Apple Mail, obtain a VMC (needs a registered trademark) or a CMC from a certificate authority that issues them (DigiCert, Sectigo, GlobalSign, ...), put the PEM file on an HTTPS server, and add a=<its URL> to the record at default._bimi.{domain}.',
  },
  'bimi.record-multiple': {
    title: '{domain} has {count} BIMI records',
    detail:
      'There are {count} TXT records starting with v=BIMI1 at default._bimi.{domain}: {records}. Receivers then show no logo.',
    fix: 'Keep exactly one record at default._bimi.{domain}, for example: {suggested}',
  },
  'bimi.record-syntax': {
    title: 'The BIMI record of {domain} is not valid',
    detail: 'The record at default._bimi.{domain} is {record}: {reason}. Receivers show no logo.',
    fix: 'Replace it with a valid record, for example: {suggested}',
    values: {
      reason: {
        syntax: 'it must start with "v=BIMI1;" followed by name=value tags separated by ";"',
        'logo-url': 'l= must be one https: URL of the SVG logo (no other port, no user name)',
        'authority-url': 'a= must be empty or one https: URL of the PEM certificate',
      },
    },
  },
  'bimi.svg-unreachable': {
    title: 'The BIMI logo could not be fetched',
    detail:
      'Fetching the logo at {url} failed: {reason} (details: {detail}). Receivers cannot fetch it either, so no logo is shown.',
    fix: 'Serve the SVG file at {url} directly over HTTPS, with a valid certificate, status 200 and no redirect, or change l= in the BIMI record to where it is served.',
    values: { reason: FETCH_REASONS },
  },
  'bimi.svg-invalid': {
    title: 'The BIMI logo is not valid SVG Tiny PS',
    detail:
      'The logo at {url} breaks the SVG Tiny PS profile that BIMI requires: {reason}. All problems found: {problems}. Receivers refuse such a logo.',
    fix: 'Export the logo as SVG Tiny PS (at most {maxBytes} bytes): the root element <svg version="1.2" baseProfile="tiny-ps" viewBox="0 0 N N"> with a square viewBox and no x= or y=, a <title> with the brand name, and no scripts, animation, raster images or external references. Design tools and the BIMI Group\'s conversion guide can produce it.',
    values: { reason: SVG_PROBLEMS },
  },
  'bimi.svg-not-checked': {
    title: 'The BIMI logo was not fetched',
    detail: 'Fetching over HTTPS is turned off for this audit, so the logo at {url} was not checked.',
    fix: null,
  },
  'bimi.dmarc-weak': {
    title: 'DMARC is not strong enough for BIMI on {domain}',
    detail:
      'Receivers show a BIMI logo only when DMARC enforces for all mail, at the domain and at its organizational domain {org}: {reason}. DMARC record: {record}.',
    fix: 'Move DMARC to p=quarantine or p=reject at _dmarc.{org}, without pct= below 100, t=y or sp=none (see the staged plan in the DMARC section), for example "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@{org}".',
    values: { reason: DMARC_REASONS },
  },
  'bimi.error': {
    title: 'BIMI could not be checked for {domain} (DNS error)',
    detail: 'The lookup of the BIMI record at default._bimi.{domain} got no answer: {code}.',
    fix: null,
  },
};
