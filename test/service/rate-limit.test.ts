/** The per-client rate of blocklist lookups: a token bucket per key, a bounded table of keys. */
import { describe, expect, it } from 'vitest';
import { PerMinuteRate } from '../../src/service/rate-limit.js';

describe('PerMinuteRate', () => {
  it('allows a minute’s worth at once, then one more every 60/limit seconds', () => {
    const rate = new PerMinuteRate(6, 100);
    for (let i = 0; i < 6; i++) expect(rate.take('a', 0)).toEqual({ ok: true });
    expect(rate.take('a', 0)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(rate.take('a', 4_000)).toEqual({ ok: false, retryAfterSeconds: 6 });
    expect(rate.take('a', 10_001)).toEqual({ ok: true });
    expect(rate.take('a', 10_001).ok).toBe(false);
    // Other keys have their own bucket.
    expect(rate.take('b', 10_001)).toEqual({ ok: true });
  });

  it('never refills past the limit, and a clock going back refills nothing', () => {
    const rate = new PerMinuteRate(2, 100);
    expect(rate.take('a', 0).ok).toBe(true);
    expect(rate.take('a', 10 * 60_000).ok).toBe(true);
    expect(rate.take('a', 10 * 60_000).ok).toBe(true);
    expect(rate.take('a', 10 * 60_000).ok).toBe(false);
    expect(rate.take('a', 0).ok).toBe(false);
  });

  it('keeps its table bounded: full buckets are forgotten, and busy keys refuse newcomers', () => {
    const rate = new PerMinuteRate(1, 3);
    for (const key of ['a', 'b', 'c']) expect(rate.take(key, 0).ok).toBe(true);
    expect(rate.take('d', 1_000)).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(rate.size).toBe(3);
    // A minute later every bucket is full again: they are dropped to make room.
    expect(rate.take('d', 60_000).ok).toBe(true);
    expect(rate.size).toBe(1);
  });

  it('does not limit at 0', () => {
    const rate = new PerMinuteRate(0, 1);
    for (let i = 0; i < 100; i++) expect(rate.take(`k${i}`, 0).ok).toBe(true);
    expect(rate.size).toBe(0);
  });
});
