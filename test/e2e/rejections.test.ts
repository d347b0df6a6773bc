/**
 * Refusals by a real `mailscore serve` process, as a sending MTA sees them: unknown recipient 550 5.1.1,
 * relay attempt 550 5.7.1, oversize 552, too many connections from one IP 421; and the daily limit of
 * POST /api/tests (429 on the fourth, none with --daily-tests 0, another IP unaffected).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawSmtpClient } from '../intake/smtp-client.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import {
  createTest,
  deliver,
  getTest,
  makeSender,
  request,
  startServe,
  stopAll,
  waitForTest,
  type Sender,
  type ServeProcess,
} from './support.js';

/** The error nodemailer's client rejects with. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

async function refusal(promise: Promise<unknown>): Promise<SmtpError> {
  try {
    await promise;
  } catch (err) {
    return err as SmtpError;
  }
  throw new Error('the server accepted what it should have refused');
}

/** A counter's value in /metrics (Prometheus text), 0 when absent. */
async function metric(serve: ServeProcess, line: string): Promise<number> {
  const res = await request(`${serve.base}/metrics`);
  expect(res.status).toBe(200);
  const found = res.body.split('\n').find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

const MAX_BYTES = 2048;

let dns: FixtureDnsServer;
let sender: Sender;
let serve: ServeProcess;
beforeAll(async () => {
  sender = makeSender();
  dns = await startFixtureDns({ zone: sender.zone });
  serve = await startServe({
    dns,
    args: ['--max-message-bytes', String(MAX_BYTES), '--max-connections-per-ip', '3'],
  });
});
afterAll(async () => {
  await stopAll();
  await dns?.stop();
});

describe('SMTP refusals through the process', () => {
  it('unknown recipient: 550 5.1.1, nothing stored', async () => {
    const address = 'nosuchtestaddressatall0000000@mailscore.test';
    const err = await refusal(
      deliver(serve.smtpPort, [address], await sender.message(address), { tls: 'none' }),
    );
    expect(err.responseCode).toBe(550);
    expect(err.response).toMatch(/^550 5\.1\.1 /);
    expect(await metric(serve, 'mailscore_smtp_rejections_total{reason="unknown_recipient"}')).toBe(1);
  });

  it('a recipient at another domain (relay attempt): 550 5.7.1, never relayed', async () => {
    const test = await createTest(serve);
    const err = await refusal(
      deliver(serve.smtpPort, ['victim@example.org'], await sender.message('victim@example.org'), {
        tls: 'starttls',
      }),
    );
    expect(err.responseCode).toBe(550);
    expect(err.response).toMatch(/^550 5\.7\.1 /);
    expect(await metric(serve, 'mailscore_smtp_rejections_total{reason="relay_denied"}')).toBe(1);
    // A live test's local part at another domain is still a relay attempt, not a delivery.
    const [localPart] = test.address.split('@');
    const other = `${localPart}@example.org`;
    const again = await refusal(
      deliver(serve.smtpPort, [other], await sender.message(other), { tls: 'none' }),
    );
    expect(again.response).toMatch(/^550 5\.7\.1 /);
    expect((await getTest(serve, test.id)).messages).toEqual([]);
  });

  it('a message over --max-message-bytes: 552 5.3.4 (declared with SIZE= or not), nothing stored', async () => {
    const test = await createTest(serve);
    // Over the limit but under the cut-off (twice the limit), where the sender is read to the end of DATA.
    const big = await sender.message(test.address, { body: `${'x'.repeat(70)}\n`.repeat(25) });
    expect(big.length).toBeGreaterThan(MAX_BYTES);
    expect(big.length).toBeLessThan(2 * MAX_BYTES);

    const atData = await refusal(deliver(serve.smtpPort, [test.address], big, { tls: 'none' }));
    expect(atData.responseCode).toBe(552);
    expect(atData.response).toMatch(/^552 5\.3\.4 /);

    // The EHLO reply advertises the limit: nodemailer, asked to declare the size, refuses to send at all…
    const declared = await refusal(
      deliver(serve.smtpPort, [test.address], big, { tls: 'none', declareSize: true }),
    );
    expect(declared.code).toBe('EMESSAGE');
    expect(declared.message).toContain(String(MAX_BYTES));
    // …and a client that declares SIZE= anyway is refused at MAIL FROM, before any data.
    const raw = await RawSmtpClient.connect(serve.smtpPort);
    try {
      expect((await raw.reply()).code).toBe(220);
      const ehlo = await raw.command('EHLO mail.sender.test');
      expect(ehlo.lines).toContain(`SIZE ${MAX_BYTES}`);
      const mailFrom = await raw.command(`MAIL FROM:<a@sender.test> SIZE=${big.length}`);
      expect(mailFrom.code).toBe(552);
    } finally {
      raw.close();
    }
    expect((await getTest(serve, test.id)).messages).toEqual([]);

    // Far over the limit, without SIZE=: the connection is cut with 421 instead of reading on.
    const huge = await sender.message(test.address, { body: `${'x'.repeat(70)}\n`.repeat(200) });
    const cut = await refusal(deliver(serve.smtpPort, [test.address], huge, { tls: 'none' }));
    expect(cut.response ?? cut.message).toMatch(/421 4\.3\.4 /);
    expect((await getTest(serve, test.id)).messages).toEqual([]);

    // A message under the limit still gets in.
    const small = await sender.message(test.address);
    expect(small.length).toBeLessThan(MAX_BYTES);
    await deliver(serve.smtpPort, [test.address], small, { tls: 'none' });
    expect((await waitForTest(serve, test.id)).messages).toHaveLength(1);
  });

  it('one connection more than --max-connections-per-ip from one IP: 421, and room again once one closes', async () => {
    const open: RawSmtpClient[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const client = await RawSmtpClient.connect(serve.smtpPort);
        open.push(client);
        expect((await client.reply()).code).toBe(220);
      }
      const extra = await RawSmtpClient.connect(serve.smtpPort);
      open.push(extra);
      const refused = await extra.reply();
      expect(refused.code).toBe(421);
      expect(refused.text).toMatch(/^4\.7\.0 /);
      expect(await extra.waitClosed()).toBe(true);

      open.shift()!.close();
      // The count goes down when smtp-server sees the close: retry briefly rather than race it.
      let greeting = 0;
      for (let attempt = 0; attempt < 50 && greeting !== 220; attempt++) {
        const client = await RawSmtpClient.connect(serve.smtpPort);
        open.push(client);
        greeting = (await client.reply()).code;
        if (greeting !== 220) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(greeting).toBe(220);
    } finally {
      for (const client of open) client.close();
    }
    expect(
      await metric(serve, 'mailscore_smtp_rejections_total{reason="too_many_connections_per_ip"}'),
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('the daily limit of new tests through the process', () => {
  it('the fourth POST /api/tests from 127.0.0.1 in a day is 429; another IP still gets one', async () => {
    const limited = await startServe({ dns });
    const post = (localAddress?: string) =>
      request(`${limited.base}/api/tests`, { method: 'POST', localAddress });
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(201);
    const fourth = await post();
    expect(fourth.status).toBe(429);
    expect(fourth.headers['content-type']).toMatch(/^application\/json/);
    expect(fourth.json()).toEqual({ error: { code: 'daily_limit', message: expect.any(String) } });
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    // 127.0.0.2 is another client (Linux routes all of 127/8 to loopback).
    expect((await post('127.0.0.2')).status).toBe(201);
    expect((await post()).status).toBe(429);
    await limited.stop();
  });

  it('with --daily-tests 0 there is no limit', async () => {
    const unlimited = await startServe({ dns, args: ['--daily-tests', '0'] });
    for (let i = 0; i < 6; i++) {
      const res = await request(`${unlimited.base}/api/tests`, { method: 'POST' });
      expect(res.status).toBe(201);
    }
    await unlimited.stop();
  });
});
