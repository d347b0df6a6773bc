/**
 * The SPF builder (the fix generator): from the services a domain sends through (a table of well-known
 * providers' SPF include domains), its own addresses and extra includes, one record within the 10-lookup
 * limit. Each include's tree is walked through the DNS to count its lookups; only when the total is over 10
 * are the heaviest includes flattened into the ip4:/ip6: terms they publish today, and the notes say so.
 *
 * Ends with ~all unless asked for -all. Why: with DMARC at quarantine or reject, ~all protects as well as
 * -all, while some receivers reject on an SPF fail at SMTP before DKIM is looked at, which loses forwarded
 * mail that DMARC would have passed on its DKIM signature (M3AAWG's Email Authentication Best Practices
 * recommend ~all for this reason). -all stays an option for domains that want it.
 */
import { domainToASCII } from 'node:url';
import { isIP } from 'node:net';
import type { Finding } from '../checks/types.js';
import type { DnsSession } from '../dns/session.js';
import { flatTermsOf, txtAnswerBytes, txtStrings, UDP_ANSWER_BYTES, zoneValue } from '../audit/spf/record.js';
import { parseSpfRecord } from '../audit/spf/syntax.js';
import { nodesOf, SPF_LOOKUP_LIMIT, walkSpfTree } from '../audit/spf/tree.js';
import type { SpfTreeNode } from '../audit/types.js';

export interface SpfProvider {
  /** Stable id for the CLI, the API and the page. */
  id: string;
  /** The product's own name (a name, so not translated). */
  name: string;
  /** The domain its documentation says to include. */
  include: string;
  /** Where the provider documents it. */
  source: string;
}

/**
 * Well-known sending services and the SPF include their own documentation gives. Only includes that are the
 * same for every customer: services whose include is per account (HubSpot's <id>.spf0N.hubspotemail.net,
 * Customers Mail Cloud's per-subdomain spf.<sub>.smtps.jp plans) are left for the "extra include" field.
 * Zoho: only its US data centre (zoho.com); the other regions' includes are documented inconsistently.
 */
export const SPF_PROVIDERS: readonly SpfProvider[] = [
  {
    id: 'google-workspace',
    name: 'Google Workspace',
    include: '_spf.google.com',
    source: 'Google Workspace Admin Help, "Set up SPF"',
  },
  {
    id: 'microsoft-365',
    name: 'Microsoft 365 (Exchange Online)',
    include: 'spf.protection.outlook.com',
    source: 'https://learn.microsoft.com/defender-office-365/email-authentication-spf-configure',
  },
  {
    id: 'amazon-ses',
    name: 'Amazon SES',
    include: 'amazonses.com',
    source: 'https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-spf.html',
  },
  {
    // SendGrid sold in Japan by 構造計画研究所 (KKE) is the same service with the same include.
    id: 'sendgrid',
    name: 'SendGrid (Twilio; 構造計画研究所 in Japan)',
    include: 'sendgrid.net',
    source: 'Twilio SendGrid docs, "SPF Records"; sendgrid.kke.co.jp docs',
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    include: 'mailgun.org',
    source: 'Mailgun documentation, "Domain verification"',
  },
  {
    id: 'mailchimp',
    name: 'Mailchimp',
    include: 'servers.mcsv.net',
    source: 'Mailchimp Help, "Set up email domain authentication"',
  },
  {
    id: 'mandrill',
    name: 'Mailchimp Transactional (Mandrill)',
    include: 'spf.mandrillapp.com',
    source: 'Mailchimp Transactional docs, "Authentication and delivery"',
  },
  { id: 'postmark', name: 'Postmark', include: 'spf.mtasv.net', source: 'Postmark support, "SPF"' },
  {
    id: 'zoho',
    name: 'Zoho Mail (US data centre)',
    include: 'zoho.com',
    source: 'Zoho Mail Help, "SPF configuration"',
  },
  {
    id: 'sparkpost',
    name: 'SparkPost',
    include: 'sparkpostmail.com',
    source: 'SparkPost support, "Getting started"',
  },
  {
    id: 'brevo',
    name: 'Brevo (Sendinblue)',
    include: 'spf.brevo.com',
    source: 'Brevo Help, "Authenticate your domain"',
  },
  {
    id: 'salesforce',
    name: 'Salesforce',
    include: '_spf.salesforce.com',
    source: 'Salesforce Help, "Sender Policy Framework"',
  },
  {
    id: 'zendesk',
    name: 'Zendesk',
    include: 'mail.zendesk.com',
    source: 'Zendesk help, "Allowing Zendesk to send email"',
  },
  { id: 'mailjet', name: 'Mailjet', include: 'spf.mailjet.com', source: 'Mailjet documentation, "SPF"' },
  {
    id: 'fastmail',
    name: 'Fastmail',
    include: 'spf.messagingengine.com',
    source: 'Fastmail help, "Custom domain DNS"',
  },
  {
    id: 'proton',
    name: 'Proton Mail',
    include: '_spf.protonmail.ch',
    source: 'Proton support, "Anti-spoofing (SPF)"',
  },
  {
    id: 'haihaimail',
    name: '配配メール',
    include: 'spf.haihaimail.jp',
    source: 'https://support.haihaimail.jp/arrivalimprovement/spfset/',
  },
  {
    id: 'spiral',
    name: 'SPIRAL（スパイラル）',
    include: 'smp.ne.jp',
    source: 'https://support.smp.ne.jp/faq/mail-faq/f0043/',
  },
  {
    id: 'gmo-simple-mail',
    name: 'GMO Simple mail',
    include: 'simplemail.jp',
    source: 'https://mail-saas.gmocloud.com/support/faq.html',
  },
  {
    // Its sandbox and transactional-email plans; the other plans have a per-account include.
    id: 'customers-mail-cloud',
    name: 'Customers Mail Cloud (sandbox / transactional)',
    include: 'spf.te.smtps.jp',
    source: 'https://smtps.jp/docs-en/userguide/auth/spf/',
  },
];

