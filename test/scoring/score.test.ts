import { describe, expect, it } from 'vitest';
import { scoreOf, toCheckResults } from '../../src/scoring/score.js';
import { AREAS, CHECK_RULES } from '../../src/scoring/deductions.js';

describe('scoring table', () => {
  it('every id belongs to a known area and its weight is sane', () => {
    for (const [id, rule] of Object.entries(CHECK_RULES)) {
      expect(AREAS).toContain(id.split('.')[0]);
      expect(rule.deduction).toBeGreaterThanOrEqual(0);
      // A scaled row (the spam filter's score) may cost more: its cap is stated with its reason.
      expect(rule.deduction).toBeLessThanOrEqual('scaledBy' in rule ? 5 : 3);
      if (rule.status === 'pass') expect(rule.deduction).toBe(0);
    }
  });

  it.each([
    // issue 2's default table
    ['spf.none', 1.0],
    ['spf.permerror', 1.0],
    ['spf.fail', 2.0],
    ['spf.softfail', 0.5],
    ['spf.neutral', 0.5],
    ['spf.temperror', 0.3],
    ['senderId.fail', 0.5],
    ['senderId.none', 0.5],
    ['dkim.none', 1.0],
    ['dkim.fail', 1.5],
    ['dkim.third-party-only', 0.5],
    ['dkim.key-too-small', 1.0],
    ['dkim.key-1024', 0.2],
    ['dkim.rsa-sha1', 0.5],
    ['dmarc.none', 0.5],
    ['dmarc.fail', 1.5],
    ['iprev.no-ptr', 1.0],
    ['iprev.not-confirmed', 0.5],
    ['helo.bad', 0.3],
    ['tls.none', 0.5],
    ['tls.old', 0.3],
    ['format.no-date', 0.5],
    ['format.no-message-id', 0.5],
    ['format.from-invalid', 1.0],
    ['format.from-repeated', 1.0],
    ['format.html-only', 0.3],
    ['format.html-clipped', 0.2],
  ] as const)('%s costs %d', (id, deduction) => expect(CHECK_RULES[id].deduction).toBe(deduction));
});

describe('score', () => {
  it.each([
    [[], 10],
    [[0.5, 0.3], 9.2],
    [[0.1, 0.2], 9.7],
    [[2, 2, 2, 2, 2, 1], 0],
    [[1.5, 1.5, 1.0, 1.0, 0.5, 0.5, 0.3], 3.7],
  ])('%j → %d', (deductions, score) =>
    expect(scoreOf(deductions.map((deduction) => ({ deduction })))).toBe(score),
  );

  it('keeps one row per id, ordered by area, with words and weights from the tables', () => {
    const checks = toCheckResults(
      [
        { id: 'tls.none', params: { domain: 'example.com' } },
        { id: 'spf.fail', params: { domain: 'example.com' } },
        { id: 'tls.none', params: { domain: 'other.example' } },
      ],
      'en',
    );
    expect(checks.map((c) => c.id)).toEqual(['spf.fail', 'tls.none']);
    expect(checks[1]).toMatchObject({ category: 'transport', status: 'fail', deduction: 0.5 });
    expect(checks[1]!.fix).toContain('example.com');
  });
});
