/** What the service's parts share: each part gets only the pieces it uses from this. */
import type { BlocklistZone } from '../blocklists/types.js';
import type { Logger } from 'pino';
import type { SpamFilterEngine } from '../content/filters/types.js';
import type { DnsResolver } from '../dns/resolver.js';
import type { Store } from '../store/types.js';
import type { ServiceConfig } from './config.js';
import type { TestEvents } from './events.js';
import type { Metrics } from './metrics.js';

export interface ServiceContext {
  config: ServiceConfig;
  logger: Logger;
  store: Store;
  /** Shared by every analysis: one cache, one in-flight table. */
  resolver: DnsResolver;
  /** The content filter the analyses use, chosen at start (absent: the built-in rules). */
  spamFilter?: SpamFilterEngine;
  /** The DNS blocklists in use (absent: the default set). */
  blocklists?: readonly BlocklistZone[];
  events: TestEvents;
  metrics: Metrics;
  /** The clock (tests move it). */
  now: () => Date;
}

/** A listening server. */
export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** The analysis queue: wake() after a message is stored. */
export interface AnalysisWorker {
  wake(): void;
  /** Finishes the analyses in progress (bounded wait), then stops. */
  close(): Promise<void>;
}
