/** An audit context on a fixture DNS server, for the transport and brand sections' tests. */
import type { AuditContext, AuditOptions } from '../../src/audit/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import type { FixtureDnsServer } from './dns-server.js';

export const AUDIT_NOW = new Date('2026-03-01T12:00:00Z');

/**
 * Short per-query timeout and no retry (fixture servers answer at once or never). The session's deadline
 * timer is unref'd, so nothing needs closing.
 */
export function transportContext(
  dns: FixtureDnsServer,
  domain: string,
  options: AuditOptions = {},
  deadlineMs?: number,
): AuditContext {
  const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
  return { domain, dns: new DnsSession(resolver, deadlineMs), now: AUDIT_NOW, options };
}
