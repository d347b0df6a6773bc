/**
 * DKIM (RFC 6376; RFC 8301 for key sizes and rsa-sha1; RFC 8463 for ed25519-sha256).
 *
 * mailauth's verifier does the cryptography, asking through our DNS session; we then judge each
 * signature by our own rules and report every one of them, including those the verifier leaves out.
 * Choices, and why:
 * - Lenient mode (mailauth's default), because it is what receivers do: rsa-sha1 still verifies (we
 *   flag it), upper-case tag names are read. Strict mode would turn rsa-sha1 into `policy`.
 * - A body-hash mismatch is `fail` (RFC 6376 6.1.3 PERMFAIL; RFC 8601 2.7.1), where the lenient
 *   mode says neutral. The verifier compares the body hash before fetching the key; we fetch it
 *   anyway, so the key comes first as in RFC 6376 (a DNS failure is temperror, a missing key "no key").
 * - `minBitLength: 1`: the verifier accepts every RSA key, so we learn the real size and refuse keys
 *   under 1024 bits ourselves (`policy`, as mailauth does, but with the size reported).
 * - Key problems (no key, revoked, unusable) stay `neutral`, as mailauth and Gmail report them.
 * - At most LIMITS.maxDkimSignatures signatures are verified. The verifier gets a copy of the message
 *   without the later DKIM-Signature fields, so the rest cost neither a key lookup nor a body hash.
 *   The trade-off: a verified signature whose h= covers DKIM-Signature fields that were removed
 *   no longer verifies. Real mail with more than ten signatures does not exist; hostile mail does.
 */
import { createRequire } from 'node:module';
import type { DKIMResult, DKIMVerifyResult } from 'mailauth';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { LIMITS } from '../limits.js';
import { domainsAlign, normalizeDomain } from '../names/org-domain.js';
import { AUTH_RESULTS, toAuthResult, type AuthResult, type DkimSignatureAuth } from '../report/types.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

/** DKIM results, and what mailauth's verifier gathered for the ARC check (its hidden `arc` data). */
export interface DkimOutput extends CheckOutput<DkimSignatureAuth[]> {
  arcInput: unknown;
}

/** RFC 8301 3.2: verifiers must not accept RSA keys under 1024 bits. */
const MIN_RSA_BITS = 1024;

/** Algorithms mailauth verifies; any other a= is left out by its lenient mode. */
const KNOWN_ALGORITHMS = new Set(['rsa-sha256', 'rsa-sha1', 'ed25519-sha256']);
const KNOWN_CANONICALIZATIONS = new Set(['simple', 'relaxed']);

const requireCjs = createRequire(import.meta.url);

type TagParser = (line: Buffer | string) => { parsed?: Record<string, { value?: unknown } | undefined> };
// mailauth's own tag-list parser (no type declarations ship with it), so that our reading of each
// DKIM-Signature matches the verifier's exactly.
const parseDkimHeader = requireCjs('mailauth/lib/parse-dkim-headers.js') as TagParser;
/** mailauth's words for key-record errors ("no key", "invalid public key", ...), by error code. */
const { KEY_ERROR_COMMENTS } = requireCjs('mailauth/lib/tools.js') as {
  KEY_ERROR_COMMENTS: Map<string, string>;
};

/** The tags of one DKIM-Signature field that we report or match on ('' when absent). */
export interface SignatureTags {
  d: string;
  s: string;
  a: string;
  c: string;
  b: string;
}

