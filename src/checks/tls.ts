/** TLS in transit: how the message reached us (from the envelope: SMTP intake or --tls). */
import type { CheckContext, CheckOutput } from './types.js';
import { domainOf } from '../names/org-domain.js';

/**
 * Anything below TLS 1.2 is outdated (RFC 8996): every SSL version, TLS 1.0 and 1.1. Node / OpenSSL
 * report them as SSLv3, TLSv1, TLSv1.1; people typing --tls also write "TLS1.0" or "TLS 1.1".
 */
const OUTDATED = /^(ssl|tlsv?1(\.[01])?$)/i;

export function isOutdatedTls(protocol: string): boolean {
  return OUTDATED.test(protocol.trim().replace(/\s+/g, ''));
}

export function checkTls(ctx: CheckContext): CheckOutput<null> {
  const { tls, mailFrom } = ctx.envelope;
  const domain = domainOf(mailFrom) || domainOf(ctx.message.from[0]?.address) || null;
  if (!tls) return { result: null, findings: [{ id: 'tls.none', params: { domain } }] };
  const params = { protocol: tls.protocol, cipher: tls.cipher, domain };
  return { result: null, findings: [{ id: isOutdatedTls(tls.protocol) ? 'tls.old' : 'tls.pass', params }] };
}
