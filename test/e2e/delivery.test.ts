/**
 * A real `mailscore serve` process, real SMTP from nodemailer (plain and STARTTLS), the fixture DNS for the
 * sender's domain: the report's envelope and TLS fields are what the client did, live progress over SSE,
 * and the report in Japanese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import {
  createTest,
  deliver,
  getTest,
  makeSender,
  openEventStream,
  request,
  SENDER_DOMAIN,
  SENDER_HELO,
  SENDER_MAIL_FROM,
  SENDER_FROM,
  startServe,
  stopAll,
  waitForTest,
  type Sender,
  type ServeProcess,
} from './support.js';

let dns: FixtureDnsServer;
let sender: Sender;
let serve: ServeProcess;
beforeAll(async () => {
  sender = makeSender();
  dns = await startFixtureDns({ zone: sender.zone });
  serve = await startServe({ dns, args: ['--daily-tests', '0'] });
});
afterAll(async () => {
  await stopAll();
  await dns?.stop();
});

/** What every delivery from the sender domain must show, whatever the transport. */
function expectAuthenticated(report: NonNullable<Awaited<ReturnType<typeof getTest>>['report']>) {
  expect(report.schema).toBe('mailscore.report/1');
  expect(report.message.from).toContain(SENDER_FROM);
  expect(report.auth.spf).toMatchObject({ result: 'pass', domain: SENDER_DOMAIN });
  expect(report.auth.dkim).toEqual([
    expect.objectContaining({ result: 'pass', domain: SENDER_DOMAIN, selector: 'sel', aligned: true }),
  ]);
  expect(report.auth.dmarc).toMatchObject({
    result: 'pass',
    policy: 'reject',
    spfAligned: true,
    dkimAligned: true,
  });
  // Loopback is no public sender's address: reverse DNS is not judged (and not asked).
  expect(report.auth.iprev).toMatchObject({ result: 'none', ptr: [] });
  expect(report.checks.map((c) => c.id)).toContain('iprev.not-public');
  expect(report.gmail).toMatchObject({
    questionMark: false,
    via: null,
    mailedBy: SENDER_DOMAIN,
    signedBy: SENDER_DOMAIN,
  });
}

describe('delivery to a real mailscore serve process', () => {
  it('without TLS: the report has the envelope nodemailer sent, tls null and Gmail’s red padlock', async () => {
    const test = await createTest(serve);
    expect(test.address).toMatch(/^[a-z2-7]{26,}@mailscore\.test$/);
    const sent = await deliver(serve.smtpPort, [test.address], await sender.message(test.address), {
      tls: 'none',
    });
    expect(sent.response).toMatch(/^250 /);
    expect(sent.tls).toBeNull();

    const { report, messages } = await waitForTest(serve, test.id);
    expect(messages).toHaveLength(1);
    expect(report!.envelope).toEqual({
      clientIp: '127.0.0.1',
      helo: SENDER_HELO,
      mailFrom: SENDER_MAIL_FROM,
      rcptTo: [test.address],
      tls: null,
      clientIpSource: { kind: 'smtp' },
    });
    expect(report!.gmail.redLock).toBe(true);
    expect(report!.checks.find((c) => c.id.startsWith('tls.'))?.status).toMatch(/warn|fail/);
    expectAuthenticated(report!);
  });

  it('with STARTTLS: the report has the protocol and cipher the client’s socket negotiated, no red padlock', async () => {
    const test = await createTest(serve);
    const sent = await deliver(serve.smtpPort, [test.address], await sender.message(test.address), {
      tls: 'starttls',
    });
    expect(sent.tls).not.toBeNull();
    expect(sent.tls!.protocol).toBe('TLSv1.3');

    const { report } = await waitForTest(serve, test.id);
    expect(report!.envelope).toEqual({
      clientIp: '127.0.0.1',
      helo: SENDER_HELO,
      mailFrom: SENDER_MAIL_FROM,
      rcptTo: [test.address],
      tls: sent.tls,
      clientIpSource: { kind: 'smtp' },
    });
    expect(report!.gmail.redLock).toBe(false);
    expectAuthenticated(report!);
  });

  it('with STARTTLS pinned to TLS 1.2 and one cipher: exactly those are reported', async () => {
    const test = await createTest(serve);
    const cipher = 'ECDHE-RSA-AES256-GCM-SHA384';
    const sent = await deliver(serve.smtpPort, [test.address], await sender.message(test.address), {
      tls: 'starttls',
      tlsOptions: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: cipher },
    });
    expect(sent.tls).toEqual({ protocol: 'TLSv1.2', cipher });
    const { report } = await waitForTest(serve, test.id);
    expect(report!.envelope.tls).toEqual({ protocol: 'TLSv1.2', cipher });
    expect(report!.gmail.redLock).toBe(false);
  });

  it('?lang=ja gives the same report in Japanese words', async () => {
    const test = await createTest(serve);
    await deliver(serve.smtpPort, [test.address], await sender.message(test.address), { tls: 'starttls' });
    const en = (await waitForTest(serve, test.id)).report!;
    const jaResponse = await request(`${serve.base}/api/tests/${test.id}?lang=ja`);
    expect(jaResponse.status).toBe(200);
    expect(jaResponse.headers['content-language']).toBe('ja');
    const ja = jaResponse.json<{ report: typeof en }>().report;

    // The same facts…
    expect(ja.score).toBe(en.score);
    expect(ja.envelope).toEqual(en.envelope);
    expect(ja.auth).toEqual(en.auth);
    expect(ja.checks.map((c) => [c.id, c.status, c.deduction])).toEqual(
      en.checks.map((c) => [c.id, c.status, c.deduction]),
    );
    // …in other words: every title is Japanese (kana or kanji), and differs from the English one.
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    expect(ja.checks.length).toBeGreaterThan(0);
    for (const [i, check] of ja.checks.entries()) {
      expect(check.title, check.id).toMatch(japanese);
      expect(check.title).not.toBe(en.checks[i]!.title);
    }
    expect(en.checks.some((c) => japanese.test(c.title))).toBe(false);
  });

  it('the SSE stream shows waiting → received → analyzing → done for a real delivery', async () => {
    const test = await createTest(serve);
    const stream = await openEventStream(serve, test.id);
    try {
      expect(stream.states).toEqual(['waiting']);
      await deliver(serve.smtpPort, [test.address], await sender.message(test.address), { tls: 'none' });
      const states = await stream.until('done');
      expect(states).toEqual(['waiting', 'received', 'analyzing', 'done']);
      expect((await getTest(serve, test.id)).status).toBe('done');
    } finally {
      stream.close();
    }
  });

  it('keeps every message sent to one address and shows the newest', async () => {
    const test = await createTest(serve);
    await deliver(serve.smtpPort, [test.address], await sender.message(test.address, { subject: 'First' }), {
      tls: 'none',
    });
    await waitForTest(serve, test.id);
    await deliver(serve.smtpPort, [test.address], await sender.message(test.address, { subject: 'Second' }), {
      tls: 'starttls',
    });
    const state = await waitForTest(
      serve,
      test.id,
      (s) => s.messages.length === 2 && s.messages.every((m) => m.status === 'done'),
    );
    expect(state.report!.message.subject).toBe('Second');
    expect(state.report!.envelope.tls).not.toBeNull();
    expect(state.messageId).toBe(state.messages[0]!.id);
    const first = await getTest(serve, test.id, `?message=${state.messages[1]!.id}`);
    expect(first.report!.message.subject).toBe('First');
    expect(first.report!.envelope.tls).toBeNull();
  });
});
