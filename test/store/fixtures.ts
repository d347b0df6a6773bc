/** What the store tests share: a temporary directory per test file, tests and messages to put in. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Analysis } from '../../src/pipeline/analyze.js';
import type { Envelope } from '../../src/report/types.js';
import { randomId } from '../../src/service/ids.js';
import type { NewTest } from '../../src/store/types.js';

export const T0 = new Date('2025-03-01T12:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

/** A directory removed after the file's tests; each call of `file()` is a fresh database path in it. */
export function tempFiles(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `mailscore-${prefix}-`));
  let n = 0;
  return {
    dir,
    file: () => join(dir, `db-${++n}.sqlite`),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function newTest(overrides: Partial<NewTest> = {}): NewTest {
  const localPart = overrides.localPart ?? randomId();
  return {
    id: randomId(),
    localPart,
    address: `${localPart}@mailscore.test`,
    creatorIp: '192.0.2.1',
    createdAt: T0,
    expiresAt: at(DAY),
    ...overrides,
  };
}

export const UNLIMITED = { dailyLimit: 0, since: new Date(0) };

export function envelope(overrides: Partial<Envelope> = {}): Envelope {
  return {
    clientIp: '198.51.100.7',
    helo: 'mail.example.com',
    mailFrom: 'sender@example.com',
    rcptTo: ['x@mailscore.test'],
    tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
    ...overrides,
  };
}

/** Bytes a text column would mangle: 8-bit, NUL, a lone CR. */
export const rawMessage = (body = 'hello') =>
  Buffer.concat([
    Buffer.from(`Subject: t\r\n\r\n${body}\r\n`),
    Buffer.from([0x00, 0xff, 0x0d, 0xe3, 0x81, 0x82]),
  ]);

/** An analysis shaped as the pipeline stores it (only what the store reads back matters here). */
export function fakeAnalysis(score = 7.5): Analysis {
  return {
    report: {
      schema: 'mailscore.report/1',
      score,
      checks: [],
    },
    findings: [{ id: 'spf.pass' }],
  } as unknown as Analysis;
}