export function signatureTags(field: Buffer): SignatureTags {
  let parsed: Record<string, { value?: unknown } | undefined> = {};
  try {
    parsed = parseDkimHeader(field).parsed ?? {};
  } catch {
    // Unparseable: reported with empty tags.
  }
  const tag = (name: string) => {
    const value = parsed[name]?.value;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  return { d: tag('d'), s: tag('s'), a: tag('a'), c: tag('c'), b: tag('b') };
}

// ---------------------------------------------------------------------------------------------
// What the verifier sees

/** A line opens a header field when it looks like "name:" (mailauth's rule); any other line continues the field above. */
const FIELD_START = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

export interface VerifierInput {
  /** The message as the verifier gets it (the original buffer when nothing had to be removed). */
  message: Buffer;
  /** DKIM-Signature fields given to the verifier, in header order. */
  verified: Buffer[];
  /** DKIM-Signature fields past the limit, removed from the verifier's copy. */
  skipped: Buffer[];
  /** True when the header section was cut at LIMITS.maxDkimHeaderLines or LIMITS.maxHeaderBytes. */
  truncated: boolean;
}

/**
 * Splits the header section into fields and keeps the first `keep` DKIM-Signature fields for the
 * verifier. One linear pass; the body is not scanned except to find where it starts after a cut.
 */
export function verifierInput(raw: Buffer, keep: number): VerifierInput {
  const verified: Buffer[] = [];
  const skipped: Buffer[] = [];
  const kept: Array<[number, number]> = [];
  let fieldStart = -1;
  let fieldIsSignature = false;
  let keptUpTo = 0;
  let removed = false;
  let lines = 0;
  let pos = 0;
  let headerEnd = raw.length;
  let truncated = false;

  const closeField = (end: number) => {
    if (fieldStart < 0) return;
    if (fieldIsSignature) {
      const field = trimLineEnd(raw.subarray(fieldStart, end));
      if (verified.length < keep) verified.push(field);
      else {
        skipped.push(field);
        kept.push([keptUpTo, fieldStart]);
        keptUpTo = end;
        removed = true;
      }
    }
    fieldStart = -1;
  };

  while (pos < raw.length) {
    let nl = raw.indexOf(0x0a, pos);
    if (nl < 0) nl = raw.length;
    const lineEnd = nl > pos && raw[nl - 1] === 0x0d ? nl - 1 : nl;
    if (lineEnd === pos) {
      // The empty line that ends the header section.
      headerEnd = pos;
      break;
    }
    if (++lines > LIMITS.maxDkimHeaderLines || nl >= LIMITS.maxHeaderBytes) {
      truncated = true;
      headerEnd = pos;
      break;
    }
    const line = raw.toString('latin1', pos, Math.min(lineEnd, pos + 200));
    if (fieldStart < 0 || FIELD_START.test(line)) {
      closeField(pos);
      fieldStart = pos;
      const colon = line.indexOf(':');
      fieldIsSignature = colon > 0 && line.slice(0, colon).trim().toLowerCase() === 'dkim-signature';
    }
    pos = nl + 1;
  }
  closeField(headerEnd);

  if (!removed && !truncated) return { message: raw, verified, skipped, truncated };
  kept.push([keptUpTo, headerEnd]);
  const parts = kept.map(([start, end]) => raw.subarray(start, end));
  parts.push(truncated ? bodyAfter(raw, headerEnd) : raw.subarray(headerEnd));
  return { message: Buffer.concat(parts), verified, skipped, truncated };
}

const trimLineEnd = (field: Buffer): Buffer => {
  let end = field.length;
  while (end > 0 && (field[end - 1] === 0x0a || field[end - 1] === 0x0d)) end--;
  return field.subarray(0, end);
};

/** The blank line and body after a cut header section (only the blank line when there is none). */
function bodyAfter(raw: Buffer, from: number): Buffer {
  const crlf = raw.indexOf('\n\r\n', from);
  const lf = raw.indexOf('\n\n', from);
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? raw.subarray(Math.min(...ends) + 1) : Buffer.from('\r\n');
}

// ---------------------------------------------------------------------------------------------
// One signature

/** A reported signature and the facts behind its findings. */
interface Judged {
  auth: DkimSignatureAuth;
  expiresAt: string | null;
  /** Body bytes after the l= limit, not covered by the signature. */
  unsignedBytes: number | null;
}

const asAuthResult = (value: string | undefined): AuthResult => toAuthResult(value, AUTH_RESULTS, 'neutral');

/** An empty p= in the key record: the key was revoked (RFC 6376 3.6.1). */
const isRevokedKey = (record: string | undefined): boolean => !!record && /(^|;)\s*p=\s*(;|$)/.test(record);

export const keyNameOf = (selector: string | null, domain: string | null): string =>
  `${selector || '?'}._domainkey.${domain || '?'}`;

/** Our verdict on one signature the verifier processed. */
function judgeResult(
  result: DKIMResult,
  fromDomain: string,
  now: Date,
  { keyBits, keyFailure }: KeyFacts,
): Judged {
  const algorithm = (result.algo ?? '').toString().toLowerCase() || null;
  const domain = normalizeDomain(result.signingDomain ?? '') || null;
  let outcome = asAuthResult(result.status?.result);
  let reason: string | null = result.status?.comment || null;

  if (outcome === 'neutral' && reason === 'body hash did not verify') {
    ({ result: outcome, reason } = keyFailure ?? { result: 'fail', reason });
  }
  if (reason === 'invalid public key' && isRevokedKey(result.rr)) reason = 'key revoked';
  const isRsa = algorithm?.startsWith('rsa-') ?? false;
  if (outcome === 'pass' && isRsa && keyBits !== null && keyBits < MIN_RSA_BITS) {
    outcome = 'policy';
    reason = `RSA key of ${keyBits} bits, under the ${MIN_RSA_BITS}-bit minimum (RFC 8301)`;
  }

  const expiresAt = result.expiresAfter ?? null;
  const expired = expiresAt !== null && new Date(expiresAt).getTime() < now.getTime();
  if (expired && outcome === 'neutral' && reason === 'expired') reason = 'signature expired';
  const limited = result.canonBodyLengthLimited === true && typeof result.canonBodyLengthLimit === 'number';
  return {
    auth: {
      result: outcome,
      domain,
      selector: result.selector || null,
      algorithm,
      keyBits,
      aligned: !!domain && domainsAlign(domain, fromDomain),
      reason,
      bodyLength: limited ? (result.canonBodyLengthLimit ?? null) : null,
      testing: result.status?.testing === true,
      expired,
      skipped: false,
    },
    expiresAt,
    unsignedBytes: limited ? (result.status?.underSized ?? 0) : null,
  };
}

/** Why mailauth's lenient mode left a signature out of its results (it reports nothing for these). */
function droppedReason(tags: SignatureTags): { result: AuthResult; reason: string } {
  const [header = '', body = 'simple'] = (tags.c || 'simple/simple').toLowerCase().split('/');
  if (!KNOWN_ALGORITHMS.has(tags.a.toLowerCase().trim())) {
    return { result: 'neutral', reason: tags.a ? `unknown algorithm ${tags.a}` : 'no algorithm (a=)' };
  }
  if (!KNOWN_CANONICALIZATIONS.has(header.trim()) || !KNOWN_CANONICALIZATIONS.has(body.trim())) {
    return { result: 'neutral', reason: `unknown canonicalization ${tags.c}` };
  }
  if (!tags.d || !tags.s) return { result: 'permerror', reason: 'signature missing required tag (d= or s=)' };
  return { result: 'permerror', reason: 'signature could not be processed' };
}

/** A signature we report without a verifier result: dropped by the verifier, skipped by us, or after a crash. */
function unverified(
  tags: SignatureTags,
  fromDomain: string,
  result: AuthResult,
  reason: string,
  skipped: boolean,
): Judged {
  const domain = normalizeDomain(tags.d) || null;
  return {
    auth: {
      result,
      domain,
      selector: tags.s || null,
      algorithm: tags.a.toLowerCase() || null,
      keyBits: null,
      aligned: !!domain && domainsAlign(domain, fromDomain),
      reason,
      bodyLength: null,
      testing: false,
      expired: false,
      skipped,
    },
    expiresAt: null,
    unsignedBytes: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Key sizes

interface KeyInfo {
  modulusLength?: number;
  keyType?: string;
}
interface KeyCache {
  get(
    type: string,
    name: string,
    minBitLength: number,
    options: { strict: boolean; hashAlgo?: string },
  ): Promise<KeyInfo>;
}

/** The verifier's per-message key cache (hidden on its ARC data), so a key is fetched once per message. */
function keyCacheOf(arcData: unknown): KeyCache | null {
  const cache = (arcData as { keyCache?: KeyCache } | null | undefined)?.keyCache;
  return cache && typeof cache.get === 'function' ? cache : null;
}

const bitsOf = (info: KeyInfo | undefined, algorithm: string): number | null => {
  if (typeof info?.modulusLength === 'number') return info.modulusLength;
  if (info?.keyType === 'ed25519' || (info?.keyType === undefined && algorithm.startsWith('ed25519')))
    return 256;
  return null;
};

/** What the key lookup told us about a signature. */
interface KeyFacts {
  keyBits: number | null;
  /** A key problem found for a signature the verifier judged on its body hash alone. */
  keyFailure: { result: AuthResult; reason: string } | null;
}

type KeyError = Error & { code?: string; rr?: string };

/**
 * The key of a signature. The verifier compares the body hash before it fetches the key, so for a
 * body-hash failure we fetch it ourselves (through the same cache) to follow RFC 6376's order, key
 * (6.1.2) before body hash (6.1.3): a DNS failure is then temperror and a missing key "no key", and
 * a body-hash failure with a good key still reports the key's size.
 */
async function keyFactsFor(result: DKIMResult, cache: KeyCache | null): Promise<KeyFacts> {
  const algorithm = (result.algo ?? '').toString().toLowerCase();
  if (result.publicKey)
    return { keyBits: bitsOf({ modulusLength: result.modulusLength }, algorithm), keyFailure: null };
  const bodyHashFailed = result.status?.comment === 'body hash did not verify';
  if (!cache || !bodyHashFailed || !result.selector || !result.signingDomain) {
    return { keyBits: null, keyFailure: null };
  }
  try {
    const info = await cache.get('DKIM', `${result.selector}._domainkey.${result.signingDomain}`, 1, {
      strict: false,
      hashAlgo: algorithm.split('-')[1],
    });
    return { keyBits: bitsOf(info, algorithm), keyFailure: null };
  } catch (err) {
    return { keyBits: null, keyFailure: keyFailureOf(err as KeyError) };
  }
}

/** A failed key lookup as the verifier itself reports it: key problems neutral, DNS failures temperror. */
function keyFailureOf(err: KeyError): { result: AuthResult; reason: string } {
  const comment = err.code ? KEY_ERROR_COMMENTS.get(err.code) : undefined;
  if (comment === 'invalid public key' && isRevokedKey(err.rr))
    return { result: 'neutral', reason: 'key revoked' };
  if (comment) return { result: 'neutral', reason: comment };
  return { result: 'temperror', reason: `DNS failure: ${err.code ?? err.message}` };
}

// ---------------------------------------------------------------------------------------------
// The check

export async function checkDkim(ctx: CheckContext): Promise<DkimOutput> {
  const fromDomain = normalizeDomain(ctx.message.from[0]?.domain ?? '');
  const input = verifierInput(ctx.message.raw, LIMITS.maxDkimSignatures);
  const skipped = input.skipped.map((field) =>
    unverified(
      signatureTags(field),
      fromDomain,
      'neutral',
      `not verified: over the limit of ${LIMITS.maxDkimSignatures} signatures`,
      true,
    ),
  );

  let verification: DKIMVerifyResult;
  try {
    verification = await dkimVerify(input.message, {
      resolver: ctx.dns.mailauthResolver,
      curTime: ctx.now,
      minBitLength: 1,
    });
  } catch (err) {
    // The verifier should never throw; if it does, every signature is reported as unverifiable.
    const reason = `verification error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 200);
    const judged = input.verified.map((field) =>
      unverified(signatureTags(field), fromDomain, 'permerror', reason, false),
    );
    return output([...judged, ...skipped], fromDomain, null);
  }

  const arcInput = (verification as { arc?: unknown }).arc ?? null;
  const cache = keyCacheOf(arcInput);
  const results = verification.results.filter((r) => r.status?.result !== 'none' || r.signingDomain);
  const judged = await Promise.all(
    matchResults(input.verified, results).map(async ({ tags, result }) => {
      if (!result) {
        const { result: outcome, reason } = droppedReason(tags);
        return unverified(tags, fromDomain, outcome, reason, false);
      }
      return judgeResult(result, fromDomain, ctx.now, await keyFactsFor(result, cache));
    }),
  );
  return output([...judged, ...skipped], fromDomain, arcInput);
}

/**
 * Pairs each DKIM-Signature field with its verifier result. The verifier reports signatures in
 * header order and leaves out those it cannot process, so a field whose b= differs from the next
 * result's was left out. Results that match no field (should not happen) are still reported.
 */
function matchResults(
  fields: Buffer[],
  results: DKIMResult[],
): Array<{ tags: SignatureTags; result: DKIMResult | null }> {
  const pairs: Array<{ tags: SignatureTags; result: DKIMResult | null }> = [];
  let next = 0;
  for (const field of fields) {
    const tags = signatureTags(field);
    const candidate = results[next];
    if (candidate && (candidate.signature ?? '') === tags.b) {
      pairs.push({ tags, result: candidate });
      next++;
    } else {
      pairs.push({ tags, result: null });
    }
  }
  for (const result of results.slice(next)) {
    pairs.push({
      tags: { d: result.signingDomain ?? '', s: result.selector ?? '', a: result.algo ?? '', c: '', b: '' },
      result,
    });
  }
  return pairs;
}

function output(judged: Judged[], fromDomain: string, arcInput: unknown): DkimOutput {
  return { result: judged.map((j) => j.auth), findings: dkimFindings(judged, fromDomain), arcInput };
}

// ---------------------------------------------------------------------------------------------
// Findings: one per id, the first affected signature's values, the list of all affected keys

const sigParams = (sig: DkimSignatureAuth) => ({
  domain: sig.domain,
  selector: sig.selector,
  keyName: keyNameOf(sig.selector, sig.domain),
  algorithm: sig.algorithm,
  keyBits: sig.keyBits,
});

const keyNames = (sigs: DkimSignatureAuth[]): string[] => [
  ...new Set(sigs.map((s) => keyNameOf(s.selector, s.domain))),
];

const unique = (values: Array<string | null>): string[] => [
  ...new Set(values.filter((v): v is string => !!v)),
];

function dkimFindings(judged: Judged[], fromDomain: string): Finding[] {
  const all = judged.map((j) => j.auth);
  if (all.length === 0) return [{ id: 'dkim.none', params: { fromDomain: fromDomain || null } }];
  // The sender's own (From-aligned) signatures first, so each flag names a key the sender controls.
  const verified = judged
    .filter((j) => !j.auth.skipped)
    .sort((a, b) => Number(b.auth.aligned) - Number(a.auth.aligned));
  const sigs = verified.map((j) => j.auth);
  const findings: Finding[] = [summaryFinding(sigs, fromDomain)];

  const rsa = sigs.filter((s) => s.algorithm?.startsWith('rsa-') && s.keyBits !== null);
  const small = rsa.filter((s) => s.keyBits! < MIN_RSA_BITS);
  if (small[0])
    findings.push({ id: 'dkim.key-too-small', params: { ...sigParams(small[0]), keys: keyNames(small) } });
  const exactly1024 = rsa.filter((s) => s.keyBits === 1024);
  if (exactly1024[0]) {
    findings.push({
      id: 'dkim.key-1024',
      params: { ...sigParams(exactly1024[0]), keys: keyNames(exactly1024) },
    });
  }
  const sha1 = sigs.filter((s) => s.algorithm === 'rsa-sha1');
  if (sha1[0])
    findings.push({ id: 'dkim.rsa-sha1', params: { ...sigParams(sha1[0]), keys: keyNames(sha1) } });

  const limited = verified.filter((j) => j.auth.bodyLength !== null);
  if (limited[0]) {
    findings.push({
      id: 'dkim.body-length',
      params: {
        ...sigParams(limited[0].auth),
        bodyLength: limited[0].auth.bodyLength,
        unsignedBytes: limited[0].unsignedBytes ?? 0,
        keys: keyNames(limited.map((j) => j.auth)),
      },
    });
  }
  const expired = verified.filter((j) => j.auth.expired);
  if (expired[0]) {
    findings.push({
      id: 'dkim.expired',
      params: {
        ...sigParams(expired[0].auth),
        expiresAt: expired[0].expiresAt,
        keys: keyNames(expired.map((j) => j.auth)),
      },
    });
  }
  const testing = sigs.filter((s) => s.testing);
  if (testing[0])
    findings.push({ id: 'dkim.testing', params: { ...sigParams(testing[0]), keys: keyNames(testing) } });

  const skippedCount = all.length - sigs.length;
  if (skippedCount > 0) {
    findings.push({
      id: 'dkim.skipped',
      params: {
        total: all.length,
        verified: sigs.length,
        skipped: skippedCount,
        limit: LIMITS.maxDkimSignatures,
      },
    });
  }
  return findings;
}

/** The one overall finding: pass, third-party-only, temperror or fail. */
function summaryFinding(sigs: DkimSignatureAuth[], fromDomain: string): Finding {
  const passing = sigs.filter((s) => s.result === 'pass');
  const alignedPass = passing.find((s) => s.aligned);
  if (alignedPass) {
    return {
      id: 'dkim.pass',
      params: { ...sigParams(alignedPass), fromDomain, passing: passing.length, total: sigs.length },
    };
  }
  if (passing[0]) {
    return {
      id: 'dkim.third-party-only',
      params: {
        ...sigParams(passing[0]),
        domains: unique(passing.map((s) => s.domain)),
        fromDomain: fromDomain || null,
      },
    };
  }
  const temporary = sigs.filter((s) => s.result === 'temperror');
  if (temporary[0])
    return { id: 'dkim.temperror', params: { ...sigParams(temporary[0]), keys: keyNames(temporary) } };
  const first = sigs.find((s) => s.aligned) ?? sigs[0];
  return {
    id: 'dkim.fail',
    params: {
      ...(first ? sigParams(first) : {}),
      reason: first?.reason ?? null,
      count: sigs.length,
      reasons: sigs.map((s) => `d=${s.domain ?? '?'} s=${s.selector ?? '?'}: ${s.reason ?? s.result}`),
      fromDomain: fromDomain || null,
    },
  };
}
