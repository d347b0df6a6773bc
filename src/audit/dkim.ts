/**
 * DKIM key audit: the keys at `<selector>._domainkey.<domain>` for the selectors the user names and for a
 * list of common ones, all asked at once. DNS cannot list a domain's selectors, so a domain whose selector
 * is on neither list looks keyless: we say so, and ask for the selector (the s= of a DKIM-Signature).
 *
 * Each key record is read by mailauth's own key parser (the one the message check's verifier uses), so
 * "this key works" here means the same as a verified signature there. On top of it we judge what the
 * parser lets pass: sizes (RFC 8301), revoked keys, t=y / t=s, h= without sha256, syntax it forgives,
 * and the ways people publish a long record wrongly (split into several records, literal quotes, cut at
 * 255 characters). Each selector is also asked for a CNAME: providers (Microsoft 365, SendGrid, Mailchimp)
 * have their customers point a selector at a key the provider publishes, and a CNAME to nothing means the
 * provider has not published it (DKIM not enabled there).
 */
import { createRequire } from 'node:module';
import type { Finding, FindingParams } from '../checks/types.js';
import { errorCode, isTransient } from '../dns/types.js';
import { txtStringsOf, zoneLineOf } from '../generate/dkim.js';
import { LIMITS } from '../limits.js';
import type { CheckId } from '../scoring/deductions.js';
import { parseSelectors } from './target.js';
import type { AuditContext, AuditSection, DkimKeyData } from './types.js';

/** One selector we try when the user names none, and whose it usually is (shown beside a key we find). */
export interface CommonSelector {
  selector: string;
  provider: string;
  /**
   * The provider has its customers point the selector at a key it publishes, with a CNAME: only then is
   * the CNAME asked too (a CNAME to nothing means DKIM is not turned on there), to spare a query per name.
   */
  delegated?: boolean;
}

/**
 * Fixed selector names that services and software publish for their customers. Only fixed names: many
 * services pick random or dated ones that no list can guess, e.g. Amazon SES (Easy DKIM: three random
 * tokens), Postmark (`<timestamp>pm`), HubSpot (`hs1-<account id>`), Zoho (chosen by the user). Each is
 * a query (two for delegated ones, with the CNAME), so the list holds only names seen widely.
 */
// prettier-ignore
export const COMMON_DKIM_SELECTORS: readonly CommonSelector[] = [
  { selector: 'google', provider: 'Google Workspace' },
  { selector: 'selector1', provider: 'Microsoft 365', delegated: true },
  { selector: 'selector2', provider: 'Microsoft 365', delegated: true },
  { selector: 'k1', provider: 'Mailchimp / Mandrill', delegated: true },
  { selector: 'k2', provider: 'Mailchimp', delegated: true },
  { selector: 'k3', provider: 'Mailchimp', delegated: true },
  { selector: 'mandrill', provider: 'Mandrill' },
  { selector: 's1', provider: 'SendGrid', delegated: true },
  { selector: 's2', provider: 'SendGrid', delegated: true },
  { selector: 'smtp', provider: 'Mailgun' },
  { selector: 'mailo', provider: 'Mailgun' },
  { selector: 'mailjet', provider: 'Mailjet' },
  { selector: 'brevo1', provider: 'Brevo', delegated: true },
  { selector: 'brevo2', provider: 'Brevo', delegated: true },
  { selector: 'cm', provider: 'Campaign Monitor' },
  { selector: 'ctct1', provider: 'Constant Contact', delegated: true },
  { selector: 'ctct2', provider: 'Constant Contact', delegated: true },
  { selector: 'zendesk1', provider: 'Zendesk', delegated: true },
  { selector: 'zendesk2', provider: 'Zendesk', delegated: true },
  { selector: 'resend', provider: 'Resend' },
  { selector: 'sig1', provider: 'iCloud Mail', delegated: true },
  { selector: 'fm1', provider: 'Fastmail', delegated: true },
  { selector: 'fm2', provider: 'Fastmail', delegated: true },
  { selector: 'fm3', provider: 'Fastmail', delegated: true },
  { selector: 'protonmail', provider: 'Proton Mail', delegated: true },
  { selector: 'protonmail2', provider: 'Proton Mail', delegated: true },
  { selector: 'protonmail3', provider: 'Proton Mail', delegated: true },
  { selector: 'mxvault', provider: 'MXroute' },
  { selector: 'everlytickey1', provider: 'Everlytic' },
  { selector: 'everlytickey2', provider: 'Everlytic' },
  { selector: 'eversrv', provider: 'Everlytic' },
  // Software defaults: cPanel and many OpenDKIM guides (default), rspamd (dkim), Mail-in-a-Box and others (mail).
  { selector: 'default', provider: 'cPanel / OpenDKIM' },
  { selector: 'dkim', provider: 'rspamd' },
  { selector: 'mail', provider: 'self-hosted' },
];

