/**
 * The SPF audit's findings from a walked tree: each problem once (the report keeps one row per id), with
 * the record to publish filled in. Pure: the lookups are done (tree.ts), this only reads them.
 */
import type { Finding } from '../../checks/types.js';
import type { SpfTreeNode } from '../types.js';
import {
  mergeRecords,
  planWithinLimit,
  txtAnswerBytes,
  UDP_ANSWER_BYTES,
  withAll,
  withoutTerms,
  zoneValue,
} from './record.js';
import { effectiveRedirect, parseSpfRecord, type ParsedSpf } from './syntax.js';
import { childTerms, nodesOf, SPF_LOOKUP_LIMIT, SPF_VOID_LIMIT, type SpfWalk } from './tree.js';

/** 8 to 10 lookups pass but leave no room (the message check's threshold, same id). */
const LOOKUPS_WARN_AT = 8;

export interface SpfFindingsInput {
  domain: string;
  walk: SpfWalk;
  /** The record to suggest where the domain has none (depends on the sending IP and MX, decided by the caller). */
  newRecord: string;
}

export interface SpfFindingsOutput {
  findings: Finding[];
  /** The record we would publish instead of the current one (all fixes that have an exact record applied), or null. */
  corrected: string | null;
  /** The qualifier of the `all` that ends evaluation, following redirects; null when there is none. */
  all: '-' | '~' | '?' | '+' | null;
}

/** Items of a list shown in words: a hostile record can hold thousands; the tree in the data has them all. */
const MAX_SHOWN = 10;
const shown = (items: readonly string[]): string[] => items.slice(0, MAX_SHOWN);

/** " › " joins a chain of domains (root first) in a list item; no words, so no language. */
const chain = (path: readonly string[]): string => path.join(' › ');

/** The root's include/redirect terms (as written) whose branch holds a node that matches. */
function rootTermsLeadingTo(walk: SpfWalk, matches: (node: SpfTreeNode) => boolean): Set<string> {
  const parsed = walk.parsed.get(walk.root);
  const out = new Set<string>();
  if (!parsed) return out;
  childTerms(parsed).forEach((term, i) => {
    const child = walk.root.children[i];
    if (child && [...nodesOf(child)].some(({ node }) => matches(node))) out.add(term.text);
  });
  return out;
}

/** The `all` that ends an evaluation of this node: its own, or its redirect target's. */
function effectiveAll(
  node: SpfTreeNode,
  parsed: ReadonlyMap<SpfTreeNode, ParsedSpf>,
  depth = 0,
): SpfFindingsOutput['all'] {
  const record = parsed.get(node);
  if (!record || depth > SPF_LOOKUP_LIMIT) return null;
  if (record.all) return record.all.qualifier;
  const redirect = effectiveRedirect(record);
  if (!redirect) return null;
  const target = node.children[childTerms(record).indexOf(redirect)];
  return target ? effectiveAll(target, parsed, depth + 1) : null;
}

