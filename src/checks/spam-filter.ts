/**
 * The content filter's verdict as a check: whichever engine runs (SpamAssassin, rspamd, the built-in
 * rules), its score, threshold and every rule that fired fill the report's spamFilter block, and one
 * finding scores it as mail-tester does: a positive filter score costs that many points (capped in the
 * table), zero or less costs nothing; rules with negative scores are bonuses.
 *
 * The engine's answer is hostile (a misbehaving filter, a rule description with anything in it): numbers
 * must be finite, rules are bounded in count and length. A filter that fails or does not answer within
 * LIMITS.spamFilterTimeoutMs gives spamFilter.error (nothing deducted), and the report goes on.
 */
import { FilterError, filterErrorCode } from '../content/filters/errors.js';
import type { SpamFilterEngine } from '../content/filters/types.js';
import type { ContentModel } from '../content/types.js';
import { LIMITS } from '../limits.js';
import type { SpamFilterResult } from '../report/types.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

export interface SpamFilterCheckOptions {
  /** How long the engine may take (tests shorten it). */
  timeoutMs?: number;
}

/** Rules named in a finding's sentence (the page lists them all). */
const RULES_IN_WORDS = 5;

const ENGINES: ReadonlySet<SpamFilterResult['engine']> = new Set(['spamassassin', 'rspamd', 'builtin']);

/** Three decimals at most (rspamd's 2.775), so float noise (2.7750000001) never shows. */
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Printable text of a bounded length: control characters (a line break in a description) become spaces. */
const cleanText = (value: unknown, max: number): string =>
  typeof value === 'string'
    ? value
        .replace(/[\x00-\x1f\x7f]+/g, ' ')
        .trim()
        .slice(0, max)
    : '';

/**
 * The engine's result made safe to store and show: finite numbers, non-empty names, bounded text, at most
 * LIMITS.spamFilterMaxRules rules, highest score first (so bonuses come last). Throws when the score or
 * the threshold is not a number.
 */
export function sanitizeFilterResult(
  raw: SpamFilterResult,
  engine: SpamFilterEngine['name'],
): SpamFilterResult {
  if (!raw || typeof raw !== 'object' || !Number.isFinite(raw.score) || !Number.isFinite(raw.threshold)) {
    throw new FilterError('protocol', `${engine}: no numeric score and threshold`);
  }
  const rules = (Array.isArray(raw.rules) ? raw.rules : [])
    .filter((rule) => rule && typeof rule === 'object' && Number.isFinite(rule.score))
    .map((rule) => ({
      name: cleanText(rule.name, LIMITS.spamFilterMaxRuleName),
      score: round3(rule.score),
      description: cleanText(rule.description, LIMITS.spamFilterMaxRuleDescription),
    }))
    .filter((rule) => rule.name !== '')
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, LIMITS.spamFilterMaxRules);
  const action = cleanText(raw.action, 40);
  return {
    engine: ENGINES.has(raw.engine) ? raw.engine : engine,
    score: round3(raw.score),
    threshold: round3(raw.threshold),
    rules,
    ...(action ? { action } : {}),
  };
}

/** One decimal with its sign, as the rules are listed in the sentences: "+2.6", "−0.1" (U+2212). */
const signed = (value: number) => {
  const text = (Math.round(Math.abs(value) * 10) / 10).toFixed(1);
  return value < 0 ? `−${text}` : `+${text}`;
};
const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toFixed(1);

/** The finding for a verdict: spamFilter.score when the score is positive, else spamFilter.clean. */
export function filterFinding(result: SpamFilterResult): Finding {
  const common = {
    engine: result.engine,
    score: result.score,
    points: oneDecimal(result.score),
    threshold: oneDecimal(result.threshold),
    verdict: result.score >= result.threshold ? 'spam' : 'ham',
  };
  if (result.score > 0) {
    const costly = result.rules
      .filter((rule) => rule.score > 0)
      .slice(0, RULES_IN_WORDS)
      .map((rule) => `${rule.name} (${signed(rule.score)})`);
    return { id: 'spamFilter.score', params: { ...common, rules: costly } };
  }
  const bonuses = result.rules
    .filter((rule) => rule.score < 0)
    .slice(-RULES_IN_WORDS)
    .reverse()
    .map((rule) => `${rule.name} (${signed(rule.score)})`);
  return { id: 'spamFilter.clean', params: { ...common, bonuses } };
}

/** The engine's answer, or a FilterError('timeout') once `ms` pass (the engine is told to stop through `signal`). */
async function withDeadline<T>(
  run: (signal: AbortSignal) => Promise<T>,
  ms: number,
  engine: string,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new FilterError('timeout', `${engine}: no verdict within ${ms} ms`));
      controller.abort();
    }, ms);
  });
  const work = run(controller.signal);
  work.catch(() => undefined); // a failure after the deadline is not an unhandled rejection
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkSpamFilter(
  ctx: CheckContext,
  content: ContentModel,
  engine: SpamFilterEngine,
  options: SpamFilterCheckOptions = {},
): Promise<CheckOutput<SpamFilterResult | null>> {
  const timeoutMs = options.timeoutMs ?? LIMITS.spamFilterTimeoutMs;
  try {
    const raw = await withDeadline(
      (signal) => engine.check({ message: ctx.message, envelope: ctx.envelope, content }, signal),
      timeoutMs,
      engine.name,
    );
    const result = sanitizeFilterResult(raw, engine.name);
    return { result, findings: [filterFinding(result)] };
  } catch (err) {
    return {
      result: null,
      findings: [{ id: 'spamFilter.error', params: { engine: engine.name, reason: filterErrorCode(err) } }],
    };
  }
}
