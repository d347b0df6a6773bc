/**
 * The fix generators as `mailscore generate`, POST /api/generate/{spf,dmarc,dkim} and the /generate page
 * share them: loosely typed input (a JSON body, a query, form fields, flags) checked into the builders'
 * input, the builder run (the SPF builder through its own DnsSession with a report's deadline), and the
 * result as a JSON document whose notes are worded as checks.
 *
 * A DKIM private key passes through here to the caller and nowhere else: it is never logged or stored.
 */
import {
  buildDmarcRecord,
  DmarcBuildError,
  type DmarcBuildInput,
  type DmarcBuildProblem,
} from '../generate/dmarc.js';
import {
  DKIM_KEY_TYPES,
  DkimKeyRequestError,
  generateDkimKey,
  type DkimKeyRequestProblem,
  type DkimKeyType,
} from '../generate/dkim.js';
import { buildSpfRecord, type SpfBuildInput, type SpfBuildResult } from '../generate/spf.js';
import type { DnsResolver } from '../dns/resolver.js';
import { DnsSession, type DnsStats } from '../dns/session.js';
import { LIMITS } from '../limits.js';
import type { CheckResult, Lang } from '../report/types.js';
import { toCheckResults } from '../scoring/score.js';

export const GENERATE_KINDS = ['spf', 'dmarc', 'dkim'] as const;
export type GenerateKind = (typeof GENERATE_KINDS)[number];

/** Items of one list field taken at all (the builders bound them further, with a note). */
const MAX_LIST_ITEMS = 500;
/** Characters of one text field or list item (a domain is at most 253; an address 320). */
const MAX_TEXT_CHARS = 1_000;

/** A field the caller got wrong, for a 400 / exit 2 / the form (the builders' own problems are apart). */
export class GenerateInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'GenerateInputError';
  }
}

type Fields = Record<string, unknown>;

const fieldsOf = (input: unknown): Fields => {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new GenerateInputError('body', 'must be a JSON object');
  return input as Fields;
};

const has = (fields: Fields, name: string) =>
  Object.hasOwn(fields, name) && fields[name] !== undefined && fields[name] !== null;

/**
 * A list of strings: a JSON array, or a text with items separated by commas, spaces or new lines (forms and
 * flags); empty items dropped.
 */
export function listField(fields: Fields, name: string): string[] | undefined {
  if (!has(fields, name)) return undefined;
  const value = fields[name];
  const items = typeof value === 'string' ? value.split(/[\s,]+/) : value;
  if (!Array.isArray(items) || items.length > MAX_LIST_ITEMS)
    throw new GenerateInputError(name, `a list of at most ${MAX_LIST_ITEMS} strings`);
  if (!items.every((item): item is string => typeof item === 'string' && item.length <= MAX_TEXT_CHARS))
    throw new GenerateInputError(name, 'a list of strings');
  return items.map((item) => item.trim()).filter(Boolean);
}

export function textField(fields: Fields, name: string): string | undefined {
  if (!has(fields, name)) return undefined;
  const value = fields[name];
  if (typeof value !== 'string' || value.length > MAX_TEXT_CHARS)
    throw new GenerateInputError(name, 'a string');
  return value.trim();
}

/** true / false, or the words forms and query strings use ("1", "on", "true", "0", "off", "false", ""). */
export function booleanField(fields: Fields, name: string): boolean | undefined {
  if (!has(fields, name)) return undefined;
  const value = fields[name];
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(?:1|on|true|yes)$/i.test(value.trim())) return true;
  if (typeof value === 'string' && /^(?:0|off|false|no|)$/i.test(value.trim())) return false;
  throw new GenerateInputError(name, 'true or false');
}

// ---- SPF ----

/** `all`: '-' / 'fail' ends with -all; '~' / 'softfail' (the default) with ~all. */
function allField(fields: Fields): '-' | '~' | undefined {
  const value = textField(fields, 'all');
  if (value === undefined || value === '') return undefined;
  if (value === '-' || value === '-all' || value.toLowerCase() === 'fail') return '-';
  if (value === '~' || value === '~all' || value.toLowerCase() === 'softfail') return '~';
  throw new GenerateInputError('all', 'fail (-all) or softfail (~all)');
}

/** The SPF builder's input from loosely typed fields (`services`, `addresses`, `includes`, `a`, `mx`, `all`, `domain`). */
export function spfInputFrom(input: unknown): SpfBuildInput {
  const fields = fieldsOf(input);
  const out: SpfBuildInput = {};
  const services = listField(fields, 'services');
  const addresses = listField(fields, 'addresses');
  const includes = listField(fields, 'includes');
  const a = booleanField(fields, 'a');
  const mx = booleanField(fields, 'mx');
  const all = allField(fields);
  const domain = textField(fields, 'domain');
  if (services) out.services = services;
  if (addresses) out.addresses = addresses;
  if (includes) out.includes = includes;
  if (a !== undefined) out.a = a;
  if (mx !== undefined) out.mx = mx;
  if (all) out.all = all;
  if (domain) out.domain = domain;
  return out;
}

/** mailscore.generate.spf/1: the record, its counts, each include with its tree and fate, and the notes. */
export interface SpfDocument extends Omit<SpfBuildResult, 'notes'> {
  schema: 'mailscore.generate.spf/1';
  notes: CheckResult[];
  lang: Lang;
  generatedAt: string;
  dns: DnsStats;
}

