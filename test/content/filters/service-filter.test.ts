/**
 * The service chooses its content filter at start, says so in the log, and every analysis uses it: the
 * worker (SMTP intake) and POST /api/analyze. A fake spamd on 127.0.0.1 answers PING and REPORT.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/types.js';
import { startService } from '../../../src/service/app.js';
import { loadConfig } from '../../../src/service/config.js';

const BODY = 'x\n\n pts rule name  description\n---- --------- -----------\n 1.1 SOME_RULE  Something\n';
const requests: string[] = [];
const spamd = net.createServer({ allowHalfOpen: true }, (socket) => {
  let request = '';
  socket.on('data', (chunk: Buffer) => (request += chunk.toString('latin1')));
  socket.on('end', () => {
    requests.push(request.split('\r\n')[0]!);
    socket.end(
      request.startsWith('PING')
        ? 'SPAMD/1.5 0 PONG\r\n'
        : `SPAMD/1.1 0 EX_OK\r\nContent-length: ${BODY.length}\r\nSpam: False ; 1.1 / 5.0\r\n\r\n${BODY}`,
    );
  });
});
await new Promise<void>((done) => spamd.listen(0, '127.0.0.1', done));
const SPAMD = `127.0.0.1:${(spamd.address() as net.AddressInfo).port}`;

const dir = mkdtempSync(join(tmpdir(), 'mailscore-filter-service-'));
const logLines: Array<{ msg: string; engine?: string; at?: string }> = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString()) as (typeof logLines)[number]);
      done();
    },
  }),
);
const config = {
  ...loadConfig({ env: { MAILSCORE_SPAMD: SPAMD }, file: null }),
  dataDir: dir,
  httpPort: 0,
  smtpPort: 0,
  listen: '127.0.0.1',
  // DNS to a closed port: the lookups fail at once (the filter is what this test is about).
  dns: '127.0.0.1:9',
};
const service = await startService(config, { logger });
afterAll(async () => {
  await service.close();
  await new Promise((done) => spamd.close(done));
  rmSync(dir, { recursive: true, force: true });
});

describe('the service and its content filter', () => {
  it('pings the configured spamd once at start and logs the choice', () => {
    expect(requests[0]).toBe('PING SPAMC/1.5');
    expect(logLines).toContainEqual(
      expect.objectContaining({
        msg: `content filter: spamassassin at ${SPAMD}`,
        engine: 'spamassassin',
        at: SPAMD,
      }),
    );
  });

  it('POST /api/analyze uses it', async () => {
    const response = await fetch(`http://127.0.0.1:${service.httpPort}/api/analyze?ip=192.0.2.1`, {
      method: 'POST',
      body: 'From: a@example.com\r\nSubject: hi\r\nMessage-ID: <1@example.com>\r\n\r\nhello\r\n',
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    expect(report.spamFilter).toEqual({
      engine: 'spamassassin',
      score: 1.1,
      threshold: 5,
      rules: [{ name: 'SOME_RULE', score: 1.1, description: 'Something' }],
    });
    expect(requests).toContain('REPORT SPAMC/1.5');
  });

  it('a message delivered over SMTP is analyzed with it (the worker)', async () => {
    const created = (await (
      await fetch(`http://127.0.0.1:${service.httpPort}/api/tests`, { method: 'POST' })
    ).json()) as { id: string; address: string };
    const done = new Promise<void>((resolve) => {
      const stop = service.context.events.subscribe(created.id, (event) => {
        if (event.state === 'done') {
          stop();
          resolve();
        }
      });
    });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: service.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      envelope: { from: 'a@example.com', to: [created.address] },
      raw: `From: a@example.com\r\nTo: ${created.address}\r\nSubject: hi\r\nMessage-ID: <2@example.com>\r\n\r\nhello\r\n`,
    });
    transport.close();
    await done;
    const view = (await (
      await fetch(`http://127.0.0.1:${service.httpPort}/api/tests/${created.id}`)
    ).json()) as {
      report: Report;
    };
    expect(view.report.spamFilter).toMatchObject({ engine: 'spamassassin', score: 1.1 });
  });
});
