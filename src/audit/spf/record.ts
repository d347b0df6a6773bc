/**
 * Records to publish: edits of an SPF record (terms removed, records merged, includes flattened into the
 * addresses they publish), the record as TXT character-strings, and the size of a TXT answer. Shared by the
 * audit's fixes and the SPF builder, so both write records the same way.
 */
import type { SpfTreeNode } from '../types.js';
import { childTerms, type SpfWalk } from './tree.js';
import {
  SPF_VERSION,
  effectiveRedirect,
  lookupTerms,
  parseSpfRecord,
  type ParsedSpf,
  type SpfTerm,
} from './syntax.js';

/** RFC 1035 3.3: a character-string holds at most 255 bytes. */
export const TXT_STRING_BYTES = 255;
/** RFC 1035 4.2.1: a UDP answer without EDNS0 holds at most 512 bytes; larger ones are truncated (TC) and retried over TCP. */
export const UDP_ANSWER_BYTES = 512;

const termsOf = (record: string): string[] => record.split(' ').filter(Boolean);

/** The record with the given terms (as written) removed; the version and the order of the rest kept. */
export function withoutTerms(record: string, remove: ReadonlySet<string>): string {
  const [version, ...terms] = termsOf(record);
  return [version ?? 'v=spf1', ...terms.filter((t) => !remove.has(t))].join(' ');
}

/** The record with some terms replaced, each by a list of terms (an empty list removes it). */
export function replaceTerms(record: string, replace: ReadonlyMap<string, readonly string[]>): string {
  const [version, ...terms] = termsOf(record);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const term of terms) {
    for (const next of replace.get(term) ?? [term]) {
      // A flattened address already listed adds nothing.
      const key = next.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(next);
    }
  }
  return [version ?? 'v=spf1', ...out].join(' ');
}

/**
 * The record with its `all` (or, when there is none, the end) set to the given qualifier. A redirect= goes:
 * with an `all` it is ignored (RFC 7208 6.1), so call this only for records whose redirect does not apply.
 */
export function withAll(record: string, qualifier: '-' | '~'): string {
  const [version, ...terms] = termsOf(record);
  const rest = terms.filter((t) => !/^[+\-~?]?all$/i.test(t) && !/^redirect=/i.test(t));
  // Modifiers (exp=, unknown ones) stay after the mechanisms, where RFC 7208 4.6.3 recommends them.
  const mechanisms = rest.filter((t) => !/^[a-z][a-z0-9\-_.]*=/i.test(t));
  const modifiers = rest.filter((t) => /^[a-z][a-z0-9\-_.]*=/i.test(t));
  return [version ?? 'v=spf1', ...mechanisms, `${qualifier}all`, ...modifiers].join(' ');
}

/**
 * Several v=spf1 records merged into one: every distinct term once, in order, one redirect at most, ending
 * with ~all unless every record that has an `all` ends with -all (merging must not make mail fail that one of
 * the records allowed to end softly).
 */
export function mergeRecords(records: readonly string[]): string {
  const seen = new Set<string>();
  const mechanisms: string[] = [];
  const modifiers: string[] = [];
  const alls: string[] = [];
  let redirect: string | null = null;
  let exp: string | null = null;
  for (const record of records) {
    for (const term of termsOf(record).slice(1)) {
      const lower = term.toLowerCase();
      if (/^[+\-~?]?all$/.test(lower)) alls.push(lower.length === 3 ? '+' : lower[0]!);
      else if (lower.startsWith('redirect=')) redirect ??= term;
      else if (lower.startsWith('exp=')) exp ??= term;
      else if (seen.has(lower)) continue;
      else {
        seen.add(lower);
        (/^[a-z][a-z0-9\-_.]*=/i.test(term) ? modifiers : mechanisms).push(term);
      }
    }
  }
  const ending =
    alls.length === 0 ? (redirect ? [redirect] : ['~all']) : [alls.every((q) => q === '-') ? '-all' : '~all'];
  return ['v=spf1', ...mechanisms, ...ending, ...(exp ? [exp] : []), ...modifiers].join(' ');
}

/**
 * The record as TXT character-strings of at most 255 bytes, cut after a space where one falls in the
 * string (a receiver joins the strings with nothing between them, RFC 7208 3.3, so the space stays at the end
 * of a string). SPF records are ASCII: bytes and characters agree.
 */
