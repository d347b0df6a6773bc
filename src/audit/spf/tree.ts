/**
 * The include/redirect tree of an SPF record, walked through the DNS the way an evaluation that matches
 * nothing would (RFC 7208 4.6.4: every DNS-querying term counts, through every include and redirect).
 * Each node holds its own lookup and void-lookup counts and the totals below it. Every child of a node and
 * every void check is asked at once; a branch whose server does not answer ends as temperror in that branch
 * only. Bounded by node count and depth, and by the session's deadline.
 */
import { DnsError } from '../../dns/types.js';
import type { DnsSession } from '../../dns/session.js';
import { LIMITS } from '../../limits.js';
import type { SpfTreeNode } from '../types.js';
import {
  SPF_VERSION,
  effectiveRedirect,
  lookupTerms,
  parseSpfRecord,
  targetName,
  type ParsedSpf,
  type SpfMechanism,
  type SpfTerm,
} from './syntax.js';

/** RFC 7208 4.6.4: at most 10 DNS-querying terms, at most 2 of them void. */
export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LIMIT = 2;

/**
 * Every level below the root costs at least one lookup (the include or redirect that reaches it), so a node
 * deeper than this is already past the limit: nothing below it can change the verdict.
 */
const MAX_DEPTH = SPF_LOOKUP_LIMIT + 1;
/** Lookup terms of one record that are followed (includes walked, a/mx/exists checked): one past the limit. */
const MAX_FOLLOWED_TERMS = SPF_LOOKUP_LIMIT + 1;

/** Coded node errors (SpfTreeNode.error). */
export type SpfNodeError =
  'not-found' | 'no-record' | 'multiple-records' | 'syntax' | 'temperror' | 'loop' | 'macro' | 'truncated';

export interface SpfWalk {
  root: SpfTreeNode;
  /** The parsed record of every node that has one. */
  parsed: Map<SpfTreeNode, ParsedSpf>;
  /** The root name's TXT records as DNS gave them (character-strings apart); null when the lookup failed. */
  rootTxt: string[][] | null;
  /** Every v=spf1 record at the root name. */
  rootRecords: string[];
  /** Names whose lookups failed without an answer (timeout, SERVFAIL, ...), in the order met. */
  temperrors: string[];
  /** The walk stopped at its node or depth bound somewhere. */
  truncated: boolean;
}

interface WalkState {
  dns: DnsSession;
  maxNodes: number;
  nodes: number;
  parsed: Map<SpfTreeNode, ParsedSpf>;
  /** Nodes whose TXT lookup was void (NXDOMAIN or an empty answer): their parent's include/redirect counts it. */
  voidTxt: WeakSet<SpfTreeNode>;
  /** a/mx/exists checks left for the whole walk. */
  voidChecks: number;
  /** Names of a node's a/mx/exists terms whose lookups failed. */
  failedTargets: WeakMap<SpfTreeNode, string[]>;
  truncated: boolean;
  rootTxt: string[][] | null;
  rootRecords: string[];
}

const newNode = (domain: string, via: SpfTreeNode['via']): SpfTreeNode => ({
  domain,
  via,
  record: null,
  lookups: 0,
  totalLookups: 0,
  voidLookups: 0,
  error: null,
  children: [],
  totalVoidLookups: 0,
  voidNames: [],
});

type TxtAnswer =
  { kind: 'records'; txt: string[][] } | { kind: 'not-found' } | { kind: 'no-data' } | { kind: 'temperror' };

async function txtOf(name: string, dns: DnsSession): Promise<TxtAnswer> {
  try {
    return { kind: 'records', txt: await dns.records(name, 'TXT') };
  } catch (err) {
    if (err instanceof DnsError) {
      // A name no server can be asked about has no records either (RFC 7208 4.3: treated as none).
      if (err.code === 'ENOTFOUND' || err.code === 'EBADNAME') return { kind: 'not-found' };
      if (err.code === 'ENODATA') return { kind: 'no-data' };
    }
    return { kind: 'temperror' };
  }
}

/** 'void' when the name has no such records, 'temperror' when the lookup failed, else 'found'. */
async function answerOf(name: string, type: 'A' | 'AAAA' | 'MX', dns: DnsSession) {
  try {
    const records = await dns.records(name, type);
    return records.length ? 'found' : 'void';
  } catch (err) {
    if (
      err instanceof DnsError &&
      (err.code === 'ENOTFOUND' || err.code === 'ENODATA' || err.code === 'EBADNAME')
    )
      return 'void';
    return 'temperror';
  }
}

/**
 * Whether a/mx/exists finds nothing at its target. An `a` term is void here only when the name has neither A
 * nor AAAA records (an IPv4 sender's receiver asks A only: we count what every receiver would).
 */
async function voidCheck(
  term: SpfMechanism,
  domain: string,
  dns: DnsSession,
): Promise<{ name: string; outcome: 'found' | 'void' | 'temperror' }> {
  const name = term.target === null ? domain : targetName(term.target);
  if (term.name === 'mx') return { name, outcome: await answerOf(name, 'MX', dns) };
  if (term.name === 'exists') return { name, outcome: await answerOf(name, 'A', dns) };
  const [a, aaaa] = await Promise.all([answerOf(name, 'A', dns), answerOf(name, 'AAAA', dns)]);
  const outcome =
    a === 'found' || aaaa === 'found'
      ? 'found'
      : a === 'temperror' || aaaa === 'temperror'
        ? 'temperror'
        : 'void';
  return { name, outcome };
}

/** The include/redirect terms of a record that reach a child, in the order the children are listed. */
export function childTerms(parsed: ParsedSpf): SpfTerm[] {
  return lookupTerms(parsed).filter(
    (t) =>
      (t.kind === 'mechanism' && t.name === 'include') || (t.kind === 'modifier' && t.name === 'redirect'),
  );
}

