/**
 * The DNS view of one report: every check asks through it. It adds the report's deadline (after it,
 * pending and new lookups end as ETIMEOUT so the report is still produced) and counts what the report cost.
 */
import { LIMITS } from '../limits.js';
import type { DnsResolver } from './resolver.js';
import { DnsError, type Answer, type RecordData, type RecordType } from './types.js';

/** What the report records about its DNS use (the report's `dns` field). */
export interface DnsStats {
  /** Lookups the checks made. */
  queries: number;
  /** Of those, answered from the shared cache or by joining an identical question in flight. */
  cached: number;
  /** Lookups that ended without an answer in time (timeouts, and those cut by the deadline). */
  timeouts: number;
  /** Wall time during which at least one lookup was pending (ms). */
  timeMs: number;
  /** True when the whole-report deadline cut lookups short. */
  deadlineReached: boolean;
}

/**
 * The resolver function mailauth's checks take as `resolver`. mailauth's declared type says string[][] | string[],
 * but its code also takes MX as {exchange, priority}[] (what Node's resolver returns), which we give it.
 */
export type MailauthResolver = import('mailauth').DNSResolver;

export class DnsSession {
  private readonly timer: NodeJS.Timeout;
  private readonly abort = new AbortController();
  /** Settles when the deadline passes; every pending lookup races it. */
  private readonly deadlinePassed: Promise<'deadline'>;
  private queries = 0;
  private cached = 0;
  private timeouts = 0;
  private pending = 0;
  private busySince = 0;
  private busyMs = 0;

  constructor(
    private readonly resolver: DnsResolver,
    deadlineMs: number = LIMITS.dnsDeadlineMs,
  ) {
    this.deadlinePassed = new Promise((resolve) => {
      this.abort.signal.addEventListener('abort', () => resolve('deadline'), { once: true });
    });
    this.timer = setTimeout(() => this.abort.abort(), deadlineMs);
    this.timer.unref();
  }

  /** Aborted when the report's deadline passes: other work of the report (HTTPS fetches) ends with it. */
  get deadlineSignal(): AbortSignal {
    return this.abort.signal;
  }

  /** Records of one type, or a DnsError (ENOTFOUND, ENODATA, ETIMEOUT, ...). */
  async lookup<T extends RecordType>(name: string, type: T): Promise<Answer<T>> {
    this.queries++;
    if (this.abort.signal.aborted) {
      this.timeouts++;
      throw new DnsError('ETIMEOUT', name, type, 'report deadline');
    }
    this.begin();
    try {
      const result = await Promise.race([this.resolver.lookup(name, type), this.deadlinePassed]);
      if (result === 'deadline') {
        this.timeouts++;
        throw new DnsError('ETIMEOUT', name, type, 'report deadline');
      }
      const { outcome, source } = result;
      if (source !== 'network') this.cached++;
      if (!outcome.ok) {
        if (outcome.error.code === 'ETIMEOUT') this.timeouts++;
        throw outcome.error;
      }
      return outcome.answer;
    } finally {
      this.end();
    }
  }

  /** The records only. */
  async records<T extends RecordType>(name: string, type: T): Promise<RecordData[T]> {
    return (await this.lookup(name, type)).records;
  }

  /**
   * Starts lookups whose answers a later step will need, so they run now, in parallel, and the later
   * step finds them in the cache. Failures are ignored here; the step that needs the answer sees them.
   */
  prefetch(questions: Array<[name: string, type: RecordType]>): void {
    for (const [name, type] of questions) {
      this.lookup(name, type).catch(() => undefined);
    }
  }

  /** mailauth's resolver contract: records in Node's shapes, errors with .code. */
  readonly mailauthResolver: MailauthResolver = (name, type) => {
    const upper = String(type).toUpperCase();
    if (!isSupported(upper))
      return Promise.reject(new DnsError('EBADRESP', name, 'TXT', `unsupported type ${type}`));
    return this.records(name, upper) as Promise<string[][] | string[]>;
  };

  stats(): DnsStats {
    const busy = this.busyMs + (this.pending > 0 ? Date.now() - this.busySince : 0);
    return {
      queries: this.queries,
      cached: this.cached,
      timeouts: this.timeouts,
      timeMs: busy,
      deadlineReached: this.abort.signal.aborted,
    };
  }

  /** Ends the deadline timer (call when the report is done). */
  close(): void {
    clearTimeout(this.timer);
  }

  private begin(): void {
    if (this.pending++ === 0) this.busySince = Date.now();
  }

  private end(): void {
    if (--this.pending === 0) this.busyMs += Date.now() - this.busySince;
  }
}

const SUPPORTED = new Set<RecordType>(['A', 'AAAA', 'TXT', 'MX', 'PTR', 'CNAME', 'NS']);
const isSupported = (type: string): type is RecordType => SUPPORTED.has(type as RecordType);
