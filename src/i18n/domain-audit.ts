/**
 * The domain audit's facts in words (the CLI's text output and the audit page share them): an SPF tree
 * node's error, a DMARC plan stage, a DKIM key's facts, the DNSSEC state. Coded values a section adds later
 * are shown as they are rather than dropped. Every word comes from the catalogs (ui.ts).
 */
import type { DkimKeyData, DnssecData, SpfAuditData, SpfTreeNode } from '../audit/types.js';
import type { FindingParams } from '../checks/types.js';
import type { Lang } from '../report/types.js';
import type { UiKey } from './en/ui.js';
import { uiText } from './index.js';

const SPF_ERRORS: Record<string, UiKey> = {
  'not-found': 'domainSpfErrorNotFound',
  'no-record': 'domainSpfErrorNoRecord',
  'multiple-records': 'domainSpfErrorMultiple',
  syntax: 'domainSpfErrorSyntax',
  temperror: 'domainSpfErrorTemperror',
  loop: 'domainSpfErrorLoop',
};

const PLAN_STAGES: Record<string, UiKey> = {
  monitor: 'domainPlanMonitor',
  quarantine: 'domainPlanQuarantine',
  reject: 'domainPlanReject',
};

export interface DomainAuditWords {
  /** A ui.ts text with its placeholders filled. */
  text: (key: UiKey, params?: FindingParams) => string;
  /** Items joined as the language lists them ("a, b" / "a、b"). */
  list: (items: readonly string[]) => string;
  spfError: (code: string) => string;
  /** A tree node's own and total lookup counts, and its void lookups when it has any. */
  treeCounts: (node: SpfTreeNode) => string;
  /** Why there is no SPF record to show: not published, or the lookup's error. */
  spfMissing: (spf: Partial<SpfAuditData>) => string;
  planStage: (stage: string) => string;
  /** Type and size, then anything wrong with the key: "RSA, 2048 bits, testing (t=y)". */
  dkimFacts: (key: DkimKeyData) => string[];
  dnssec: (data: DnssecData) => string;
}

export function domainAuditWords(lang: Lang): DomainAuditWords {
  const text = (key: UiKey, params?: FindingParams) => uiText(key, lang, params);
  const list = (items: readonly string[]) => items.join(text('listSeparator'));
  const spfError = (code: string) =>
    Object.hasOwn(SPF_ERRORS, code) ? text(SPF_ERRORS[code]!) : text('domainSpfErrorOther', { error: code });
  return {
    text,
    list,
    spfError,
    treeCounts: (node) =>
      text(node.voidLookups > 0 ? 'domainSpfNodeVoid' : 'domainSpfNode', {
        lookups: node.lookups,
        total: node.totalLookups,
        count: node.voidLookups,
      }),
    spfMissing: (spf) =>
      spf.tree?.error && spf.tree.error !== 'no-record'
        ? spfError(spf.tree.error)
        : text('domainNotPublished'),
    planStage: (stage) => (Object.hasOwn(PLAN_STAGES, stage) ? text(PLAN_STAGES[stage]!) : stage),
    dkimFacts: (key) => {
      const facts = [key.type === 'ed25519' ? 'Ed25519' : 'RSA'];
      if (key.revoked) facts.push(text('domainDkimRevoked'));
      else if (key.keyBits !== null) facts.push(text('domainDkimBits', { bits: key.keyBits }));
      if (key.testing) facts.push(text('domainDkimTesting'));
      if (key.sha1Only) facts.push(text('domainDkimSha1'));
      return facts;
    },
    dnssec: (data) =>
      text(
        data.validated === true
          ? 'domainDnssecValidated'
          : data.validated === false
            ? 'domainDnssecNotValidated'
            : 'domainDnssecUnknown',
      ),
  };
}
