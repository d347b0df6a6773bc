/**
 * A per-key rate (so many per minute), as a token bucket: a client may spend its whole minute at once, then
 * one more every 60/limit seconds. Unlike fixed windows it allows no double burst at a window's edge.
 * The table of keys is bounded: a key whose bucket has refilled is forgotten (it is the same as a new key),
 * and when the table is full of busy keys a new key is refused rather than letting memory grow.
 */

import { LIMITS } from '../limits.js';
import { rateLimitKey } from './tests.js';
import type { ServiceContext } from './types.js';

interface Bucket {
  tokens: number;
  at: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class PerMinuteRate {
  private readonly buckets = new Map<string, Bucket>();
  /** Tokens regained per millisecond. */
  private readonly refill: number;

  constructor(
    /** Allowed per minute; 0 means no limit. */
    private readonly perMinute: number,
    private readonly maxKeys: number,
  ) {
    this.refill = perMinute / 60_000;
  }

  /** Takes one from `key`'s bucket at time `now` (ms), or says how long until one is back. */
  take(key: string, now: number): RateDecision {
    if (this.perMinute <= 0) return { ok: true };
    const bucket = this.current(key, now);
    if (!bucket) return { ok: false, retryAfterSeconds: 60 };
    if (bucket.tokens < 1) {
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.refill / 1000)),
      };
    }
    bucket.tokens -= 1;
    return { ok: true };
  }

  /** Keys remembered (for tests of the bound). */
  get size(): number {
    return this.buckets.size;
  }

  private current(key: string, now: number): Bucket | null {
    const known = this.buckets.get(key);
    if (known) {
      // A clock that went back (tests, NTP) refills nothing rather than going negative.
      known.tokens = Math.min(this.perMinute, known.tokens + Math.max(0, now - known.at) * this.refill);
      known.at = now;
      return known;
    }
    if (this.buckets.size >= this.maxKeys) this.forgetFull(now);
    if (this.buckets.size >= this.maxKeys) return null;
    const fresh = { tokens: this.perMinute, at: now };
    this.buckets.set(key, fresh);
    return fresh;
  }

  /** Drops the keys whose buckets are full again: remembering them changes nothing. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + Math.max(0, now - bucket.at) * this.refill >= this.perMinute)
        this.buckets.delete(key);
    }
  }
}

/** A refusal for the rate: the limit that applies and when to come back. */
export type RateLimited = { ok: false; reason: 'rate-limited'; limit: number; retryAfterSeconds: number };

/** One bucket per service and purpose (the API and the pages count together), made on first use. */
const SERVICE_RATES = new WeakMap<ServiceContext, Map<string, PerMinuteRate>>();

function rateOf(ctx: ServiceContext, purpose: string, perMinute: number): PerMinuteRate {
  let rates = SERVICE_RATES.get(ctx);
  if (!rates) SERVICE_RATES.set(ctx, (rates = new Map()));
  let rate = rates.get(purpose);
  if (!rate) rates.set(purpose, (rate = new PerMinuteRate(perMinute, LIMITS.lookupRateClients)));
  return rate;
}

/** Takes one from the client's bucket for `purpose` (blocklist, audit, inspect, …), or says when to come back. */
export function takeRate(
  ctx: ServiceContext,
  clientIp: string,
  purpose: string,
  perMinute: number,
): RateLimited | null {
  const decision = rateOf(ctx, purpose, perMinute).take(rateLimitKey(clientIp), ctx.now().getTime());
  if (decision.ok) return null;
  return {
    ok: false,
    reason: 'rate-limited',
    limit: perMinute,
    retryAfterSeconds: decision.retryAfterSeconds,
  };
}