export interface SpfBuildInput {
  /** Ids from SPF_PROVIDERS. */
  services?: readonly string[];
  /** IPv4/IPv6 addresses or networks ("192.0.2.10", "198.51.100.0/24", "2001:db8::/48"; "ip4:" prefixes allowed). */
  addresses?: readonly string[];
  /** Further include domains (a service not in the table, or a per-account one). */
  includes?: readonly string[];
  /** The domain's own A / MX hosts send mail too (one lookup each). */
  a?: boolean;
  mx?: boolean;
  /** The ending: '~' (default, see the top of this file) or '-'. */
  all?: '-' | '~';
  /** The domain the record is for: sizes the answer (its name is in it). */
  domain?: string;
}

export interface SpfBuildInclude {
  domain: string;
  /** The include itself and everything it makes a receiver look up. */
  lookups: number;
  tree: SpfTreeNode;
  status: 'included' | 'flattened' | 'dropped' | 'temperror';
}

export interface SpfBuildResult {
  /** The record to publish. */
  record: string;
  /** The record as TXT character-strings of at most 255 bytes (one TXT record holding these strings). */
  txtStrings: string[];
  /** The value as a DNS panel or zone file takes it: the record, or its quoted strings. */
  zoneValue: string;
  /** DNS lookups an evaluation of the record can take; a lower bound when `complete` is false. */
  lookups: number;
  complete: boolean;
  /** The record's size, and the size of a TXT answer holding only it. */
  bytes: number;
  answerBytes: number;
  includes: SpfBuildInclude[];
  flattened: Array<{ include: string; terms: string[]; lookupsSaved: number }>;
  /** What to know before publishing: findings whose words are in the catalogs (spf.build-*). */
  notes: Finding[];
}

/** Bounds on one request: a real domain has a handful of services; each include costs a tree walk. */
const MAX_SERVICES = 30;
const MAX_INCLUDES = 20;
const MAX_ADDRESSES = 200;
/**
 * Records walked per include. Every record below the include costs a lookup to reach, so an include whose
 * tree has more than 11 records is over the limit on its own: walking further changes no count that matters,
 * and a hostile include cannot make one request cost more than a few dozen queries.
 */
const INCLUDE_TREE_NODES = SPF_LOOKUP_LIMIT + 2;
/** Characters of one input value looked at (a name is at most 253, an IPv6 network about 50). */
const MAX_VALUE_CHARS = 300;