// ---------------------------------------------------------------------------------------------
// Reading one key record

const requireCjs = createRequire(import.meta.url);

interface ParsedTagList {
  parsed: Record<string, { value?: unknown } | undefined>;
  syntaxErrors: string[];
}
interface PublicKeyInfo {
  keyType: string;
  modulusLength?: number;
  flags: string[];
  testing: boolean;
  warnings: string[];
}
// mailauth's key parser and tag-list reader (no type declarations ship with them).
const { getPublicKey, parseTagList } = requireCjs('mailauth/lib/tools.js') as {
  getPublicKey: (
    type: string,
    name: string,
    minBitLength: number,
    resolver: (name: string, type: string) => Promise<string[][]>,
    options: { strict: boolean },
  ) => Promise<PublicKeyInfo>;
  parseTagList: (value: string, options: { strict: boolean }) => ParsedTagList;
};

/** RFC 8301 3.2: verifiers must refuse RSA keys under 1024 bits; 2048 is what it recommends signers use. */
const MIN_RSA_BITS = 1024;
const WEAK_RSA_BITS = 1024;
/** RFC 8301 3.2: verifiers must handle keys of 1024 to 4096 bits; larger ones may not verify everywhere. */
const MAX_RSA_BITS = 4096;

/** Why a key record cannot be used, coded (worded in the catalogs' `values`). */
export type KeyProblem =
  | 'revoked'
  | 'no-key'
  | 'bad-base64'
  | 'truncated'
  | 'unknown-type'
  | 'unknown-version'
  | 'not-email'
  | 'not-a-key'
  | 'split'
  | 'quoted'
  | 'multiple';

/** What the parser forgave, coded: strict receivers ignore a record with any of these (RFC 6376 6.1.2). */
type SyntaxProblem =
  'empty-tag' | 'no-equals' | 'bad-tag-name' | 'duplicate-tag' | 'v-not-first' | 'k-missing';

const SYNTAX_ERRORS: ReadonlyArray<[prefix: string, code: SyntaxProblem]> = [
  ['empty tag-spec', 'empty-tag'],
  ['tag-spec without', 'no-equals'],
  ['invalid tag name', 'bad-tag-name'],
  ['duplicate tag', 'duplicate-tag'],
];

/** The judgement of the TXT records at one key name. */
interface KeyReading {
  /** The record as receivers read it (the first key-like record, strings joined), bounded. */
  record: string;
  type: 'rsa' | 'ed25519';
  keyBits: number | null;
  problem: KeyProblem | null;
  testing: boolean;
  strictSubdomains: boolean;
  /** h= lists hash algorithms and sha256 is not among them. */
  sha1Only: boolean;
  syntax: SyntaxProblem[];
  /** For split and quoted records: the record as it should be published, when we could rebuild it. */
  repaired: string | null;
}

const whitespaceless = (value: string) => value.replace(/\s+/g, '');
const looksLikeKey = (record: string) => /^\s*v\s*=\s*dkim1/i.test(record) || /(^|;)\s*p\s*=/i.test(record);
/** A piece of a key cut off into its own record: nothing but base64. */
const looksLikeFragment = (record: string) => /^[A-Za-z0-9+/]{8,}={0,2}$/.test(whitespaceless(record));

