/**
 * The "Gmail / Yahoo / Outlook.com sender requirements" of the report: each rule the three providers
 * publish for senders, judged on this message from the authentication results and the findings.
 * Sources (paraphrased in the catalogs, src/i18n/{en,ja}/requirements.ts): Google's Email sender
 * guidelines (all senders; bulk senders, about 5,000 messages a day, since February 2024), Yahoo's Sender
 * Best Practices (2024), Microsoft's requirements for high-volume senders to Outlook.com (May 2025).
 * Pure: data in, data out; no words.
 */
import type { UnsubscribeResult } from '../checks/unsubscribe.js';
import type { Finding } from '../checks/types.js';
import { CHECK_RULES, type CheckId } from '../scoring/deductions.js';
import type { Auth, Provider, RequirementId, SenderRequirement, SenderRequirements } from './types.js';

export interface RequirementsInput {
  auth: Auth;
  findings: Finding[];
  unsubscribe: UnsubscribeResult;
}

/** The reason codes of each rule: the catalogs must have words for every one (the compiler checks). */
export const REQUIREMENT_REASONS = {
  'spf-or-dkim': ['both', 'spf-only', 'dkim-only', 'neither', 'unknown'],
  ptr: ['confirmed', 'no-ptr', 'not-confirmed', 'private-ip', 'unknown'],
  tls: ['tls', 'outdated', 'none'],
  format: ['clean', 'faults'],
  'freemail-from': ['own-domain', 'freemail'],
  'spam-rate': ['not-measurable'],
  'spf-and-dkim': ['both', 'spf-only', 'dkim-only', 'neither', 'unknown'],
  'dmarc-record': ['published', 'none', 'invalid', 'unknown'],
  'dmarc-aligned': ['both', 'spf', 'dkim', 'not-aligned', 'unknown'],
  'one-click-unsubscribe': [
    'valid',
    'missing',
    'malformed',
    'absent',
    'bad-value',
    'no-https',
    'not-signed',
    'not-marketing',
  ],
  'visible-unsubscribe': ['link', 'text', 'none', 'not-marketing'],
} as const satisfies Record<RequirementId, readonly string[]>;

export type ReasonOf<Id extends RequirementId> = (typeof REQUIREMENT_REASONS)[Id][number];

/** The words of one rule. */
export interface RequirementText<Reason extends string> {
  title: string;
  /** Each provider's reason for the rule, in the spirit of its published guidelines. */
  why: Partial<Record<Provider, string>>;
  /** What was found, per reason code, with {placeholders} from the rule's params. */
  reasons: Record<Reason, string>;
}

export type RequirementCatalog = { [Id in RequirementId]: RequirementText<ReasonOf<Id>> };

type Verdict<Id extends RequirementId> = {
  status: SenderRequirement['status'];
  reason: ReasonOf<Id>;
  params?: SenderRequirement['params'];
};

interface Rule<Id extends RequirementId> {
  id: Id;
  scope: 'all' | 'bulk';
  providers: Provider[];
  /** The areas (or single check ids) whose findings decide it: the rule's `checks`. */
  related: readonly string[];
  judge(input: RequirementsInput): Verdict<Id>;
}

/** An identity's state: it passes, it does not, or a transient failure left it unknown. */
type State = 'pass' | 'fail' | 'unknown';

const spfState = ({ spf }: Auth): State =>
  spf.result === 'pass' ? 'pass' : spf.result === 'temperror' ? 'unknown' : 'fail';

function dkimState({ dkim }: Auth): State {
  const verified = dkim.filter((sig) => !sig.skipped);
  if (verified.some((sig) => sig.result === 'pass')) return 'pass';
  return verified.some((sig) => sig.result === 'temperror') ? 'unknown' : 'fail';
}

/** At least one of SPF and DKIM passes. */
function eitherPasses(spf: State, dkim: State): Verdict<'spf-or-dkim'> {
  if (spf === 'pass' && dkim === 'pass') return { status: 'pass', reason: 'both' };
  if (spf === 'pass' || dkim === 'pass')
    return { status: 'pass', reason: spf === 'pass' ? 'spf-only' : 'dkim-only' };
  if (spf === 'unknown' || dkim === 'unknown') return { status: 'na', reason: 'unknown' };
  return { status: 'fail', reason: 'neither' };
}

