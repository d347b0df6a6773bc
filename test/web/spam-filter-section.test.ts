/** The report's spam filter section: engine, score and threshold, every rule, bonuses marked, data escaped. */
import { describe, expect, it } from 'vitest';
import type { SpamFilterResult } from '../../src/report/types.js';
import { formatRulePoints, spamFilterSection } from '../../src/web/pages/spam-filter.js';

const SPAMASSASSIN: SpamFilterResult = {
  engine: 'spamassassin',
  score: 7.8,
  threshold: 5,
  rules: [
    { name: 'DEAR_FRIEND', score: 2.6, description: "BODY: Dear Friend? That's not very dear!" },
    { name: 'HTML_MESSAGE', score: 0, description: 'BODY: HTML included in message' },
    { name: 'DKIM_VALID', score: -0.1, description: 'Message has at least one valid DKIM signature' },
  ],
};

const render = (result: SpamFilterResult | null, lang: 'en' | 'ja' = 'en') =>
  spamFilterSection(result, lang).value;

describe('spamFilterSection', () => {
  it('nothing without a verdict', () => {
    expect(render(null)).toBe('');
  });

  it('shows the engine, the score against the threshold and every rule in order', () => {
    const page = render(SPAMASSASSIN);
    expect(page).toContain('data-spam-filter="spamassassin"');
    expect(page).toContain('Spam filter (SpamAssassin)');
    expect(page).toContain('Spam score 7.8 (threshold 5.0)');
    const rows = [...page.matchAll(/data-rule="([^"]+)" data-points="(\w+)"/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      ['DEAR_FRIEND', 'cost'],
      ['HTML_MESSAGE', 'zero'],
      ['DKIM_VALID', 'bonus'],
    ]);
    expect(page).toMatch(/rule-points cost">\s*\+2\.6/);
    expect(page).toMatch(/rule-points bonus">\s*−0\.1 <span class="note">\(bonus\)<\/span>/);
    // Descriptions are data: escaped.
    expect(page).toContain('Dear Friend? That&#39;s not very dear!');
  });

  it('escapes whatever a filter sends', () => {
    const page = render({
      ...SPAMASSASSIN,
      rules: [{ name: '<img src=x onerror=alert(1)>', score: 1, description: '<script>alert(1)</script>' }],
    });
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it.each([
    ['add header', 'rspamd would: mark it as spam (add header)'],
    ['no action', 'rspamd would: deliver it (no action)'],
    ['something new', 'rspamd would: something new'],
  ])('rspamd’s action %j in words', (action, words) => {
    expect(render({ engine: 'rspamd', score: 7, threshold: 15, rules: [], action })).toContain(words);
  });

  it('no rules: says so', () => {
    const page = render({ engine: 'builtin', score: 0, threshold: 5, rules: [] });
    expect(page).toContain('Spam filter (built-in rules)');
    expect(page).toContain('No rule fired.');
    expect(page).not.toContain('<table');
  });

  it('in Japanese', () => {
    const page = render(SPAMASSASSIN, 'ja');
    expect(page).toContain('スパムフィルター（SpamAssassin）');
    expect(page).toContain('スパムスコア 7.8（しきい値 5.0）');
    expect(page).toContain('（ボーナス）');
    expect(page).toContain('検出する内容');
  });

  it.each([
    [2.6, '+2.6'],
    [2.775, '+2.775'],
    [0.30000000000000004, '+0.3'],
    [0, '0'],
    [-0, '0'],
    [-1.1, '−1.1'],
    [-100, '−100'],
  ])('points %s → %s', (score, text) => {
    expect(formatRulePoints(score)).toBe(text);
  });
});