const tagValue = (tags: ParsedTagList, name: string): string | null => {
  const value = tags.parsed[name]?.value;
  return value === undefined || value === null ? null : String(value);
};
const listOf = (value: string | null) =>
  (value ?? '')
    .split(':')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/** mailauth's verdict on one record: the key's facts, or the coded reason it refuses it. */
async function parseKey(record: string): Promise<PublicKeyInfo | { problem: KeyProblem }> {
  try {
    return await getPublicKey('DKIM', 'key', 1, async () => [[record]], { strict: false });
  } catch (err) {
    const { code, message } = err as { code?: string; message?: string };
    if (code === 'EINVALIDVER') return { problem: 'unknown-version' };
    if (code === 'EINVALIDSERVICE') return { problem: 'not-email' };
    if (code === 'EINVALIDTYPE') return { problem: 'unknown-type' };
    if (code === 'EINVALIDVAL' && /base64/i.test(message ?? '')) return { problem: 'bad-base64' };
    if (code === 'EINVALIDVAL') {
      const tags = parseTagList(whitespaceless(record), { strict: false });
      return { problem: tagValue(tags, 'p') === '' ? 'revoked' : 'no-key' };
    }
    return { problem: 'unknown-type' };
  }
}

const isInfo = (value: PublicKeyInfo | { problem: KeyProblem }): value is PublicKeyInfo =>
  !('problem' in value);

