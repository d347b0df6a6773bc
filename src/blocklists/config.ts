/**
 * The lists in use: the default set, changed by the operator (add, remove, replace, reweigh) through a JSON
 * file named by `--blocklists` / `MAILSCORE_BLOCKLISTS`:
 *
 *   {
 *     "replace": false,                       // true: start from no lists at all, only "add"
 *     "remove": ["bl.spamcop.net"],           // default zones to drop
 *     "add": [{ "zone": "bl.example.org",     // required
 *               "name": "Example",            // shown to people (default: the zone)
 *               "kind": "ip",                 // "ip" (default) or "domain"
 *               "role": "block",              // "block" (default) or "allow" (information only)
 *               "weight": "minor",            // any 127.0.0.0/8 answer not in "codes" (default minor; allow: info)
 *               "codes": {"127.0.0.2": "major", "127.0.0.3": "info"},
 *               "refused": ["127.0.0.255"],   // the list's "query refused" codes (127.255.255.0/24 always are)
 *               "ipv6": false,                // ip lists: answers IPv6 nibble queries
 *               "subdomains": false,          // domain lists: holds host names, ask exact names too
 *               "removal": "https://..." }],  // the list's lookup/removal page
 *     "weights": { "dnsbl-1.uceprotect.net": "info",                 // every code of a list
 *                  "zen.spamhaus.org": { "127.0.0.10": "minor" } }   // or some codes
 *   }
 *
 * The file is operator input but still checked field by field (unknown keys, types, sizes, counts), so a
 * typo stops the start with one line naming the field instead of silently querying the wrong thing.
 */
import { readFileSync } from 'node:fs';
import { LIMITS } from '../limits.js';
import { isListCode, isRefusalAnswer, listing, reweighed, tableDecoder } from './decode.js';
import type { BlocklistKind, BlocklistRole, BlocklistWeight, BlocklistZone } from './types.js';
import { DEFAULT_BLOCKLIST_ZONES } from './zones.js';

/** A bad blocklists file: the one line to print before exiting 2. */
export class BlocklistConfigError extends Error {}

const WEIGHTS: readonly BlocklistWeight[] = ['major', 'minor', 'info'];
const TOP_KEYS = ['replace', 'remove', 'add', 'weights'] as const;
const ADD_KEYS = [
  'zone',
  'name',
  'kind',
  'role',
  'weight',
  'codes',
  'refused',
  'ipv6',
  'subdomains',
  'removal',
] as const;
/** Room left for the query name in front of the zone (an IPv6 query is 64 characters, a domain more). */
const MAX_ZONE_CHARS = 128;
const MAX_NAME_CHARS = 64;
const MAX_URL_CHARS = 300;
const ZONE_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?$/;

type Json = unknown;

/** Fails with the field's path ("add[2].codes") and what is wrong. */
function fail(path: string, problem: string): never {
  throw new BlocklistConfigError(`${path}: ${problem}`);
}

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function objectAt(value: Json, path: string, keys?: readonly string[]): Record<string, Json> {
  if (!isObject(value)) fail(path, 'expected a JSON object');
  const extra = keys ? Object.keys(value).find((key) => !keys.includes(key)) : undefined;
  if (extra !== undefined) fail(path, `unknown key ${JSON.stringify(extra)} (known: ${keys!.join(', ')})`);
  if (Object.keys(value).length > LIMITS.blocklistFileItems)
    fail(path, `more than ${LIMITS.blocklistFileItems} keys`);
  return value;
}

function arrayAt(value: Json, path: string, max: number): Json[] {
  if (!Array.isArray(value)) fail(path, 'expected a JSON array');
  if (value.length > max) fail(path, `more than ${max} entries`);
  return value;
}

function booleanAt(value: Json, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'expected true or false');
  return value;
}

function oneOf<T extends string>(value: Json, path: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !choices.includes(value as T))
    fail(path, `expected one of ${choices.join(', ')}`);
  return value as T;
}

