/** A DNS server that never answers: the report still arrives by the deadline, with temperror results. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DnsResolver } from '../../src/dns/resolver.js';
import { analyzeMessage } from '../../src/pipeline/analyze.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ silent: true });
});
afterAll(() => dns.stop());

const message = [
  'From: Alice <alice@example.com>',
  'To: test@mailscore.test',
  'Subject: deadline',
  'Date: Mon, 1 Jan 2024 00:00:00 +0000',
  'Message-ID: <deadline@example.com>',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel; h=from:to:subject;',
  ' bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=dGVzdA==',
  '',
  'Hello.',
  '',
].join('\r\n');

it('ends every pending lookup at the deadline and still produces the report', async () => {
  // Per-query timeout (5 s × 2 attempts) far beyond the deadline: only the deadline can end the lookups.
  const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 5_000, retries: 1 });
  const deadlineMs = 1_500;
  const started = Date.now();
  const report = await analyzeMessage(
    Buffer.from(message),
    { clientIp: '192.0.2.25', helo: 'mail.example.com', mailFrom: 'alice@example.com' },
    { resolver, lang: 'en', deadlineMs },
  );
  const elapsed = Date.now() - started;
  expect(elapsed).toBeGreaterThanOrEqual(deadlineMs - 50);
  expect(elapsed).toBeLessThan(deadlineMs + 1_500);
  expect(dns.queries.length).toBeGreaterThan(0);
  expect(report.dns.deadlineReached).toBe(true);
  expect(report.auth.spf.result).toBe('temperror');
  expect(report.auth.dmarc.result).toBe('temperror');
  expect(report.auth.iprev.result).toBe('temperror');
  expect(report.auth.dkim[0]?.result).toBe('temperror');
  expect(report.checks.map((c) => c.id)).toEqual(
    expect.arrayContaining(['spf.temperror', 'dmarc.temperror', 'iprev.temperror', 'dkim.temperror']),
  );
});