/** Both pass; a definite failure of one decides whatever the other's transient state. */
function bothPass(spf: State, dkim: State): Verdict<'spf-and-dkim'> {
  if (spf === 'pass' && dkim === 'pass') return { status: 'pass', reason: 'both' };
  if (spf !== 'fail' && dkim !== 'fail') return { status: 'na', reason: 'unknown' };
  return { status: 'fail', reason: spf === 'pass' ? 'spf-only' : dkim === 'pass' ? 'dkim-only' : 'neither' };
}

const has = (findings: Finding[], id: CheckId): Finding | undefined => findings.find((f) => f.id === id);

/** Format faults that break RFC 5322 itself (Gmail rejects or junks some of them: no Message-ID, two Froms). */
export const RFC5322_FAULTS: readonly CheckId[] = [
  'format.from-invalid',
  'format.from-repeated',
  'format.no-date',
  'format.bad-date',
  'format.no-message-id',
  'format.bad-message-id',
  'format.repeated-header',
  'format.eight-bit-header',
  'format.long-line',
];

const notMarketing = { status: 'na', reason: 'not-marketing' } as const;

const RULES: { [Id in RequirementId]: Rule<Id> }[RequirementId][] = [
  // Every sender
  {
    id: 'spf-or-dkim',
    scope: 'all',
    providers: ['gmail', 'yahoo'],
    related: ['spf', 'dkim'],
    judge: ({ auth }) => eitherPasses(spfState(auth), dkimState(auth)),
  },
  {
    id: 'ptr',
    scope: 'all',
    providers: ['gmail', 'yahoo'],
    related: ['iprev'],
    judge({ auth, findings }) {
      const params = { ptr: auth.iprev.ptr };
      if (has(findings, 'iprev.not-public')) return { status: 'na', reason: 'private-ip', params };
      if (auth.iprev.result === 'pass' && auth.iprev.fcrdns)
        return { status: 'pass', reason: 'confirmed', params };
      if (auth.iprev.result === 'temperror') return { status: 'na', reason: 'unknown', params };
      if (has(findings, 'iprev.no-ptr')) return { status: 'fail', reason: 'no-ptr', params };
      return { status: 'fail', reason: 'not-confirmed', params };
    },
  },
  {
    id: 'tls',
    scope: 'all',
    providers: ['gmail'],
    related: ['tls'],
    judge({ findings }) {
      if (has(findings, 'tls.none')) return { status: 'fail', reason: 'none' };
      const old = has(findings, 'tls.old');
      if (old)
        return { status: 'pass', reason: 'outdated', params: { protocol: old.params?.protocol ?? null } };
      return { status: 'pass', reason: 'tls' };
    },
  },
  {
    id: 'format',
    scope: 'all',
    providers: ['gmail', 'yahoo'],
    related: [...RFC5322_FAULTS, 'format.pass'],
    judge({ findings }) {
      const faults = findings.filter((f) => RFC5322_FAULTS.includes(f.id)).map((f) => f.id);
      return faults.length
        ? { status: 'fail', reason: 'faults', params: { faults } }
        : { status: 'pass', reason: 'clean' };
    },
  },
  {
    id: 'freemail-from',
    scope: 'all',
    providers: ['gmail', 'yahoo'],
    related: ['format.freemail-from'],
    judge({ findings }) {
      const freemail = has(findings, 'format.freemail-from');
      if (!freemail) return { status: 'pass', reason: 'own-domain' };
      const { domain = null, provider = null } = freemail.params ?? {};
      return { status: 'fail', reason: 'freemail', params: { domain, provider } };
    },
  },
  {
    id: 'spam-rate',
    scope: 'all',
    providers: ['gmail', 'yahoo'],
    related: [],
    // Complaint rates live in the providers' own dashboards (Postmaster Tools, Yahoo's CFL); one message tells nothing.
    judge: () => ({ status: 'na', reason: 'not-measurable' }),
  },
  // Bulk senders
  {
    id: 'spf-and-dkim',
    scope: 'bulk',
    providers: ['gmail', 'yahoo', 'outlook'],
    related: ['spf', 'dkim'],
    judge: ({ auth }) => bothPass(spfState(auth), dkimState(auth)),
  },
  {
    id: 'dmarc-record',
    scope: 'bulk',
    providers: ['gmail', 'yahoo', 'outlook'],
    related: ['dmarc'],
    judge({ auth, findings }) {
      const params = { domain: auth.dmarc.domain, policy: auth.dmarc.policy };
      if (auth.dmarc.policy) return { status: 'pass', reason: 'published', params };
      if (has(findings, 'dmarc.temperror') || auth.dmarc.result === 'temperror')
        return { status: 'na', reason: 'unknown', params };
      if (has(findings, 'dmarc.invalid-record')) return { status: 'fail', reason: 'invalid', params };
      return { status: 'fail', reason: 'none', params };
    },
  },
  {
    id: 'dmarc-aligned',
    scope: 'bulk',
    providers: ['gmail', 'yahoo', 'outlook'],
    related: ['dmarc', 'alignment'],
    judge({ auth }) {
      const { spfAligned, dkimAligned, domain } = auth.dmarc;
      const params = { domain, spfDomain: auth.spf.domain, dkimDomains: passingDkimDomains(auth) };
      if (spfAligned && dkimAligned) return { status: 'pass', reason: 'both', params };
      if (spfAligned || dkimAligned) return { status: 'pass', reason: spfAligned ? 'spf' : 'dkim', params };
      if (auth.dmarc.result === 'temperror') return { status: 'na', reason: 'unknown', params };
      return { status: 'fail', reason: 'not-aligned', params };
    },
  },
  {
    id: 'one-click-unsubscribe',
    scope: 'bulk',
    providers: ['gmail', 'yahoo'],
    related: ['unsubscribe'],
    judge({ unsubscribe }) {
      if (!unsubscribe.marketing) return notMarketing;
      const params = { signedBy: unsubscribe.signedBy };
      if (!unsubscribe.listUnsubscribe) return { status: 'fail', reason: 'missing', params };
      const { https, mailto, other } = unsubscribe.listUnsubscribe;
      if (https.length + mailto.length + other.length === 0)
        return { status: 'fail', reason: 'malformed', params };
      const state = unsubscribe.oneClick;
      return { status: state === 'valid' ? 'pass' : 'fail', reason: state, params };
    },
  },
  {
    id: 'visible-unsubscribe',
    scope: 'bulk',
    providers: ['gmail', 'yahoo', 'outlook'],
    related: ['unsubscribe'],
    judge({ unsubscribe }) {
      if (!unsubscribe.marketing) return notMarketing;
      const { visible } = unsubscribe;
      return visible
        ? { status: 'pass', reason: visible.how, params: { evidence: visible.evidence } }
        : { status: 'fail', reason: 'none' };
    },
  },
];