/** The domain whose record passes every sender (+all) and is reached through pass terms from this node. */
function passesEveryone(
  node: SpfTreeNode,
  parsed: ReadonlyMap<SpfTreeNode, ParsedSpf>,
  depth = 0,
): string | null {
  const record = parsed.get(node);
  if (!record || depth > SPF_LOOKUP_LIMIT) return null;
  if (record.all?.qualifier === '+') return node.domain;
  const terms = childTerms(record);
  for (const [i, term] of terms.entries()) {
    const child = node.children[i];
    const passes = term.kind === 'modifier' || term.qualifier === '+';
    if (!child || !passes) continue;
    if (term.kind === 'modifier' && record.all) continue;
    const found = passesEveryone(child, parsed, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * A record split into several strings whose joining glues two terms together ("...include:a.example"
 * "include:b.example..." reads "include:a.exampleinclude:b.example"): the strings joined with a space parse
 * with fewer problems. Returns the record as it was meant, or null.
 */
function meantRecord(record: string, txt: readonly (readonly string[])[] | null): string | null {
  const parts = txt?.find((strings) => strings.join('') === record);
  if (!parts || parts.length < 2) return null;
  const spaced = parts.join(' ').replace(/ {2,}/g, ' ');
  return parseSpfRecord(spaced).problems.length < parseSpfRecord(record).problems.length ? spaced : null;
}

/**
 * The record without these terms. When one of them is the redirect, the record would end with no `all` and
 * no redirect (neutral for everyone else, RFC 7208 4.7): it ends with ~all instead.
 */
function without(record: string, terms: ReadonlySet<string>): string {
  const rest = withoutTerms(record, terms);
  const removedRedirect = [...terms].some((t) => /^redirect=/i.test(t));
  return removedRedirect && !parseSpfRecord(rest).all ? withAll(rest, '~') : rest;
}

/** The first permerror cause costs 1.0, the others 0: a broken record counts once, as for a message. */
const PERMERROR_COST = 1;

export function spfFindings(input: SpfFindingsInput): SpfFindingsOutput {
  const { domain, walk } = input;
  const root = walk.root;
  const findings: Finding[] = [];
  const permerrors: Finding[] = [];
  const temperrorFinding = (): Finding => ({
    id: 'spf.record-temperror',
    params: { domain, names: shown(walk.temperrors) },
  });

  if (root.error === 'temperror') return { findings: [temperrorFinding()], corrected: null, all: null };
  if (root.error === 'not-found' || root.error === 'no-record') {
    return {
      findings: [{ id: 'spf.record-none', params: { domain, suggested: input.newRecord } }],
      corrected: null,
      all: null,
    };
  }
  if (root.error === 'multiple-records') {
    const merged = mergeRecords(walk.rootRecords);
    findings.push({
      id: 'spf.record-multiple',
      params: {
        domain,
        count: walk.rootRecords.length,
        records: shown(walk.rootRecords),
        suggested: zoneValue(merged),
        cost: PERMERROR_COST,
      },
    });
    return { findings, corrected: merged, all: parseSpfRecord(merged).all?.qualifier ?? null };
  }

  const record = root.record!;
  const parsed = walk.parsed.get(root)!;
  let corrected = record;

  // Syntax: a record split into strings that glue terms together is the likeliest cause; else the bad terms.
  if (parsed.problems.length) {
    const meant = meantRecord(record, walk.rootTxt);
    const bad = parsed.problems.map((p) => p.term).filter(Boolean);
    corrected = meant ?? withoutTerms(record, new Set(bad));
    permerrors.push({
      id: 'spf.record-syntax',
      params: {
        domain,
        terms: shown(bad),
        reason: meant ? 'split-without-space' : parsed.problems[0]!.code,
        suggested: zoneValue(corrected),
      },
    });
  }

  const below = [...nodesOf(root)].filter(({ node }) => node !== root);
  const missing = below.filter(({ node }) => node.error === 'not-found' || node.error === 'no-record');
  if (missing.length) {
    const leading = rootTermsLeadingTo(walk, (n) => n.error === 'not-found' || n.error === 'no-record');
    corrected = without(corrected, leading);
    permerrors.push({
      id: 'spf.include-missing',
      params: {
        domain,
        includes: shown(missing.map(({ path }) => chain(path.slice(1)))),
        suggested: zoneValue(corrected),
      },
    });
  }
  const broken = below.filter(({ node }) => node.error === 'syntax' || node.error === 'multiple-records');
  if (broken.length) {
    const leading = rootTermsLeadingTo(walk, (n) => n.error === 'syntax' || n.error === 'multiple-records');
    corrected = without(corrected, leading);
    permerrors.push({
      id: 'spf.include-broken',
      params: {
        domain,
        includes: shown(broken.map(({ path }) => chain(path.slice(1)))),
        suggested: zoneValue(corrected),
      },
    });
  }
  const loops = below.filter(({ node }) => node.error === 'loop');
  if (loops.length) {
    corrected = without(
      corrected,
      rootTermsLeadingTo(walk, (n) => n.error === 'loop'),
    );
    permerrors.push({
      id: 'spf.loop',
      params: { domain, chain: shown(loops.map(({ path }) => chain(path))), suggested: zoneValue(corrected) },
    });
  }

  const lookups = root.totalLookups;
  if (lookups > SPF_LOOKUP_LIMIT) {
    // Planned on the record as the fixes above left it: includes they removed no longer count.
    const plan = planWithinLimit(corrected, walk, SPF_LOOKUP_LIMIT);
    corrected = plan.record;
    permerrors.push({
      id: 'spf.lookups-over-limit',
      params: {
        domain,
        lookups,
        heaviest: heaviestBranches(walk),
        flattened: plan.flattened.map((f) => `include:${f.include}`),
        removed: shown(plan.removed.map((r) => r.term)),
        suggested: zoneValue(plan.record),
      },
    });
  } else if (lookups >= LOOKUPS_WARN_AT) {
    findings.push({ id: 'spf.lookups-near-limit', params: { domain, lookups, record: zoneValue(record) } });
  }

  const voids = root.totalVoidLookups ?? 0;
  const voidNames = [...nodesOf(root)].flatMap(({ node }) => node.voidNames ?? []);
  if (voids > SPF_VOID_LIMIT) {
    permerrors.push({
      id: 'spf.void-lookups-over-limit',
      params: { domain, voidLookups: voids, names: shown(voidNames) },
    });
  } else if (voids > 0) {
    findings.push({
      id: 'spf.void-lookups',
      params: { domain, voidLookups: voids, names: shown(voidNames) },
    });
  }

  // The permerror causes, the first one carrying the cost.
  permerrors.forEach((finding, i) => {
    finding.params = { ...finding.params, cost: i === 0 ? PERMERROR_COST : 0 };
  });
  findings.unshift(...permerrors);

  const all = effectiveAll(root, walk.parsed);
  const everyone = passesEveryone(root, walk.parsed);
  if (everyone) {
    corrected =
      everyone === domain
        ? withAll(corrected, '~')
        : without(
            corrected,
            rootTermsLeadingTo(walk, (n) => n.domain === everyone),
          );
    findings.push({
      id: 'spf.all-pass',
      params: { domain, where: everyone, suggested: zoneValue(corrected) },
    });
  } else if (all === '?') {
    corrected = withAll(corrected, '~');
    findings.push({ id: 'spf.all-neutral', params: { domain, suggested: zoneValue(corrected) } });
  } else if (all === null && !effectiveRedirect(parsed)) {
    corrected = withAll(corrected, '~');
    findings.push({ id: 'spf.all-missing', params: { domain, suggested: zoneValue(corrected) } });
  }

  const ptr = parsed.terms.filter((t) => t.kind === 'mechanism' && t.name === 'ptr').map((t) => t.text);
  if (ptr.length) {
    corrected = without(corrected, new Set(ptr));
    findings.push({ id: 'spf.ptr', params: { domain, terms: shown(ptr), suggested: zoneValue(corrected) } });
  }

  if (walk.rootTxt) {
    const bytes = txtAnswerBytes(domain, walk.rootTxt);
    if (bytes > UDP_ANSWER_BYTES)
      findings.push({ id: 'spf.answer-large', params: { domain, bytes, records: walk.rootTxt.length } });
  }

  if (walk.temperrors.length) findings.push(temperrorFinding());
  if (!permerrors.length && !walk.temperrors.length) {
    findings.unshift({
      id: 'spf.record-valid',
      params: {
        domain,
        record: zoneValue(record),
        lookups,
        voidLookups: voids,
        all: all ? `${all}all` : null,
      },
    });
  }
  return { findings, corrected: corrected === record ? null : corrected, all };
}

/** The root's branches by weight, heaviest first: "include:x (n)" with the lookups each costs in all. */
function heaviestBranches(walk: SpfWalk): string[] {
  const parsed = walk.parsed.get(walk.root);
  if (!parsed) return [];
  return childTerms(parsed)
    .map((term, i) => ({ term, cost: 1 + (walk.root.children[i]?.totalLookups ?? 0) }))
    .sort((a, b) => b.cost - a.cost)
    .slice(0, 5)
    .map(({ term, cost }) => `${term.text.replace(/^\+/, '')} (${cost})`);
}