/** A zone name: lower-case DNS labels, at least two, with room left for the query name. */
function zoneAt(value: Json, path: string): string {
  if (typeof value !== 'string') fail(path, 'expected a DNS zone name such as "bl.example.org"');
  const zone = value.trim().toLowerCase().replace(/\.$/, '');
  const labels = zone.split('.');
  if (zone.length > MAX_ZONE_CHARS || labels.length < 2 || !labels.every((label) => ZONE_LABEL.test(label)))
    fail(path, `not a DNS zone name: ${JSON.stringify(value.slice(0, MAX_ZONE_CHARS))}`);
  return zone;
}

/** An answer code: an IPv4 address in 127.0.0.0/8 (RFC 5782), outside the refusal block 127.255.255.0/24. */
function codeAt(value: Json, path: string): string {
  if (typeof value !== 'string' || !isListCode(value))
    fail(path, 'expected an answer code in 127.0.0.0/8, such as "127.0.0.2"');
  if (isRefusalAnswer(value)) fail(path, '127.255.255.0/24 always means "query refused", never a listing');
  return value;
}

function nameAt(value: Json, path: string): string {
  if (
    typeof value !== 'string' ||
    !value.trim() ||
    value.length > MAX_NAME_CHARS ||
    /[\p{Cc}\p{Cf}]/u.test(value)
  )
    fail(path, `expected a name of 1 to ${MAX_NAME_CHARS} printable characters`);
  return value.trim();
}

