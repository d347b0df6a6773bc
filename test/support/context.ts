/** Building blocks the check tests share: a check context on a fixture DNS server, result values. */
import type { CheckContext } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { parseMessage } from '../../src/message/parse.js';
import type { AuthResult, DkimSignatureAuth, Envelope } from '../../src/report/types.js';
import type { FixtureDnsServer } from './dns-server.js';

const EMPTY_ENVELOPE: Envelope = { clientIp: '192.0.2.1', helo: null, mailFrom: null, rcptTo: [], tls: null };

/**
 * A context for one check on a raw message, asking `dns` with a short timeout and no retry (fixture
 * servers answer at once or never). The session's deadline timer is unref'd, so nothing needs closing.
 */
export async function contextFor(
  raw: Buffer,
  dns: FixtureDnsServer,
  options: { envelope?: Partial<Envelope>; now?: Date; timeoutMs?: number } = {},
): Promise<CheckContext> {
  const resolver = new DnsResolver({
    servers: [dns.server],
    // 1 s: the fixture answers in about a millisecond, but a loaded CI machine has stalled it for hundreds.
    timeoutMs: options.timeoutMs ?? 1_000,
    retries: 0,
  });
  return {
    message: await parseMessage(raw),
    envelope: { ...EMPTY_ENVELOPE, ...options.envelope },
    dns: new DnsSession(resolver),
    now: options.now ?? new Date(),
  };
}

/** A DKIM signature result as the DKIM check reports it. */
export const signatureAuth = (
  domain: string,
  result: AuthResult,
  overrides: Partial<DkimSignatureAuth> = {},
): DkimSignatureAuth => ({
  result,
  domain,
  selector: 'sel',
  algorithm: 'rsa-sha256',
  keyBits: 2048,
  aligned: false,
  reason: null,
  bodyLength: null,
  testing: false,
  expired: false,
  skipped: false,
  ...overrides,
});
