/**
 * checkSpamFilter with engines that answer what each case needs: the finding, its deduction (scaled, capped),
 * its words in both languages, the report block, hostile answers, failures and the deadline. The real spamd
 * and rspamd: test/content/filters/.
 */
import { describe, expect, it } from 'vitest';
import { checkSpamFilter, sanitizeFilterResult } from '../../src/checks/spam-filter.js';
import type { CheckContext } from '../../src/checks/types.js';
import { FilterError } from '../../src/content/filters/errors.js';
import type { SpamFilterEngine } from '../../src/content/filters/types.js';
import type { ContentModel } from '../../src/content/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { parseMessage } from '../../src/message/parse.js';
import type { SpamFilterResult } from '../../src/report/types.js';
import { toCheckResults } from '../../src/scoring/score.js';

const message = await parseMessage(
  Buffer.from('From: news@example.com\r\nSubject: hi\r\nMessage-ID: <1@example.com>\r\n\r\nbody\r\n'),
);
const ctx: CheckContext = {
  message,
  envelope: { clientIp: '192.0.2.1', helo: null, mailFrom: null, rcptTo: [], tls: null },
  // The check makes no lookups; nothing listens on port 9.
  dns: new DnsSession(new DnsResolver({ servers: [{ host: '127.0.0.1', port: 9 }] })),
  now: new Date('2025-01-01T00:00:00Z'),
};
const content = {} as ContentModel;

const engineAnswering = (
  answer: (signal: AbortSignal) => Promise<SpamFilterResult>,
  name: SpamFilterEngine['name'] = 'spamassassin',
): SpamFilterEngine => ({ name, check: (_input, signal) => answer(signal) });

const verdict = (score: number, rules: SpamFilterResult['rules'] = [], extra = {}): SpamFilterResult => ({
  engine: 'spamassassin',
  score,
  threshold: 5,
  rules,
  ...extra,
});

const rule = (name: string, score: number, description = `${name} description`) => ({
  name,
  score,
  description,
});

describe('checkSpamFilter: the verdict as a finding', () => {
  it.each([
    // score, rules, id, status, deduction, words in the title
    [
      -1.2,
      [rule('DKIM_VALID', -0.1), rule('RCVD_IN_DNSWL_MED', -1.1)],
      'spamFilter.clean',
      'pass',
      0,
      '−1.2',
    ],
    [0, [rule('HTML_MESSAGE', 0)], 'spamFilter.clean', 'pass', 0, '0.0 points'],
    [0.3, [rule('MSGID_SHORT', 0.3)], 'spamFilter.score', 'warn', 0.3, '0.3 points'],
    [2.6, [rule('DEAR_FRIEND', 2.6), rule('NO_RELAYS', -0)], 'spamFilter.score', 'warn', 2.6, '2.6 points'],
    [
      7.8,
      [rule('DEAR_FRIEND', 2.6), rule('DRUGS_ERECTILE', 2.2), rule('X', 3)],
      'spamFilter.score',
      'warn',
      5,
      '7.8',
    ],
    [120, [rule('GTUBE', 1000)], 'spamFilter.score', 'warn', 5, '120.0 points'],
  ] as const)('score %s → %s (%s, −%s)', async (score, rules, id, status, deduction, words) => {
    const output = await checkSpamFilter(
      ctx,
      content,
      engineAnswering(async () => verdict(score, [...rules])),
    );
    expect(output.findings).toHaveLength(1);
    expect(output.findings[0]!.id).toBe(id);
    const [check] = toCheckResults(output.findings, 'en');
    expect(check).toMatchObject({ id, status, deduction, category: 'content' });
    expect(check!.title.replace('-', '−')).toContain(words.replace('-', '−'));
    expect(output.result).toMatchObject({ engine: 'spamassassin', score, threshold: 5 });
  });

  it('names the rules that cost the most, with their points, in the words and the fix', async () => {
    const rules = [
      rule('A', 0.5),
      rule('B', 2.6),
      rule('C', 1),
      rule('D', 0.1),
      rule('E', 0.2),
      rule('F', 0.3),
      rule('BONUS', -1),
    ];
    const output = await checkSpamFilter(
      ctx,
      content,
      engineAnswering(async () => verdict(3.7, rules)),
    );
    expect(output.findings[0]!.params!.rules).toEqual([
      'B (+2.6)',
      'C (+1.0)',
      'A (+0.5)',
      'F (+0.3)',
      'E (+0.2)',
    ]);
    const [en] = toCheckResults(output.findings, 'en');
    expect(en!.detail).toContain('B (+2.6), C (+1.0)');
    expect(en!.detail).toContain('SpamAssassin');
    expect(en!.fix).toContain('B (+2.6)');
    const [ja] = toCheckResults(output.findings, 'ja');
    expect(ja!.title).toBe('スパムフィルターの評価は 3.7 点です（スパムのしきい値未満）');
    expect(ja!.fix).toContain('B (+2.6)');
  });

  it('a score at or above the threshold says so', async () => {
    const output = await checkSpamFilter(
      ctx,
      content,
      engineAnswering(async () => verdict(5, [rule('X', 5)])),
    );
    expect(toCheckResults(output.findings, 'en')[0]!.title).toContain('spam: at or above its threshold');
  });

  it('a clean verdict names its bonuses (negative rules)', async () => {
    const output = await checkSpamFilter(
      ctx,
      content,
      engineAnswering(async () => verdict(-2, [rule('SMALL', -0.1), rule('BIG', -1.9), rule('ZERO', 0)])),
    );
    expect(output.findings[0]!.params!.bonuses).toEqual(['BIG (−1.9)', 'SMALL (−0.1)']);
    expect(toCheckResults(output.findings, 'en')[0]!.detail).toContain('favour: BIG (−1.9), SMALL (−0.1).');
  });

  it.each([
    ['spamassassin', 'SpamAssassin', 'SpamAssassin'],
    ['rspamd', 'rspamd', 'rspamd'],
    ['builtin', 'mailscore’s built-in rules', 'mailscore の内蔵ルール'],
  ] as const)('the engine %s is named in words', async (name, en, ja) => {
    const engine = engineAnswering(async () => ({ ...verdict(1, [rule('R', 1)]), engine: name }), name);
    const output = await checkSpamFilter(ctx, content, engine);
    expect(output.result?.engine).toBe(name);
    expect(toCheckResults(output.findings, 'en')[0]!.detail).toContain(`(${en})`);
    expect(toCheckResults(output.findings, 'ja')[0]!.detail).toContain(`（${ja}）`);
  });
});

