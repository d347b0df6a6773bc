/** Hostile HTTP on a real socket: what Node cannot parse, oversized uploads; the server keeps answering. */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/service/types.js';
import { startHttp } from '../../src/web/server.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { IDLE_WORKER, MESSAGE, testService, ZONE, type TestService } from './api-support.js';

let dns: FixtureDnsServer;
let service: TestService;
let server: RunningServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: ZONE });
  service = testService(dns, { maxMessageBytes: 64 * 1024 });
  server = await startHttp(service.ctx, IDLE_WORKER);
});
afterAll(async () => {
  await server.close();
  await service.cleanup();
  dns.stop();
});

/** Writes `request` on a fresh connection and returns everything the server sent until it closed (or 5 s). */
function exchange(request: string | Buffer, { keepWriting = false } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, 5_000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // The server may close while we still write; what it answered first is what counts.
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.write(request);
    if (keepWriting) socket.write(Buffer.alloc(256 * 1024, 0x61));
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
const jsonOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;

describe('hostile HTTP on a real socket', () => {
  it('gives a listening port when asked for port 0', () => {
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers a malformed request with 400 JSON', async () => {
    const answer = await exchange('GARBAGE\r\n\r\n');
    expect(statusOf(answer)).toBe(400);
    expect(answer).toMatch(/^x-content-type-options: nosniff\r$/m);
    expect(jsonOf(answer)).toEqual({ error: { code: 'bad_request', message: 'malformed HTTP request' } });
  });

  it('answers oversized headers with 431 JSON', async () => {
    const answer = await exchange(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(statusOf(answer)).toBe(431);
    expect(jsonOf(answer)).toMatchObject({ error: { code: 'headers_too_large' } });
  });

  it('refuses an announced oversized upload at once, without reading it', async () => {
    const started = Date.now();
    const answer = await exchange(
      'POST /api/analyze?ip=192.0.2.1 HTTP/1.1\r\nHost: x\r\nContent-Type: message/rfc822\r\n' +
        `Content-Length: ${100 * 1024 * 1024}\r\n\r\n`,
    );
    expect(statusOf(answer)).toBe(413);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a chunked upload that grows past the limit while it arrives', async () => {
    const answer = await exchange(
      'POST /api/analyze?ip=192.0.2.1 HTTP/1.1\r\nHost: x\r\nContent-Type: message/rfc822\r\n' +
        `Transfer-Encoding: chunked\r\n\r\n40000\r\n`,
      { keepWriting: true },
    );
    expect(statusOf(answer)).toBe(413);
  });

  it('takes a message posted without any Content-Type', async () => {
    const answer = await exchange(
      'POST /api/analyze?ip=192.0.2.10 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n' +
        `Content-Length: ${MESSAGE.length}\r\n\r\n${MESSAGE.toString()}`,
    );
    expect(statusOf(answer)).toBe(200);
    expect(jsonOf(answer)).toMatchObject({ schema: 'mailscore.report/1' });
  });

  it('keeps answering afterwards', async () => {
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);
    const report = await fetch(`http://127.0.0.1:${server.port}/api/analyze?ip=192.0.2.10`, {
      method: 'POST',
      body: MESSAGE,
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(report.status).toBe(200);
    expect(((await report.json()) as { schema: string }).schema).toBe('mailscore.report/1');
  });
});
