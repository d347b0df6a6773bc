/**
 * The service (`mailscore serve`): SMTP intake → durable store → analysis worker → HTTP pages and API.
 * Built from its parts here, closed in reverse order.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { BlocklistConfigError, loadBlocklistZones } from '../blocklists/config.js';
import { selectSpamFilter } from '../content/filters/select.js';
import { DnsResolver } from '../dns/resolver.js';
import { resolveServers } from '../dns/servers.js';
import { startSmtp } from '../intake/smtp.js';
import { loadTls } from '../intake/tls.js';
import { openSqliteStore } from '../store/sqlite.js';
import { startHttp } from '../web/server.js';
import { ConfigError, type ServiceConfig } from './config.js';
import { TestEvents } from './events.js';
import { createMetrics } from './metrics.js';
import type { ServiceContext } from './types.js';
import { startWorker } from './worker.js';

export interface RunningService {
  smtpPort: number;
  httpPort: number;
  context: ServiceContext;
  close(): Promise<void>;
}

/** The lists the analyses use; a bad blocklists file is a bad setting. */
function loadServiceBlocklists(file: string | null) {
  try {
    return loadBlocklistZones(file);
  } catch (err) {
    if (err instanceof BlocklistConfigError) throw new ConfigError(err.message);
    throw err;
  }
}

/** How often expired tests and old reports are deleted. */
const CLEANUP_INTERVAL_MS = 10 * 60 * 1000;

export async function startService(
  config: ServiceConfig,
  options: { logger?: Logger; now?: () => Date } = {},
): Promise<RunningService> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  // Parts close in reverse order of start; a start that fails half-way closes what already runs (a
  // listening socket left open would keep the process alive after the error).
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
    closers.length = 0;
  };
  try {
    // The blocklists file before anything is created or opened: a bad one stops the start (exit 2).
    const blocklists = loadServiceBlocklists(config.blocklists);
    try {
      mkdirSync(config.dataDir, { recursive: true });
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new ConfigError(`--data ${config.dataDir}: cannot create the data directory (${why})`);
    }
    // The certificate first: a bad one stops the start before anything is created on disk.
    const tls = await loadTls(config);
    const store = openSqliteStore(join(config.dataDir, 'mailscore.sqlite'));
    closers.push(() => store.close());
    const context: ServiceContext = {
      config,
      logger,
      store,
      resolver: new DnsResolver({ servers: resolveServers(config.dns ?? undefined, {}) }),
      spamFilter: (await selectSpamFilter(config, { log: logger })).engine,
      blocklists,
      events: new TestEvents(),
      metrics: createMetrics(),
      now: options.now ?? (() => new Date()),
    };
    const requeued = await store.requeueInterrupted();
    if (requeued) logger.info({ requeued }, 'resuming analyses interrupted by the last stop');

    const worker = startWorker(context);
    closers.push(() => worker.close());
    const http = await startHttp(context, worker);
    closers.push(() => http.close());
    // SMTP last: mail is accepted only once everything that serves it runs.
    const smtp = await startSmtp(context, tls, worker);
    closers.push(() => smtp.close());

    const cleanup = async () => {
      const now = context.now();
      const reportsBefore = new Date(now.getTime() - config.reportTtlDays * 86_400_000);
      try {
        const deleted = await store.deleteExpired(now, reportsBefore);
        if (deleted.tests || deleted.messages) logger.info(deleted, 'deleted expired tests and old reports');
      } catch (err) {
        logger.error({ err }, 'cleanup failed');
      }
    };
    await cleanup();
    const cleanupTimer = setInterval(() => void cleanup(), CLEANUP_INTERVAL_MS);
    cleanupTimer.unref();
    closers.push(async () => clearInterval(cleanupTimer));

    logger.info(
      {
        smtpPort: smtp.port,
        httpPort: http.port,
        domain: config.domain,
        tls: tls.selfSigned ? 'self-signed' : 'configured',
      },
      'mailscore is listening',
    );
    return { smtpPort: smtp.port, httpPort: http.port, context, close: closeAll };
  } catch (err) {
    await closeAll().catch((closeErr: unknown) =>
      logger.error({ err: closeErr }, 'could not close after a failed start'),
    );
    throw err;
  }
}