export interface NormalizedSpfBuildInput {
  /** Include domains in order (services first), each once. */
  includes: string[];
  /** ip4:/ip6: terms. */
  addresses: string[];
  a: boolean;
  mx: boolean;
  all: '-' | '~';
  domain: string | null;
  /** Inputs that were left out, coded (spf.build-bad-input). */
  problems: Finding[];
}

/** A valid lower-case include domain without macros, or null. */
function includeDomain(value: string): string | null {
  const text = value
    .trim()
    .replace(/^include:/i, '')
    .replace(/\.$/, '');
  if (!text || text.length > MAX_VALUE_CHARS) return null;
  const ascii = domainToASCII(text.toLowerCase());
  if (!ascii) return null;
  const parsed = parseSpfRecord(`v=spf1 include:${ascii}`);
  const term = parsed.terms[0];
  return parsed.problems.length || !term || term.kind !== 'mechanism' || term.hasMacro ? null : ascii;
}

/** The ip4:/ip6: term for an address or network, as SPF's syntax takes it; null when it is none. */
function addressTerm(value: string): string | null {
  const text = value.trim().replace(/^ip[46]:/i, '');
  if (!text || text.length > MAX_VALUE_CHARS) return null;
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const plain = mapped ? mapped[1]! : address.toLowerCase();
  const version = isIP(plain);
  if (!version || (mapped && prefix !== undefined)) return null;
  const term = `ip${version}:${plain}${prefix === undefined ? '' : `/${prefix}`}`;
  return parseSpfRecord(`v=spf1 ${term}`).problems.length ? null : term;
}

/** Checks and normalizes the builder's input; what it cannot use becomes spf.build-bad-input notes. */
export function normalizeSpfBuildInput(input: SpfBuildInput): NormalizedSpfBuildInput {
  const bad: Record<'unknown-service' | 'bad-address' | 'bad-domain' | 'too-many', string[]> = {
    'unknown-service': [],
    'bad-address': [],
    'bad-domain': [],
    'too-many': [],
  };
  const shown = (value: string) => value.slice(0, 100);
  const take = (values: readonly string[] | undefined, max: number): string[] => {
    const list = values ?? [];
    if (list.length > max) bad['too-many'].push(...list.slice(max, max + 5).map(shown));
    return list.slice(0, max).map(String);
  };

  const includes: string[] = [];
  for (const id of take(input.services, MAX_SERVICES)) {
    const provider = SPF_PROVIDERS.find((p) => p.id === id.trim().toLowerCase());
    if (provider) includes.push(provider.include);
    else bad['unknown-service'].push(shown(id));
  }
  for (const value of take(input.includes, MAX_INCLUDES)) {
    const domain = includeDomain(value);
    if (domain) includes.push(domain);
    else bad['bad-domain'].push(shown(value));
  }
  const addresses: string[] = [];
  for (const value of take(input.addresses, MAX_ADDRESSES)) {
    const term = addressTerm(value);
    if (term) addresses.push(term);
    else bad['bad-address'].push(shown(value));
  }
  const domain = input.domain ? includeDomain(input.domain) : null;
  const problems: Finding[] = Object.entries(bad)
    .filter(([, values]) => values.length)
    .map(([reason, values]) => ({ id: 'spf.build-bad-input', params: { values, reason } }));
  return {
    includes: [...new Set(includes)].slice(0, MAX_INCLUDES),
    addresses: [...new Set(addresses)],
    a: input.a === true,
    mx: input.mx === true,
    all: input.all === '-' ? '-' : '~',
    domain,
    problems,
  };
}

/** Node errors that make an include unusable: including it would make the whole record a permerror. */
const UNUSABLE = new Set(['not-found', 'no-record', 'multiple-records', 'syntax', 'loop']);

/**
 * Builds one SPF record. Never throws for DNS faults: an include that does not answer stays in the record
 * with a note (its count unknown). All include trees are walked at once, within the session's deadline.
 */