const passingDkimDomains = (auth: Auth): string[] => [
  ...new Set(auth.dkim.filter((s) => s.result === 'pass' && s.domain).map((s) => s.domain!)),
];

/** The findings of these areas or ids that carry a verdict (informational rows are left out). */
const checksOf = (findings: Finding[], related: readonly string[]): string[] => [
  ...new Set(
    findings
      .filter((f) => related.includes(f.id) || related.includes(f.id.split('.')[0]!))
      .filter((f) => CHECK_RULES[f.id].status !== 'info')
      .map((f) => f.id),
  ),
];

/** Every rule, judged. */
export function senderRequirements(input: RequirementsInput): SenderRequirements {
  const { unsubscribe } = input;
  return {
    bulk: unsubscribe.bulk,
    marketing: unsubscribe.marketing,
    signals: unsubscribe.signals,
    rules: RULES.map((rule) => {
      const verdict = (rule.judge as (input: RequirementsInput) => Verdict<RequirementId>)(input);
      return {
        id: rule.id,
        status: verdict.status,
        scope: rule.scope,
        providers: rule.providers,
        reason: verdict.reason,
        params: verdict.params ?? {},
        checks: checksOf(input.findings, rule.related),
      };
    }),
  };
}

/** The rules as the table defines them (for the catalogs' test: each provider named has words). */
export const REQUIREMENT_RULES: ReadonlyArray<{
  id: RequirementId;
  scope: 'all' | 'bulk';
  providers: Provider[];
}> = RULES.map(({ id, scope, providers }) => ({ id, scope, providers }));