function urlAt(value: Json, path: string): string {
  if (typeof value !== 'string' || value.length > MAX_URL_CHARS) fail(path, 'expected an http(s) URL');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(path, 'expected an http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(path, 'expected an http(s) URL');
  return url.href;
}

/** code → weight, for `codes` and per-code `weights`. */
function codeWeightsAt(value: Json, path: string): Record<string, BlocklistWeight> {
  const entries = Object.entries(objectAt(value, path));
  return Object.fromEntries(
    entries.map(([code, weight]) => [codeAt(code, `${path} key`), oneOf(weight, `${path}.${code}`, WEIGHTS)]),
  );
}

/** One `add` entry as a zone, its codes decoded by a table like the default lists'. */
function addedZone(value: Json, path: string): BlocklistZone {
  const entry = objectAt(value, path, ADD_KEYS);
  if (entry.zone === undefined) fail(`${path}.zone`, 'is required');
  const zone = zoneAt(entry.zone, `${path}.zone`);
  const kind: BlocklistKind =
    entry.kind === undefined ? 'ip' : oneOf(entry.kind, `${path}.kind`, ['ip', 'domain']);
  const role: BlocklistRole =
    entry.role === undefined ? 'block' : oneOf(entry.role, `${path}.role`, ['block', 'allow']);
  const weight: BlocklistWeight =
    entry.weight === undefined
      ? role === 'allow'
        ? 'info'
        : 'minor'
      : oneOf(entry.weight, `${path}.weight`, WEIGHTS);
  const codes = entry.codes === undefined ? {} : codeWeightsAt(entry.codes, `${path}.codes`);
  if (role === 'allow' && (weight !== 'info' || Object.values(codes).some((w) => w !== 'info')))
    fail(path, 'an allowlist (role "allow") only informs: its weights must be "info"');
  const refused =
    entry.refused === undefined
      ? []
      : arrayAt(entry.refused, `${path}.refused`, LIMITS.blocklistFileItems).map((code, i) =>
          codeAt(code, `${path}.refused[${i}]`),
        );
  const clash = refused.find((code) => Object.hasOwn(codes, code));
  if (clash) fail(`${path}.refused`, `${clash} is also in codes`);
  if (entry.ipv6 !== undefined && kind !== 'ip') fail(`${path}.ipv6`, 'only for lists of kind "ip"');
  if (entry.subdomains !== undefined && kind !== 'domain')
    fail(`${path}.subdomains`, 'only for lists of kind "domain"');
  const ipv6 = entry.ipv6 === undefined ? false : booleanAt(entry.ipv6, `${path}.ipv6`);
  const subdomains =
    entry.subdomains === undefined ? false : booleanAt(entry.subdomains, `${path}.subdomains`);
  return {
    zone,
    name: entry.name === undefined ? zone : nameAt(entry.name, `${path}.name`),
    kind,
    role,
    ...(kind === 'ip' ? { families: ipv6 ? [4, 6] : [4] } : {}),
    ...(subdomains ? { subdomains } : {}),
    ...(entry.removal === undefined ? {} : { removal: urlAt(entry.removal, `${path}.removal`) }),
    decode: tableDecoder({
      codes: Object.fromEntries(Object.entries(codes).map(([code, w]) => [code, listing(code, 'listed', w)])),
      refused,
      // Any other 127.0.0.0/8 answer is a listing with the list's weight (the usual "127.0.0.2 = listed").
      unknown: { prefix: '127.', weight, meaning: 'listed' },
    }),
  };
}

/** The zone set a parsed file asks for. */
export function applyBlocklistConfig(
  value: Json,
  defaults: readonly BlocklistZone[] = DEFAULT_BLOCKLIST_ZONES,
): BlocklistZone[] {
  const config = objectAt(value, 'the file', TOP_KEYS);
  const replace = config.replace === undefined ? false : booleanAt(config.replace, 'replace');
  const remove =
    config.remove === undefined
      ? []
      : arrayAt(config.remove, 'remove', LIMITS.blocklistFileItems).map((zone, i) =>
          zoneAt(zone, `remove[${i}]`),
        );
  if (replace && remove.length)
    fail('remove', 'has no effect with "replace": true (nothing is left to remove)');
  for (const [i, zone] of remove.entries())
    if (!defaults.some((z) => z.zone === zone))
      fail(`remove[${i}]`, `${zone} is not one of the default lists`);

  const zones = replace ? [] : defaults.filter((zone) => !remove.includes(zone.zone));
  const added = config.add === undefined ? [] : arrayAt(config.add, 'add', LIMITS.blocklistAdded);
  for (const [i, entry] of added.entries()) {
    const zone = addedZone(entry, `add[${i}]`);
    if (zones.some((z) => z.zone === zone.zone))
      fail(`add[${i}].zone`, `${zone.zone} is already in the set (to change its weights, use "weights")`);
    zones.push(zone);
  }
  if (zones.length > LIMITS.blocklistZones)
    fail('the file', `more than ${LIMITS.blocklistZones} lists in all`);

  const weights = config.weights === undefined ? {} : objectAt(config.weights, 'weights');
  for (const [key, weight] of Object.entries(weights)) {
    const path = `weights.${key}`;
    const zone = zoneAt(key, path);
    const index = zones.findIndex((z) => z.zone === zone);
    if (index < 0) fail(path, `${zone} is not in the set`);
    if (typeof weight !== 'string' && !isObject(weight))
      fail(path, 'expected "major", "minor", "info", or an object of answer code → weight');
    const value = typeof weight === 'string' ? oneOf(weight, path, WEIGHTS) : codeWeightsAt(weight, path);
    const listed = zones[index]!;
    if (listed.role === 'allow') fail(path, 'an allowlist only informs: it has no weights to change');
    zones[index] = reweighed(listed, value);
  }
  return zones;
}

/** The zones to use: the defaults when `file` is null; throws a one-line Error for a bad file (exit 2 / no start). */
export function loadBlocklistZones(file: string | null): readonly BlocklistZone[] {
  if (file === null || file.trim() === '') return DEFAULT_BLOCKLIST_ZONES;
  const where = `blocklists file ${JSON.stringify(file)}`;
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > LIMITS.blocklistFileBytes)
      throw new BlocklistConfigError(`larger than ${LIMITS.blocklistFileBytes} bytes`);
    text = bytes.toString('utf8');
  } catch (err) {
    const why =
      err instanceof BlocklistConfigError
        ? err.message
        : ((err as NodeJS.ErrnoException).code ?? String(err));
    throw new BlocklistConfigError(`${where}: cannot read it (${why})`);
  }
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new BlocklistConfigError(`${where}: not JSON (${(err as Error).message.split('\n')[0]})`);
  }
  try {
    return applyBlocklistConfig(parsed);
  } catch (err) {
    if (err instanceof BlocklistConfigError) throw new BlocklistConfigError(`${where}: ${err.message}`);
    throw err;
  }
}