async function visit(
  domain: string,
  via: SpfTreeNode['via'],
  path: string[],
  state: WalkState,
): Promise<SpfTreeNode> {
  const node = newNode(domain, via);
  if (path.includes(domain)) {
    node.error = 'loop';
    return node;
  }
  if (path.length >= MAX_DEPTH || state.nodes >= state.maxNodes) {
    node.error = 'truncated';
    state.truncated = true;
    return node;
  }
  state.nodes++;
  const answer = await txtOf(domain, state.dns);
  const isRoot = path.length === 0;
  if (answer.kind === 'temperror') {
    node.error = 'temperror';
    return node;
  }
  if (answer.kind !== 'records' || answer.txt.length === 0) {
    node.error = answer.kind === 'not-found' ? 'not-found' : 'no-record';
    state.voidTxt.add(node);
    if (isRoot) state.rootTxt = [];
    return node;
  }
  const records = answer.txt.map((parts) => parts.join('')).filter((r) => SPF_VERSION.test(r));
  if (isRoot) {
    state.rootTxt = answer.txt;
    state.rootRecords = records;
  }
  if (records.length !== 1) {
    node.error = records.length ? 'multiple-records' : 'no-record';
    return node;
  }
  const record = records[0]!;
  node.record = record;
  const parsed = parseSpfRecord(record);
  state.parsed.set(node, parsed);
  if (parsed.problems.length) node.error = 'syntax';
  const counted = lookupTerms(parsed);
  node.lookups = counted.length;

  // Past the 11th lookup term the verdict is permerror whatever follows: count the rest, follow none of it
  // (a hostile record may hold thousands of terms).
  const followed = new Set(counted.slice(0, MAX_FOLLOWED_TERMS));
  if (counted.length > followed.size) state.truncated = true;
  const nextPath = [...path, domain];
  const redirect = effectiveRedirect(parsed);
  // A prefix of childTerms(parsed), so node.children[i] stays the child of childTerms(parsed)[i].
  const children = childTerms(parsed)
    .filter((term) => followed.has(term))
    .map((term) => {
      const spec = term.kind === 'mechanism' ? term.target! : term.value;
      const childVia = term === redirect ? 'redirect' : 'include';
      if (term.hasMacro) {
        // The target depends on the message (sender, IP): counted once, not followed.
        const child = newNode(spec, childVia);
        child.error = 'macro';
        return Promise.resolve(child);
      }
      return visit(targetName(spec), childVia, nextPath, state);
    });
  const checkable = counted.filter(
    (t): t is SpfMechanism =>
      t.kind === 'mechanism' &&
      (t.name === 'a' || t.name === 'mx' || t.name === 'exists') &&
      followed.has(t) &&
      !t.hasMacro,
  );
  // The walk's budget of void checks (each is one or two queries) is shared by every node.
  const budgeted = checkable.slice(0, Math.max(0, state.voidChecks));
  state.voidChecks -= budgeted.length;
  if (budgeted.length < checkable.length) state.truncated = true;
  const voids = budgeted.map((t) => voidCheck(t, domain, state.dns));
  const [walked, checked] = await Promise.all([Promise.all(children), Promise.all(voids)]);

  node.children = walked;
  const failed = checked.filter((c) => c.outcome === 'temperror').map((c) => c.name);
  if (failed.length) state.failedTargets.set(node, failed);
  node.voidNames = [
    ...checked.filter((c) => c.outcome === 'void').map((c) => c.name),
    ...walked.filter((child) => state.voidTxt.has(child)).map((child) => child.domain),
  ];
  node.voidLookups = node.voidNames.length;
  node.totalLookups = walked.reduce((sum, child) => sum + child.totalLookups, node.lookups);
  node.totalVoidLookups = walked.reduce(
    (sum, child) => sum + (child.totalVoidLookups ?? 0),
    node.voidLookups,
  );
  return node;
}

/**
 * Walks the SPF tree of `domain` (lower-case A-labels, no trailing dot). Never throws: lookups that fail
 * become node errors. A diamond (one record included from two places) is walked twice, as an evaluation
 * would count it twice; the shared DNS cache answers the second time.
 */
export async function walkSpfTree(
  domain: string,
  dns: DnsSession,
  options: { maxNodes?: number; via?: SpfTreeNode['via'] } = {},
): Promise<SpfWalk> {
  const state: WalkState = {
    dns,
    maxNodes: options.maxNodes ?? LIMITS.maxSpfTreeRecords,
    nodes: 0,
    parsed: new Map(),
    voidTxt: new WeakSet(),
    voidChecks: options.maxNodes ?? LIMITS.maxSpfTreeRecords,
    failedTargets: new WeakMap(),
    truncated: false,
    rootTxt: null,
    rootRecords: [],
  };
  const root = await visit(domain, options.via ?? 'root', [], state);
  return {
    root,
    parsed: state.parsed,
    rootTxt: state.rootTxt,
    rootRecords: state.rootRecords,
    // In tree order, so the same tree always lists them the same way.
    temperrors: [
      ...new Set(
        [...nodesOf(root)].flatMap(({ node }) => [
          ...(node.error === 'temperror' ? [node.domain] : []),
          ...(state.failedTargets.get(node) ?? []),
        ]),
      ),
    ],
    truncated: state.truncated,
  };
}

/** Every node of a tree, depth first, with the chain of domains that leads to it (root first). */
export function* nodesOf(
  root: SpfTreeNode,
  path: string[] = [],
): Generator<{ node: SpfTreeNode; path: string[] }> {
  const here = [...path, root.domain];
  yield { node: root, path: here };
  for (const child of root.children) yield* nodesOf(child, here);
}
