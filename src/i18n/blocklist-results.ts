/**
 * Blocklist results in words (the CLI's text output and the blocklist page share them): a result's state,
 * why a query gave no verdict, what a return code means and how much it weighs, the summary sentences.
 * Every word comes from the catalogs (ui.ts, and the blocklist area's coded meanings).
 */
import type {
  BlocklistErrorReason,
  BlocklistKind,
  BlocklistListing,
  BlocklistResult,
  BlocklistWeight,
} from '../blocklists/types.js';
import { countsAsListed } from '../pipeline/blocklist.js';
import type { Lang } from '../report/types.js';
import type { UiKey } from './en/ui.js';
import { catalogs, uiText } from './index.js';

const REASON_KEYS: Record<BlocklistErrorReason, UiKey> = {
  refused: 'blocklistReasonRefused',
  'bad-query': 'blocklistReasonBadQuery',
  timeout: 'blocklistReasonTimeout',
  'dns-error': 'blocklistReasonDnsError',
  unexpected: 'blocklistReasonUnexpected',
};

const WEIGHT_KEYS: Record<BlocklistWeight, UiKey> = {
  major: 'blocklistWeightMajor',
  minor: 'blocklistWeightMinor',
  info: 'blocklistWeightInfo',
};

/**
 * The words of a coded meaning ('spam-source', 'exploited', ...), taken from the blocklist area's catalog
 * entries (their `meaning` values), so a meaning is worded once; null when no entry words it.
 */
export function meaningWords(meaning: string, lang: Lang): string | null {
  for (const [id, text] of Object.entries(catalogs[lang].checks)) {
    if (!id.startsWith('blocklists.')) continue;
    const words = text.values?.meaning;
    if (words && Object.hasOwn(words, meaning)) return words[meaning]!;
  }
  return null;
}

export interface BlocklistResultWords {
  kind(kind: BlocklistKind): string;
  /** listed / not listed / could not check (an allowlist entry reads "listed" as well). */
  status(result: BlocklistResult): string;
  reason(reason: BlocklistErrorReason): string;
  weight(weight: BlocklistWeight): string;
  /** "SBL: spam source (major)"; the tag alone when the meaning has no words. */
  listing(listing: BlocklistListing): string;
  /** What the whole lookup found, as sentences. */
  summary(report: { kind: BlocklistKind; blocklists: readonly BlocklistResult[] }): string[];
}

export function blocklistWords(lang: Lang): BlocklistResultWords {
  const words: BlocklistResultWords = {
    kind: (kind) => uiText(kind === 'ip' ? 'blocklistKindIp' : 'blocklistKindDomain', lang),
    status: (result) =>
      uiText(
        result.status === 'listed'
          ? 'blocklistListed'
          : result.status === 'clean'
            ? 'blocklistClean'
            : 'blocklistError',
        lang,
      ),
    reason: (reason) => uiText(REASON_KEYS[reason] ?? 'blocklistReasonUnexpected', lang),
    weight: (weight) => uiText(WEIGHT_KEYS[weight] ?? 'blocklistWeightInfo', lang),
    listing: (listing) => {
      const meaning = meaningWords(listing.meaning, lang);
      return uiText(meaning ? 'blocklistListing' : 'blocklistListingTagOnly', lang, {
        tag: listing.tag,
        meaning,
        weight: words.weight(listing.weight),
      });
    },
    summary: ({ kind, blocklists }) => {
      const blocks = blocklists.filter((r) => r.role === 'block');
      if (!blocks.length) return [uiText('blocklistSummaryNoLists', lang, { kind: words.kind(kind) })];
      const counting = blocks.filter(countsAsListed).length;
      const info = blocks.filter((r) => r.status === 'listed' && r.weight === 'info').length;
      const errors = blocks.filter((r) => r.status === 'error').length;
      const allowed = blocklists.filter((r) => r.role === 'allow' && r.status === 'listed').length;
      const sentences = [
        counting > 0
          ? uiText('blocklistSummaryListed', lang, { count: counting, total: blocks.length })
          : uiText('blocklistSummaryClean', lang, { total: blocks.length }),
      ];
      if (info > 0) sentences.push(uiText('blocklistSummaryInfo', lang, { count: info }));
      if (errors > 0) sentences.push(uiText('blocklistSummaryErrors', lang, { count: errors }));
      if (allowed > 0) sentences.push(uiText('blocklistSummaryAllowed', lang, { count: allowed }));
      return sentences;
    },
  };
  return words;
}