export interface GenerateOptions {
  lang: Lang;
  now?: Date;
}

export async function runSpfBuild(
  input: SpfBuildInput,
  options: GenerateOptions & { resolver: DnsResolver; deadlineMs?: number },
): Promise<SpfDocument> {
  const dns = new DnsSession(options.resolver, options.deadlineMs ?? LIMITS.dnsDeadlineMs);
  try {
    const result = await buildSpfRecord(input, dns);
    return {
      schema: 'mailscore.generate.spf/1',
      ...result,
      notes: toCheckResults(result.notes, options.lang),
      lang: options.lang,
      generatedAt: (options.now ?? new Date()).toISOString(),
      dns: dns.stats(),
    };
  } finally {
    dns.close();
  }
}

// ---- DMARC ----

/** The DMARC builder's input (the builder checks every value's type and words itself). */
export function dmarcInputFrom(input: unknown): DmarcBuildInput {
  const fields = fieldsOf(input);
  const pick = (name: string) => (has(fields, name) ? fields[name] : undefined);
  const raw: Record<string, unknown> = {
    domain: pick('domain'),
    policy: pick('policy'),
    subdomainPolicy: pick('subdomainPolicy'),
    nonexistentPolicy: pick('nonexistentPolicy'),
    aspf: pick('aspf'),
    adkim: pick('adkim'),
    // Lists may come as text from forms and flags.
    rua: typeof pick('rua') === 'string' ? listField(fields, 'rua') : pick('rua'),
    ruf: typeof pick('ruf') === 'string' ? listField(fields, 'ruf') : pick('ruf'),
    testing: typeof pick('testing') === 'string' ? booleanField(fields, 'testing') : pick('testing'),
  };
  return raw as unknown as DmarcBuildInput;
}

/** mailscore.generate.dmarc/1. */
export interface DmarcDocument {
  schema: 'mailscore.generate.dmarc/1';
  domain: string;
  name: string;
  record: string;
  value: string;
  authorizations: Array<{ destination: string; name: string; record: string }>;
  notes: CheckResult[];
  lang: Lang;
}

export type DmarcOutcome =
  { ok: true; document: DmarcDocument } | { ok: false; problems: DmarcBuildProblem[] };

export function runDmarcBuild(input: DmarcBuildInput, options: GenerateOptions): DmarcOutcome {
  try {
    const built = buildDmarcRecord(input);
    return {
      ok: true,
      document: {
        schema: 'mailscore.generate.dmarc/1',
        domain: built.domain,
        name: built.name,
        record: built.record,
        value: built.value,
        authorizations: built.authorizations,
        notes: toCheckResults(built.notes, options.lang),
        lang: options.lang,
      },
    };
  } catch (err) {
    if (err instanceof DmarcBuildError) return { ok: false, problems: err.problems };
    throw err;
  }
}

// ---- DKIM ----

export interface DkimInput {
  type: DkimKeyType;
  selector: string;
  domain: string;
}

/** `type` is rsa-2048 (default; "rsa" too) or ed25519. */
export function dkimInputFrom(input: unknown): DkimInput {
  const fields = fieldsOf(input);
  const type = (textField(fields, 'type') || 'rsa-2048').toLowerCase();
  const known = type === 'rsa' ? 'rsa-2048' : type;
  return {
    // Checked by the generator (bad-type) like the other fields, so one place words the refusal.
    type: known as DkimKeyType,
    selector: textField(fields, 'selector') ?? '',
    domain: textField(fields, 'domain') ?? '',
  };
}

/** mailscore.generate.dkim/1. `privateKeyPem` is the only copy: never stored, never logged. */
export interface DkimDocument {
  schema: 'mailscore.generate.dkim/1';
  type: DkimKeyType;
  selector: string;
  domain: string;
  name: string;
  publicRecord: string;
  txtStrings: string[];
  zoneLine: string;
  privateKeyPem: string;
  notes: CheckResult[];
  lang: Lang;
}

export type DkimOutcome =
  { ok: true; document: DkimDocument } | { ok: false; problem: DkimKeyRequestProblem };

export async function runDkimKey(input: DkimInput, options: GenerateOptions): Promise<DkimOutcome> {
  try {
    const key = await generateDkimKey(input);
    return {
      ok: true,
      document: {
        schema: 'mailscore.generate.dkim/1',
        type: key.type,
        selector: key.selector,
        domain: key.domain,
        name: key.name,
        publicRecord: key.publicRecord,
        txtStrings: key.txtStrings,
        zoneLine: key.zoneLine,
        privateKeyPem: key.privateKeyPem,
        notes: toCheckResults(key.notes, options.lang),
        lang: options.lang,
      },
    };
  } catch (err) {
    if (err instanceof DkimKeyRequestError) return { ok: false, problem: err.code };
    throw err;
  }
}

/** One English line for the CLI and the API. */
export function dkimProblemMessage(problem: DkimKeyRequestProblem): string {
  switch (problem) {
    case 'bad-type':
      return `type: ${DKIM_KEY_TYPES.join(' or ')}`;
    case 'bad-selector':
      return 'selector: one DKIM selector (letters, digits, hyphens, underscores and dots)';
    case 'bad-domain':
      return 'domain: a domain name such as example.com';
  }
}
