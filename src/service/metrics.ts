/** Prometheus metrics (/metrics). One registry per service, so tests can run several services in one process. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    messagesReceived: new Counter({
      name: 'mailscore_messages_received_total',
      help: 'Messages accepted over SMTP (after they were stored).',
      registers: [registry],
    }),
    smtpRejections: new Counter({
      name: 'mailscore_smtp_rejections_total',
      help: 'SMTP commands or messages refused, by reason.',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    reportsProduced: new Counter({
      name: 'mailscore_reports_total',
      help: 'Analyses finished, by outcome (done, failed).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    analysisSeconds: new Histogram({
      name: 'mailscore_analysis_seconds',
      help: 'Time from the start of an analysis to its report.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
      registers: [registry],
    }),
    dnsQueries: new Counter({
      name: 'mailscore_dns_queries_total',
      help: 'DNS lookups made by analyses (cached or not).',
      registers: [registry],
    }),
    testsCreated: new Counter({
      name: 'mailscore_tests_created_total',
      help: 'Test addresses handed out.',
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'mailscore_rate_limited_total',
      help: 'New tests refused by the daily limit.',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