export function txtStrings(record: string): string[] {
  const strings: string[] = [];
  let rest = record;
  while (Buffer.byteLength(rest) > TXT_STRING_BYTES) {
    const window = rest.slice(0, TXT_STRING_BYTES);
    const space = window.lastIndexOf(' ');
    const cut = space > 0 ? space + 1 : TXT_STRING_BYTES;
    strings.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  strings.push(rest);
  return strings;
}

/** The record as a DNS panel or zone file takes it: as is up to 255 bytes, else its quoted strings. */
export function zoneValue(record: string): string {
  const strings = txtStrings(record);
  return strings.length === 1 ? record : strings.map((s) => `"${s}"`).join(' ');
}

/** Bytes of a name in wire form (labels with their length octets, and the root). */
const wireNameBytes = (name: string): number =>
  name
    .replace(/\.$/, '')
    .split('.')
    .reduce((sum, label) => sum + 1 + Buffer.byteLength(label), 1);

/**
 * The size of the DNS message answering TXT for `name` with these records, without EDNS0: header (12), the
 * question (name + 4), and per record a compressed owner name (2), type, class, TTL, length (10) and the
 * character-strings, each with its length octet.
 */
export function txtAnswerBytes(name: string, records: readonly (readonly string[])[]): number {
  const question = wireNameBytes(name) + 4;
  const answers = records.reduce(
    (sum, strings) => sum + 12 + strings.reduce((n, s) => n + 1 + Buffer.byteLength(s), 0),
    0,
  );
  return 12 + question + answers;
}

// --- flattening ----------------------------------------------------------------------------------

/** "ip4:192.0.2.0/24" as it goes into a flattened record: no "+" (it is the default qualifier). */
const flatTerm = (text: string): string => text.replace(/^\+/, '').toLowerCase();

/**
 * The ip4:/ip6: terms a node (and everything it includes or redirects to) stands for, when it can be
 * replaced by them without changing any result: every mechanism a pass ip4/ip6 or include, an `all` that
 * does not pass, no a/mx/ptr/exists (they depend on DNS at evaluation time), no macros, no errors.
 * Null when it cannot.
 */
export function flatTermsOf(node: SpfTreeNode, parsed: ReadonlyMap<SpfTreeNode, ParsedSpf>): string[] | null {
  const terms: string[] = [];
  const collect = (current: SpfTreeNode, depth: number): boolean => {
    const record = parsed.get(current);
    if (!record || current.error !== null || depth > 20) return false;
    const children = new Map(childTerms(record).map((term, i) => [term, current.children[i]]));
    for (const term of record.terms) {
      if (term.kind === 'modifier') {
        if (term !== effectiveRedirect(record)) continue;
        const target = children.get(term);
        if (!target || !collect(target, depth + 1)) return false;
        continue;
      }
      if (term.name === 'all') {
        if (term.qualifier === '+') return false;
        continue;
      }
      if (term.qualifier !== '+') return false;
      if (term.name === 'ip4' || term.name === 'ip6') terms.push(flatTerm(term.text));
      else if (term.name === 'include') {
        const child = children.get(term);
        if (!child || !collect(child, depth + 1)) return false;
      } else return false;
    }
    return true;
  };
  return collect(node, 0) ? [...new Set(terms)] : null;
}

export interface FlattenPlan {
  /** The record to publish. */
  record: string;
  lookups: number;
  flattened: Array<{ include: string; terms: string[]; lookupsSaved: number }>;
  /** Terms (as written, without "+") that could not be flattened and were dropped to get under the limit. */
  removed: Array<{ term: string; lookupsSaved: number }>;
}

/**
 * A record within `limit` lookups made from `record`: the walked root's record, or that record after other
 * fixes took some of its terms out (those are not counted). The heaviest includes first (most lookups saved;
 * fewer addresses first among equals) are replaced by their addresses; when that is not enough, the heaviest
 * includes that cannot be flattened are dropped, then the last lookup terms. The root's own terms only: an
 * include of an include is flattened with its parent.
 */
export function planWithinLimit(record: string, walk: SpfWalk, limit: number): FlattenPlan {
  const parsed = walk.parsed.get(walk.root) ?? parseSpfRecord(record);
  const present = new Set(termsOf(record));
  const children = new Map(childTerms(parsed).map((term, i) => [term, walk.root.children[i]]));
  const cost = (term: SpfTerm) => 1 + (children.get(term)?.totalLookups ?? 0);
  const counted = lookupTerms(parsed).filter((term) => present.has(term.text));
  const total = counted.reduce((sum, term) => sum + cost(term), 0);
  const branches = childTerms(parsed)
    .map((term, i) => ({ term, child: walk.root.children[i] }))
    .filter(
      (b): b is { term: (typeof b)['term']; child: SpfTreeNode } =>
        b.child !== undefined &&
        present.has(b.term.text) &&
        b.term.kind === 'mechanism' &&
        b.term.name === 'include' &&
        b.term.qualifier === '+',
    )
    .map(({ term, child }) => ({
      text: term.text,
      include: child.domain,
      saved: 1 + child.totalLookups,
      terms: flatTermsOf(child, walk.parsed),
    }));
  const byWeight = (
    a: { saved: number; terms: string[] | null },
    b: { saved: number; terms: string[] | null },
  ) => b.saved - a.saved || (a.terms?.length ?? 0) - (b.terms?.length ?? 0);

  let lookups = total;
  const replace = new Map<string, string[]>();
  const flattened: FlattenPlan['flattened'] = [];
  const removed: FlattenPlan['removed'] = [];
  for (const branch of branches.filter((b) => b.terms !== null).sort(byWeight)) {
    if (lookups <= limit) break;
    replace.set(branch.text, branch.terms!);
    flattened.push({ include: branch.include, terms: branch.terms!, lookupsSaved: branch.saved });
    lookups -= branch.saved;
  }
  for (const branch of branches.filter((b) => b.terms === null).sort(byWeight)) {
    if (lookups <= limit) break;
    replace.set(branch.text, []);
    removed.push({ term: branch.text.replace(/^\+/, ''), lookupsSaved: branch.saved });
    lookups -= branch.saved;
  }
  // Still over (a record of a/mx/exists terms, or includes past the ones followed): the last lookup terms go.
  for (const term of [...counted].reverse()) {
    if (lookups <= limit) break;
    if (replace.has(term.text)) continue;
    const saved = cost(term);
    replace.set(term.text, []);
    removed.push({ term: term.text.replace(/^\+/, ''), lookupsSaved: saved });
    lookups -= saved;
  }
  return { record: replaceTerms(record, replace), lookups, flattened, removed };
}

/** The v=spf1 records among TXT records given as character-strings. */
export const spfRecordsIn = (txt: readonly (readonly string[])[]): string[] =>
  txt.map((parts) => parts.join('')).filter((r) => SPF_VERSION.test(r));
