/**
 * SpamAssassin through spamd: REPORT gives the score, the threshold and every rule that fired with its
 * points and description (one decimal, as SpamAssassin prints them). The message goes as received: no
 * Received field of ours, so SpamAssassin's relay rules about reverse DNS and HELO stay quiet — mailscore's
 * iprev and helo checks judge those, with the real lookups (deploy/spamassassin/mailscore.cf explains why
 * spamd makes no network tests).
 */
import { LIMITS } from '../../limits.js';
import type { SpamFilterResult } from '../../report/types.js';
import { FilterError } from './errors.js';
import { messageForFilter, type ExternalFilter } from './external.js';
import {
  formatSpamdAddress,
  parseReportTable,
  parseSpamHeader,
  spamcRequest,
  type SpamcOptions,
  type SpamdAddress,
} from './spamc.js';

export interface SpamdFilterOptions {
  /** The whole check (defaults from LIMITS; tests shorten them). */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxMessageBytes?: number;
  maxResponseBytes?: number;
}

export function createSpamdFilter(address: SpamdAddress, options: SpamdFilterOptions = {}): ExternalFilter {
  const timeoutMs = options.timeoutMs ?? LIMITS.spamFilterTimeoutMs;
  const maxMessageBytes = options.maxMessageBytes ?? LIMITS.spamFilterMaxMessageBytes;
  const spamcOptions = (signal: AbortSignal | undefined, totalMs: number): SpamcOptions => ({
    connectTimeoutMs: Math.min(options.connectTimeoutMs ?? LIMITS.spamFilterConnectTimeoutMs, totalMs),
    readTimeoutMs: totalMs,
    totalTimeoutMs: totalMs,
    maxResponseBytes: options.maxResponseBytes ?? LIMITS.spamFilterMaxResponseBytes,
    ...(signal ? { signal } : {}),
  });
  const location = formatSpamdAddress(address);

  return {
    name: 'spamassassin',
    location,
    async check(input, signal): Promise<SpamFilterResult> {
      const message = messageForFilter(input.message.raw, maxMessageBytes);
      const response = await spamcRequest(address, 'REPORT', message, spamcOptions(signal, timeoutMs));
      const verdict = parseSpamHeader(response.headers.get('spam'));
      if (!verdict) {
        throw new FilterError('protocol', `spamd ${location}: the answer has no valid Spam header`);
      }
      return {
        engine: 'spamassassin',
        score: verdict.score,
        threshold: verdict.threshold,
        rules: parseReportTable(response.body),
      };
    },
    async ping(signal) {
      const response = await spamcRequest(
        address,
        'PING',
        null,
        spamcOptions(signal, LIMITS.spamFilterProbeTimeoutMs),
      );
      if (response.status !== 'PONG') {
        throw new FilterError('protocol', `spamd ${location}: PING answered ${response.status.slice(0, 40)}`);
      }
    },
  };
}
