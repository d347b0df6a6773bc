/**
 * The built-in content filter (engine `builtin`): transparent heuristics over the subject, headers, text and
 * HTML, in English and Japanese, on SpamAssassin's scale (spam at 5). Used when neither spamd nor rspamd runs,
 * so every report still has a content score. The rules are in builtin/rules.ts, their descriptions in
 * src/i18n/{en,ja}/builtin-rules.ts.
 *
 * Synchronous, bounded work (every input is cut at LIMITS.builtinRules*; every pattern is linear).
 */
import { builtinRules as englishDescriptions } from '../../i18n/en/builtin-rules.js';
import { builtinRules as japaneseDescriptions } from '../../i18n/ja/builtin-rules.js';
import type { Lang, SpamFilterResult } from '../../report/types.js';
import { collectFacts } from './builtin/facts.js';
import { BUILTIN_RULES, BUILTIN_RULE_NAMES, type BuiltinRuleName } from './builtin/rules.js';
import type { FilterInput, SpamFilterEngine } from './types.js';

/** SpamAssassin's default required_score: the same line, so the two engines' verdicts read alike. */
export const BUILTIN_THRESHOLD = 5;

const DESCRIPTIONS: Record<Lang, Record<BuiltinRuleName, string>> = {
  en: englishDescriptions,
  ja: japaneseDescriptions,
};

const isBuiltinRule = (name: string): name is BuiltinRuleName => Object.hasOwn(BUILTIN_RULES, name);

/** A built-in rule's description in a language (null for a name that is not a built-in rule). */
export function describeBuiltinRule(name: string, lang: Lang): string | null {
  return isBuiltinRule(name) ? DESCRIPTIONS[lang][name] : null;
}

/** Names of the rules that fire on a message, in table order (the calibration reads this too). */
export function firedBuiltinRules(input: Pick<FilterInput, 'message' | 'content'>): BuiltinRuleName[] {
  const facts = collectFacts(input.message, input.content);
  return BUILTIN_RULE_NAMES.filter((name) => {
    try {
      return BUILTIN_RULES[name].test(facts);
    } catch {
      // A rule must never take the verdict down with it; hostile input gets the other rules' verdict.
      return false;
    }
  });
}

/** Rounded like SpamAssassin's report (one decimal), without float noise such as 2.3000000000000003. */
const roundScore = (score: number) => Math.round(score * 10) / 10;

export function scoreBuiltin(
  input: Pick<FilterInput, 'message' | 'content'>,
  lang: Lang = 'en',
  scores: Readonly<Record<BuiltinRuleName, number>> = BUILTIN_SCORES,
): SpamFilterResult {
  const rules = firedBuiltinRules(input)
    .map((name) => ({ name, score: scores[name], description: DESCRIPTIONS[lang][name] }))
    .filter((rule) => rule.score !== 0)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const total = rules.reduce((sum, rule) => sum + rule.score, 0);
  return { engine: 'builtin', score: roundScore(total), threshold: BUILTIN_THRESHOLD, rules };
}

/** The shipped score of every rule (the calibration script swaps in others to compare). */
export const BUILTIN_SCORES = Object.fromEntries(
  BUILTIN_RULE_NAMES.map((name) => [name, BUILTIN_RULES[name].score]),
) as Record<BuiltinRuleName, number>;

/** The engine, with rule descriptions in `lang` (reports are stored once and shown in either language, so English by default). */
export function createBuiltinFilter(lang: Lang = 'en'): SpamFilterEngine {
  return {
    name: 'builtin',
    async check(input, signal) {
      signal.throwIfAborted();
      return scoreBuiltin(input, lang);
    },
  };
}

export const builtinFilter: SpamFilterEngine = createBuiltinFilter('en');