export async function buildSpfRecord(input: SpfBuildInput, dns: DnsSession): Promise<SpfBuildResult> {
  const request = normalizeSpfBuildInput(input);
  const notes: Finding[] = [...request.problems];
  const walks = await Promise.all(
    request.includes.map((domain) =>
      walkSpfTree(domain, dns, { via: 'include', maxNodes: INCLUDE_TREE_NODES }),
    ),
  );

  const includes: SpfBuildInclude[] = walks.map((walk) => ({
    domain: walk.root.domain,
    lookups: 1 + walk.root.totalLookups,
    tree: walk.root,
    // A broken record anywhere below makes the include a permerror once an evaluation reaches it.
    status: [...nodesOf(walk.root)].some(({ node }) => UNUSABLE.has(node.error ?? ''))
      ? 'dropped'
      : walk.root.error === 'temperror' || walk.temperrors.length
        ? 'temperror'
        : 'included',
  }));
  const used = includes
    .map((inc, i) => ({ inc, walk: walks[i]! }))
    .filter(({ inc }) => inc.status !== 'dropped');

  let lookups =
    (request.a ? 1 : 0) + (request.mx ? 1 : 0) + used.reduce((sum, { inc }) => sum + inc.lookups, 0);
  const flattened: SpfBuildResult['flattened'] = [];
  const replacement = new Map<string, string[]>();
  if (lookups > SPF_LOOKUP_LIMIT) {
    // Heaviest first; among equals, the one with fewer addresses (a shorter record).
    const candidates = used
      .map(({ inc, walk }) => ({ inc, terms: flatTermsOf(walk.root, walk.parsed) }))
      .filter(
        (c): c is { inc: SpfBuildInclude; terms: string[] } =>
          c.terms !== null && c.inc.status === 'included',
      )
      .sort((a, b) => b.inc.lookups - a.inc.lookups || a.terms.length - b.terms.length);
    for (const { inc, terms } of candidates) {
      if (lookups <= SPF_LOOKUP_LIMIT) break;
      replacement.set(inc.domain, terms);
      inc.status = 'flattened';
      flattened.push({ include: inc.domain, terms, lookupsSaved: inc.lookups });
      lookups -= inc.lookups;
    }
  }

  const terms = [
    ...request.addresses,
    ...(request.a ? ['a'] : []),
    ...(request.mx ? ['mx'] : []),
    ...used.flatMap(({ inc }) => replacement.get(inc.domain) ?? [`include:${inc.domain}`]),
  ];
  const unique = [...new Map(terms.map((t) => [t.toLowerCase(), t])).values()];
  // Nothing asked for: a domain that sends no mail. Senders asked for but none usable: the notes say why.
  const nothingAsked = !request.includes.length && !request.addresses.length && !request.a && !request.mx;
  const record = nothingAsked ? 'v=spf1 -all' : ['v=spf1', ...unique, `${request.all}all`].join(' ');

  const strings = txtStrings(record);
  const bytes = Buffer.byteLength(record);
  const answerBytes = txtAnswerBytes(request.domain ?? 'example.com', [strings]);
  const dropped = includes.filter((inc) => inc.status === 'dropped').map((inc) => inc.domain);
  const unanswered = includes.filter((inc) => inc.status === 'temperror').map((inc) => inc.domain);

  if (nothingAsked) notes.push({ id: 'spf.build-no-senders', params: { record } });
  if (dropped.length) notes.push({ id: 'spf.build-include-dropped', params: { includes: dropped } });
  if (unanswered.length) notes.push({ id: 'spf.build-include-temperror', params: { includes: unanswered } });
  if (flattened.length)
    notes.push({
      id: 'spf.build-flattened',
      params: { includes: flattened.map((f) => `include:${f.include}`) },
    });
  if (lookups > SPF_LOOKUP_LIMIT) {
    const kept = used
      .filter(({ inc }) => inc.status !== 'flattened')
      .map(({ inc }) => `include:${inc.domain}`);
    notes.push({ id: 'spf.build-over-limit', params: { lookups, includes: kept } });
  }
  if (strings.length > 1) notes.push({ id: 'spf.build-split', params: { bytes, count: strings.length } });
  if (answerBytes > UDP_ANSWER_BYTES)
    notes.push({ id: 'spf.build-answer-large', params: { bytes: answerBytes } });
  if (!nothingAsked && request.all === '~') notes.push({ id: 'spf.build-softfail' });

  return {
    record,
    txtStrings: strings,
    zoneValue: zoneValue(record),
    lookups,
    complete: unanswered.length === 0 && walks.every((w) => !w.truncated),
    bytes,
    answerBytes,
    includes,
    flattened,
    notes,
  };
}