describe('checkSpamFilter: failures give spamFilter.error, nothing deducted', () => {
  it.each([
    [
      new FilterError('unreachable', 'spamd 127.0.0.1:783: cannot connect (ECONNREFUSED)'),
      'unreachable',
      'could not be reached',
    ],
    [new FilterError('protocol', 'garbage'), 'protocol', 'gave an answer mailscore could not read'],
    [new FilterError('refused', 'spamd answered 76'), 'refused', 'answered with an error'],
    [new Error('a bug in an engine'), 'failed', 'failed'],
    ['not even an Error', 'failed', 'failed'],
  ] as const)('%s → reason %s', async (error, reason, words) => {
    const output = await checkSpamFilter(
      ctx,
      content,
      engineAnswering(() => Promise.reject(error)),
    );
    expect(output.result).toBeNull();
    expect(output.findings).toEqual([{ id: 'spamFilter.error', params: { engine: 'spamassassin', reason } }]);
    const [check] = toCheckResults(output.findings, 'en');
    expect(check).toMatchObject({ status: 'error', deduction: 0, fix: null });
    expect(check!.detail).toContain(`(SpamAssassin) ${words},`);
    // The filter's own message (addresses, ports) never reaches the words.
    expect(check!.detail).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|bug/);
    expect(toCheckResults(output.findings, 'ja')[0]!.detail).toMatch(/^スパムフィルター（SpamAssassin）が/);
  });

  it('an engine that never answers: timeout at the deadline, and the engine is told to stop', async () => {
    let aborted = false;
    const engine = engineAnswering(
      (signal) =>
        new Promise(() => {
          signal.addEventListener('abort', () => (aborted = true));
        }),
    );
    const started = performance.now();
    const output = await checkSpamFilter(ctx, content, engine, { timeoutMs: 100 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(output.findings[0]).toEqual({
      id: 'spamFilter.error',
      params: { engine: 'spamassassin', reason: 'timeout' },
    });
    expect(aborted).toBe(true);
  });

  it.each([
    ['NaN score', { ...verdict(0), score: Number.NaN }],
    ['a string threshold', { ...verdict(1), threshold: '5' as unknown as number }],
    ['null', null as unknown as SpamFilterResult],
  ])('an answer with %s → protocol', async (_, answer) => {
    const output = await checkSpamFilter(
      ctx,
      content,
      engineAnswering(async () => answer),
    );
    expect(output.findings[0]!.params!.reason).toBe('protocol');
  });
});

describe('sanitizeFilterResult: hostile answers are bounded and cleaned', () => {
  it('drops rules without a name or a finite score, folds control characters, bounds lengths', () => {
    const result = sanitizeFilterResult(
      verdict(1, [
        rule('GOOD', 1, 'line one\r\nline two\x00'),
        rule('', 2),
        rule('   ', 2),
        { name: 'INF', score: Number.POSITIVE_INFINITY, description: '' },
        { name: 'NAN', score: Number.NaN, description: '' },
        rule('N'.repeat(500), 0.5, 'd'.repeat(5_000)),
        null as never,
      ]),
      'spamassassin',
    );
    expect(result.rules.map((r) => r.name.slice(0, 5))).toEqual(['GOOD', 'NNNNN']);
    expect(result.rules[0]!.description).toBe('line one line two');
    expect(result.rules[1]!.name).toHaveLength(100);
    expect(result.rules[1]!.description).toHaveLength(300);
  });

  it('keeps at most 200 rules, highest score first, bonuses last', () => {
    const many = Array.from({ length: 1_000 }, (_, i) => rule(`R${i}`, (i % 7) - 3));
    const result = sanitizeFilterResult(verdict(3, many), 'spamassassin');
    expect(result.rules).toHaveLength(200);
    const scores = result.rules.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('rounds float noise to three decimals; keeps a bounded rspamd action; an unknown engine name is the engine’s own', () => {
    const result = sanitizeFilterResult(
      {
        ...verdict(2.7750000001, [rule('X', 0.1 + 0.2)]),
        engine: 'other' as never,
        action: `add header${'x'.repeat(100)}`,
      },
      'rspamd',
    );
    expect(result).toMatchObject({ engine: 'rspamd', score: 2.775, rules: [{ score: 0.3 }] });
    expect(result.action).toHaveLength(40);
  });
});
