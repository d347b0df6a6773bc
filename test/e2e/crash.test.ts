/**
 * Crash safety of a real `mailscore serve` process: what got a 250 is on disk before the reply, so a
 * kill -9 at that moment loses nothing; the next start on the same data dir analyzes it and the report
 * appears.
 *
 * While the first process runs, the fixture DNS is silent: every lookup waits out the resolver's timeouts,
 * so no analysis can finish for seconds, and one that did would say `temperror`. A report whose SPF and
 * DKIM say `pass` was therefore made by the second process, after the restart — without relying on timing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
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
} from './support.js';

let dns: FixtureDnsServer;
let sender: Sender;
beforeAll(async () => {
  sender = makeSender();
  dns = await startFixtureDns({ zone: sender.zone });
});
afterEach(async () => {
  dns.silent = false;
  await stopAll();
});
afterAll(async () => {
  await dns?.stop();
});

/** The analysis had DNS answers: it ran after the restart, not in the killed process. */
function expectAnalyzedWithDns(report: Report) {
  expect(report.auth.spf.result).toBe('pass');
  expect(report.auth.dkim.map((d) => d.result)).toEqual(['pass']);
  expect(report.auth.dmarc.result).toBe('pass');
}

describe('crash safety', () => {
  it('kill -9 the moment the 250 arrives: after a restart on the same data dir the report appears', async () => {
    const first = await startServe({ dns });
    const test = await createTest(first);
    dns.silent = true;
    const raw = await sender.message(test.address, { subject: 'Survives kill -9' });
    const sent = await deliver(first.smtpPort, [test.address], raw, { tls: 'starttls' });
    expect(sent.response).toMatch(/^250 /);
    expect(await first.kill9()).toBe('SIGKILL');

    dns.silent = false;
    const second = await startServe({ dns, dataDir: first.dataDir });
    const state = await waitForTest(second, test.id);
    expect(state.messages).toHaveLength(1);
    expect(state.report!.message.subject).toBe('Survives kill -9');
    expect(state.report!.envelope).toMatchObject({ clientIp: '127.0.0.1', tls: sent.tls });
    expectAnalyzedWithDns(state.report!);
    // The stored bytes are exactly what was sent.
    const stored = await request(`${second.base}/api/tests/${test.id}/raw`);
    expect(stored.status).toBe(200);
    expect(stored.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(stored.raw.equals(raw)).toBe(true);
    // A clean stop after all that.
    expect(await second.stop()).toBe(0);
    expect(second.logs.map((l) => l.msg)).toContain('stopping');
  });

  it('kill -9 during an analysis: the interrupted analysis is resumed at the next start', async () => {
    const first = await startServe({ dns });
    const test = await createTest(first);
    dns.silent = true;
    await deliver(first.smtpPort, [test.address], await sender.message(test.address), { tls: 'none' });
    await waitForTest(first, test.id, (s) => s.progress === 'analyzing', 5_000);
    await first.kill9();

    dns.silent = false;
    const second = await startServe({ dns, dataDir: first.dataDir });
    expect(second.logs).toContainEqual(
      expect.objectContaining({ msg: 'resuming analyses interrupted by the last stop', requeued: 1 }),
    );
    const state = await waitForTest(second, test.id);
    expect(state.failed).toBe(false);
    expect(state.report!.envelope.tls).toBeNull();
    expectAnalyzedWithDns(state.report!);
  });

  it('messages accepted while the worker is busy are never lost: every 250 has its stored message', async () => {
    const first = await startServe({ dns, args: ['--workers', '1', '--daily-tests', '0'] });
    const tests = await Promise.all([createTest(first), createTest(first), createTest(first)]);
    dns.silent = true;
    // Nine messages over three tests, three connections at a time, while the one worker waits on DNS.
    const sent: Array<{ testId: string; subject: string; raw: Buffer }> = [];
    for (let round = 0; round < 3; round++) {
      await Promise.all(
        tests.map(async (test, i) => {
          const subject = `round ${round} test ${i}`;
          const raw = await sender.message(test.address, { subject });
          const delivery = await deliver(first.smtpPort, [test.address], raw, {
            tls: round % 2 ? 'starttls' : 'none',
          });
          expect(delivery.response).toMatch(/^250 /);
          sent.push({ testId: test.id, subject, raw });
        }),
      );
    }
    const before = (await Promise.all(tests.map((t) => getTest(first, t.id)))).flatMap((s) => s.messages);
    expect(before).toHaveLength(9);
    // The premise: messages came in while the worker was busy with another.
    expect(before.filter((m) => m.status === 'queued').length).toBeGreaterThan(0);
    await first.kill9();

    dns.silent = false;
    const second = await startServe({ dns, dataDir: first.dataDir, args: ['--workers', '1'] });
    for (const test of tests) {
      const state = await waitForTest(
        second,
        test.id,
        (s) => s.messages.length === 3 && s.messages.every((m) => m.status === 'done'),
      );
      const mine = sent.filter((m) => m.testId === test.id);
      const subjects: string[] = [];
      for (const message of state.messages) {
        const raw = await request(`${second.base}/api/tests/${test.id}/raw?message=${message.id}`);
        expect(mine.some((m) => raw.raw.equals(m.raw))).toBe(true);
        const shown = await getTest(second, test.id, `?message=${message.id}`);
        expectAnalyzedWithDns(shown.report!);
        subjects.push(shown.report!.message.subject!);
      }
      expect(subjects.sort()).toEqual(mine.map((m) => m.subject).sort());
    }
  });
});
