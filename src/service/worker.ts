/**
 * The analysis queue. Stored messages wait in the store (status 'queued'); up to `config.workers` slots
 * each take the oldest one, analyze it with the shared resolver, store the report and take the next, until
 * the queue is empty. wake() starts idle slots after a message is stored; at start the slots drain whatever
 * is queued (including what app.ts requeued after a crash). The queue lives on disk, never in memory: a
 * missed wake() only delays a message until the next one.
 *
 * An analysis never crashes the service: whatever goes wrong is stored as a failed message with one line,
 * and the page shows it. A message whose analysis keeps killing the process is failed after
 * LIMITS.maxAnalysisAttempts claims instead of being tried at every start.
 */
import { performance } from 'node:perf_hooks';
import { LIMITS } from '../limits.js';
import { analyze, type Analysis } from '../pipeline/analyze.js';
import type { ClaimedMessage } from '../store/types.js';
import type { AnalysisWorker, ServiceContext } from './types.js';

export interface WorkerOptions {
  /** Defaults from LIMITS; tests shorten them. */
  analysisTimeoutMs?: number;
  closeWaitMs?: number;
  retryDelayMs?: number;
}

type Outcome = { analysis: Analysis } | { error: string };

/** One line for the operator: the error's class (when it has its own) and its message. */
export function describeError(err: unknown): string {
  const kind = err instanceof Error && err.constructor.name !== 'Error' ? `${err.constructor.name}: ` : '';
  const text = err instanceof Error ? err.message : String(err);
  return `${kind}${text}`.replace(/\s+/g, ' ').trim().slice(0, 300) || 'unknown error';
}

class AnalysisTimeout extends Error {}

/** The promise's value, or an AnalysisTimeout after `ms` (the work itself goes on; its result is dropped). */
async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AnalysisTimeout(`analysis took longer than ${ms / 1000} s`)), ms);
  });
  work.catch(() => undefined); // a late failure after the timeout is not an unhandled rejection
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function startWorker(ctx: ServiceContext, options: WorkerOptions = {}): AnalysisWorker {
  const { store, logger, metrics, events } = ctx;
  const analysisTimeoutMs = options.analysisTimeoutMs ?? LIMITS.analysisTimeoutMs;
  const closeWaitMs = options.closeWaitMs ?? LIMITS.workerCloseWaitMs;
  const retryDelayMs = options.retryDelayMs ?? LIMITS.workerRetryDelayMs;
  const slotCount = Math.max(1, ctx.config.workers);

  const slots = new Set<Promise<void>>();
  /** Counts wake() calls: a slot that found the queue empty looks again if one came in the meantime. */
  let wakes = 0;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;

  /** What to store for this message: its analysis, or why there is none. */
  async function outcomeOf(message: ClaimedMessage): Promise<Outcome> {
    if (message.status === 'failed') return { error: message.error ?? 'stored message is unreadable' };
    if (message.attempts > LIMITS.maxAnalysisAttempts) {
      const interrupted = message.attempts - 1;
      return {
        error: `analysis interrupted ${interrupted} times (the process stopped during it); not tried again`,
      };
    }
    const started = performance.now();
    try {
      // The IP is the connection our SMTP service accepted: the report says so (envelope.clientIpSource).
      const envelope = { ...message.envelope, clientIpKind: 'smtp' as const };
      const run = analyze(message.raw, envelope, {
        resolver: ctx.resolver,
        lang: 'en',
        now: ctx.now(),
        spamFilter: ctx.spamFilter,
        links: { reachability: ctx.config.checkLinks },
        blocklists: ctx.blocklists,
      });
      const analysis = await within(run, analysisTimeoutMs);
      metrics.dnsQueries.inc(analysis.report.dns.queries);
      return { analysis };
    } catch (err) {
      return { error: describeError(err) };
    } finally {
      metrics.analysisSeconds.observe((performance.now() - started) / 1000);
    }
  }

  async function handle(message: ClaimedMessage): Promise<void> {
    const { id: messageId, testId } = message;
    events.publish({ testId, state: 'analyzing', messageId });
    const outcome = await outcomeOf(message);
    try {
      if ('analysis' in outcome) await store.finishMessage(messageId, outcome.analysis, ctx.now());
      else await store.failMessage(messageId, outcome.error, ctx.now());
    } catch (err) {
      // The store is gone (stopping) or failing: the row stays 'analyzing' and is resumed at the next start.
      logger.error({ err, messageId }, 'could not store the outcome of an analysis');
      return;
    }
    if ('analysis' in outcome) {
      metrics.reportsProduced.inc({ outcome: 'done' });
      logger.info({ messageId, score: outcome.analysis.report.score }, 'report ready');
    } else {
      metrics.reportsProduced.inc({ outcome: 'failed' });
      logger.warn({ messageId, error: outcome.error }, 'analysis failed');
    }
    events.publish({ testId, state: 'done', messageId });
  }

  /** One slot: takes messages until the queue is empty (or the worker stops). */
  async function runSlot(): Promise<void> {
    while (!closed) {
      const seenWakes = wakes;
      let message: ClaimedMessage | null;
      try {
        message = await store.claimNext();
      } catch (err) {
        logger.error({ err }, 'could not take a message from the analysis queue; trying again shortly');
        scheduleRetry();
        return;
      }
      if (!message) {
        if (wakes !== seenWakes) continue;
        return;
      }
      await handle(message);
    }
  }

  function fill(): void {
    while (!closed && slots.size < slotCount) {
      const slot: Promise<void> = runSlot()
        .catch((err: unknown) => logger.error({ err }, 'analysis slot stopped unexpectedly'))
        .finally(() => slots.delete(slot));
      slots.add(slot);
    }
  }

  function scheduleRetry(): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      fill();
    }, retryDelayMs);
    retryTimer.unref();
  }

  fill();

  return {
    wake() {
      wakes++;
      // After the caller's turn: claiming is a disk commit, and the SMTP 250 that called us should not wait for it.
      setImmediate(fill);
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      if (!slots.size) return;
      let timer: NodeJS.Timeout | undefined;
      const finished = Promise.allSettled([...slots]).then(() => true);
      const gaveUp = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), closeWaitMs)));
      const allDone = await Promise.race([finished, gaveUp]);
      clearTimeout(timer);
      if (!allDone) {
        logger.warn(
          { running: slots.size },
          'stopped with analyses in progress; they resume at the next start',
        );
      }
    },
  };
}