/** The fragments of a key split into several records, put back together in the order that parses (≤ 4! tries). */
async function reassembled(head: string, fragments: string[]): Promise<string | null> {
  if (fragments.length > 3) return null;
  for (const order of permutations(fragments)) {
    const candidate = head + order.join('');
    if (isInfo(await parseKey(candidate))) return candidate;
  }
  return null;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** A record pasted with its zone-file quotes: `"v=DKIM1; ... " "...rest"` stored as text. */
const unquoted = (record: string) => record.replace(/"\s*"/g, '').replace(/"/g, '').trim();

/** Judges the TXT records found at one key name; null when none of them is a key record. */
export async function readKeyRecords(records: readonly string[][]): Promise<KeyReading | null> {
  const texts = records.slice(0, LIMITS.auditDkimRecords).map((strings) => strings.join(''));
  const keys = texts.filter(looksLikeKey);
  if (keys.length === 0) return null;
  const head = keys[0]!;
  const fragments = texts.filter((t) => !looksLikeKey(t) && looksLikeFragment(t));

  let problem: KeyProblem | null = null;
  let repaired: string | null = null;
  if (keys.length > 1) problem = 'multiple';
  else if (fragments.length > 0) {
    problem = 'split';
    repaired = await reassembled(head, fragments);
  } else if (head.includes('"')) {
    problem = 'quoted';
    const candidate = unquoted(head);
    repaired = isInfo(await parseKey(candidate)) ? candidate : null;
  }

  const tags = parseTagList(whitespaceless(head), { strict: false });
  const declared = (tagValue(tags, 'k') ?? 'rsa').trim().toLowerCase();
  const base: KeyReading = {
    record: head.slice(0, LIMITS.auditDkimRecordChars),
    type: declared === 'ed25519' ? 'ed25519' : 'rsa',
    keyBits: null,
    problem,
    testing: listOf(tagValue(tags, 't')).includes('y'),
    strictSubdomains: listOf(tagValue(tags, 't')).includes('s'),
    sha1Only: tagValue(tags, 'h') !== null && !listOf(tagValue(tags, 'h')).includes('sha256'),
    syntax: syntaxProblems(tags),
    repaired,
  };

  const parsed = await parseKey(head);
  if (!isInfo(parsed)) {
    // A single string of exactly 255 bytes that does not parse was cut where a web form cut it.
    const cut = records.some((strings) => strings.length === 1 && Buffer.byteLength(strings[0]!) === 255);
    const reason =
      cut && (parsed.problem === 'bad-base64' || parsed.problem === 'unknown-type')
        ? 'truncated'
        : parsed.problem;
    return { ...base, problem: problem ?? reason };
  }
  const type = parsed.keyType === 'ed25519' ? 'ed25519' : 'rsa';
  const syntax = [...base.syntax];
  if (parsed.warnings.includes('key-v-syntax')) syntax.push('v-not-first');
  if (parsed.warnings.includes('key-type-inferred')) syntax.push('k-missing');
  return {
    ...base,
    type,
    // Ed25519 keys are 256 bits, as the message check reports them.
    keyBits: type === 'ed25519' ? 256 : (parsed.modulusLength ?? null),
    syntax: [...new Set(syntax)],
  };
}

function syntaxProblems(tags: ParsedTagList): SyntaxProblem[] {
  const codes = tags.syntaxErrors.map(
    (error) => SYNTAX_ERRORS.find(([prefix]) => error.startsWith(prefix))?.[1] ?? 'no-equals',
  );
  return [...new Set(codes)];
}

// ---------------------------------------------------------------------------------------------
// Asking DNS

type TxtOutcome = { records: string[][] } | { missing: true } | { error: string };

interface Probe {
  selector: string;
  source: 'given' | 'common';
  provider: string | null;
  name: string;
  txt: TxtOutcome;
  /** The selector's CNAME target, when it has one. */
  cname: string | null;
}

async function probe(
  ctx: AuditContext,
  selector: string,
  source: Probe['source'],
  provider: string | null,
  askCname: boolean,
): Promise<Probe> {
  const name = `${selector}._domainkey.${ctx.domain}`;
  const [txt, cname] = await Promise.all([
    ctx.dns.records(name, 'TXT').then(
      (records): TxtOutcome => ({ records }),
      (err): TxtOutcome => (isTransient(err) ? { error: errorCode(err) } : { missing: true }),
    ),
    // Only what the CNAME says; its failure changes nothing the TXT answer does not already say.
    askCname
      ? ctx.dns.records(name, 'CNAME').then(
          (targets) => normalizeName(targets[0] ?? '') || null,
          () => null,
        )
      : null,
  ]);
  return { selector, source, provider, name, txt, cname };
}

const normalizeName = (name: string) => String(name).trim().toLowerCase().replace(/\.$/, '').slice(0, 253);

/** The user's selectors that are valid (entry points validate them; a section still trusts nothing). */
function givenSelectors(ctx: AuditContext): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  const given: readonly unknown[] = Array.isArray(ctx.options.selectors) ? ctx.options.selectors : [];
  for (const raw of given.slice(0, LIMITS.auditUserSelectors)) {
    const text = typeof raw === 'string' ? raw.trim() : '';
    const parsed = /^[^\s,]+$/.test(text) ? parseSelectors([text], ctx.domain) : null;
    const selector = parsed?.ok ? parsed.selectors[0] : undefined;
    if (selector === undefined) invalid.push(String(raw).slice(0, 64));
    else if (!valid.includes(selector)) valid.push(selector);
  }
  return { valid, invalid };
}

// ---------------------------------------------------------------------------------------------
// The section

interface FoundKey {
  probe: Probe;
  reading: KeyReading;
  data: DkimKeyData;
}

export async function auditDkim(ctx: AuditContext): Promise<AuditSection<DkimKeyData[]>> {
  try {
    return await lookUpKeys(ctx);
  } catch {
    // Never throw out of a section: an unexpected fault leaves the keys unknown.
    return {
      data: [],
      findings: [
        { id: 'dkim.audit-temperror', params: { domain: ctx.domain, selectors: [], error: 'EUNEXPECTED' } },
      ],
    };
  }
}

async function lookUpKeys(ctx: AuditContext): Promise<AuditSection<DkimKeyData[]>> {
  const { valid, invalid } = givenSelectors(ctx);
  const common = COMMON_DKIM_SELECTORS.filter((c) => !valid.includes(c.selector));
  const probes = await Promise.all([
    // The user's own selectors get their CNAME asked: it explains a missing key.
    ...valid.map((selector) => probe(ctx, selector, 'given', providerOf(selector), true)),
    ...common.map((c) => probe(ctx, c.selector, 'common', c.provider, c.delegated === true)),
  ]);

  const found: FoundKey[] = [];
  for (const p of probes) {
    if (!('records' in p.txt)) continue;
    const reading = await readKeyRecords(p.txt.records);
    // A TXT that is no key record (a wildcard TXT, say) at a selector the user did not name is noise.
    if (!reading && p.source === 'common') continue;
    const judged: KeyReading = reading ?? notAKey(p.txt.records);
    found.push({ probe: p, reading: judged, data: keyData(p, judged) });
  }
  return { data: found.map((f) => f.data), findings: findingsOf(ctx, probes, found, invalid) };
}

const providerOf = (selector: string) =>
  COMMON_DKIM_SELECTORS.find((c) => c.selector === selector)?.provider ?? null;

const notAKey = (records: string[][]): KeyReading => ({
  record: (records[0] ?? []).join('').slice(0, LIMITS.auditDkimRecordChars),
  type: 'rsa',
  keyBits: null,
  problem: 'not-a-key',
  testing: false,
  strictSubdomains: false,
  sha1Only: false,
  syntax: [],
  repaired: null,
});

function keyData(p: Probe, r: KeyReading): DkimKeyData {
  return {
    selector: p.selector,
    type: r.type,
    keyBits: r.keyBits,
    revoked: r.problem === 'revoked',
    testing: r.testing,
    sha1Only: r.sha1Only,
    record: r.record,
    name: p.name,
    source: p.source,
    provider: p.provider,
    cname: p.cname,
    strictSubdomains: r.strictSubdomains,
    problem: r.problem,
    syntax: r.syntax,
  };
}

// ---------------------------------------------------------------------------------------------
// Findings: one per id, the first affected key's values, the list of all affected key names

/** A key that signs: parsed, not revoked, nothing that makes receivers ignore it. */
const usable = (f: FoundKey) =>
  f.reading.problem === null && !(f.reading.type === 'rsa' && (f.reading.keyBits ?? 0) < MIN_RSA_BITS);

const keyLabel = (f: FoundKey) =>
  `${f.probe.selector} (${f.reading.type}${f.reading.type === 'rsa' && f.reading.keyBits ? `-${f.reading.keyBits}` : ''})`;

function keyParams(ctx: AuditContext, f: FoundKey, all: FoundKey[]): FindingParams {
  return {
    domain: ctx.domain,
    selector: f.probe.selector,
    keyName: f.probe.name,
    keyBits: f.reading.keyBits,
    keyType: f.reading.type,
    record: f.reading.record,
    keys: all.map((k) => k.probe.name),
  };
}

function findingsOf(ctx: AuditContext, probes: Probe[], found: FoundKey[], invalid: string[]): Finding[] {
  const findings: Finding[] = [];
  const each = (id: CheckId, matching: FoundKey[], extra: (f: FoundKey) => FindingParams = () => ({})) => {
    if (matching[0])
      findings.push({ id, params: { ...keyParams(ctx, matching[0], matching), ...extra(matching[0]) } });
  };
  const working = found.filter(usable);
  const problem = (code: KeyProblem) => found.filter((f) => f.reading.problem === code);
  const repairedRecord = (f: FoundKey) => {
    const record = f.reading.repaired;
    // Without a record that parses, the shape of the fix: one record, the pieces as its strings.
    const strings = record
      ? txtStringsOf(record)
      : [`v=DKIM1; k=${f.reading.type}; p=<first part>`, '<rest>'];
    return { fixedRecord: zoneLineOf(f.probe.name, strings) };
  };

  if (working.length) {
    findings.push({
      id: 'dkim.audit-keys-found',
      params: { domain: ctx.domain, keys: working.map(keyLabel), count: working.length },
    });
  }

  // Keys receivers cannot use.
  each('dkim.audit-key-split', problem('split'), repairedRecord);
  each('dkim.audit-key-quoted', problem('quoted'), repairedRecord);
  each('dkim.audit-key-multiple', problem('multiple'));
  const invalidKeys = found.filter(
    (f) =>
      f.reading.problem !== null && !['revoked', 'split', 'quoted', 'multiple'].includes(f.reading.problem),
  );
  each('dkim.audit-key-invalid', invalidKeys, (f) => ({ reason: f.reading.problem }));
  each('dkim.audit-key-revoked', problem('revoked'));

  // Keys that work, with something to improve.
  const rsa = found.filter(
    (f) => f.reading.problem === null && f.reading.type === 'rsa' && f.reading.keyBits !== null,
  );
  each(
    'dkim.key-too-small',
    rsa.filter((f) => f.reading.keyBits! < MIN_RSA_BITS),
  );
  each(
    'dkim.key-1024',
    rsa.filter((f) => f.reading.keyBits === WEAK_RSA_BITS),
  );
  each(
    'dkim.audit-key-too-large',
    rsa.filter((f) => f.reading.keyBits! > MAX_RSA_BITS),
  );
  each(
    'dkim.audit-key-sha1-only',
    working.filter((f) => f.reading.sha1Only),
  );
  each(
    'dkim.audit-key-syntax',
    found.filter((f) => f.reading.problem === null && f.reading.syntax.length > 0),
    (f) => ({
      problem: f.reading.syntax[0]!,
    }),
  );
  each(
    'dkim.testing',
    found.filter((f) => f.reading.problem === null && f.reading.testing),
  );
  each(
    'dkim.audit-key-strict',
    working.filter((f) => f.reading.strictSubdomains),
  );
  if (working.length && working.every((f) => f.reading.type === 'ed25519'))
    each('dkim.audit-ed25519-only', working);

  // Selectors without a key.
  const foundNames = new Set(found.map((f) => f.probe.selector));
  const missing = probes.filter((p) => 'missing' in p.txt && !foundNames.has(p.selector));
  const dangling = missing.filter((p) => p.cname !== null);
  if (dangling[0]) {
    findings.push({
      id: 'dkim.audit-cname-dangling',
      params: {
        domain: ctx.domain,
        selector: dangling[0].selector,
        keyName: dangling[0].name,
        target: dangling[0].cname,
        provider: dangling[0].provider,
        keys: dangling.map((p) => `${p.name} → ${p.cname}`),
      },
    });
  }
  const givenMissing = missing.filter((p) => p.source === 'given' && p.cname === null);
  if (givenMissing[0]) {
    findings.push({
      id: 'dkim.audit-selector-missing',
      params: {
        domain: ctx.domain,
        selector: givenMissing[0].selector,
        keyName: givenMissing[0].name,
        keys: givenMissing.map((p) => p.name),
      },
    });
  }
  // Only the selectors that answered count as looked at; those that failed are dkim.audit-temperror's.
  const answered = probes.filter((p) => !('error' in p.txt));
  const noneGiven = !probes.some((p) => p.source === 'given');
  if (found.length === 0 && dangling.length === 0 && noneGiven && answered.length > 0) {
    findings.push({
      id: 'dkim.audit-none-found',
      params: { domain: ctx.domain, count: answered.length, selectors: answered.map((p) => p.selector) },
    });
  }
  if (invalid.length) {
    findings.push({ id: 'dkim.audit-selector-invalid', params: { domain: ctx.domain, selectors: invalid } });
  }

  const failed = probes.filter((p) => 'error' in p.txt);
  if (failed[0] && 'error' in failed[0].txt) {
    findings.push({
      id: 'dkim.audit-temperror',
      params: { domain: ctx.domain, selectors: failed.map((p) => p.name), error: failed[0].txt.error },
    });
  }
  return findings;
}
