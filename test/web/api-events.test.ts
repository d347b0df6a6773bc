/** Live updates (server-sent events) on a real listening server: the sequence, the bounds, the close. */
import { request, type IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import type { TestEvent } from '../../src/service/events.js';
import type { RunningServer } from '../../src/service/types.js';
import { startWorker } from '../../src/service/worker.js';
import { startHttp } from '../../src/web/server.js';
import { Slots } from '../../src/web/api/slots.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { IDLE_WORKER, START, testService, ZONE, type TestService } from './api-support.js';

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: ZONE });
});
afterAll(() => dns.stop());

let service: TestService;
let server: RunningServer;
/** Subscriptions currently open on the event bus (to see that closed streams unsubscribe). */
let subscribed = 0;

async function setUp() {
  service = testService(dns);
  const events = service.ctx.events;
  const subscribe = events.subscribe.bind(events);
  events.subscribe = (testId: string, listener: (event: TestEvent) => void) => {
    subscribed += 1;
    const unsubscribe = subscribe(testId, listener);
    return () => {
      subscribed -= 1;
      unsubscribe();
    };
  };
  server = await startHttp(service.ctx, IDLE_WORKER);
}
afterEach(async () => {
  await server?.close();
  await service?.cleanup();
});

interface Stream {
  response: IncomingMessage;
  /** Every `state` event so far, and the raw text. */
  states: string[];
  text: () => string;
  /** Resolves once `count` state events have arrived. */
  waitFor(count: number): Promise<string[]>;
  ended: Promise<void>;
  close(): void;
}

function open(path: string, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (response) => {
      let text = '';
      const states: string[] = [];
      const waiters: Array<() => void> = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        const found = [...text.matchAll(/^event: state\ndata: (.*)\n\n/gm)].map(
          (m) => (JSON.parse(m[1]!) as { state: string }).state,
        );
        states.splice(0, states.length, ...found);
        waiters.splice(0).forEach((wake) => wake());
      });
      const ended = new Promise<void>((done) => response.on('close', done));
      resolve({
        response,
        states,
        text: () => text,
        ended,
        close: () => req.destroy(),
        waitFor: (count) =>
          new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`only ${states.join(',')} after 5 s`)), 5_000);
            const check = () => {
              if (states.length >= count) {
                clearTimeout(timer);
                done([...states]);
              } else waiters.push(check);
            };
            check();
          }),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function newTestId(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/tests`, { method: 'POST' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
};

describe('GET /api/tests/:id/events', () => {
  it('sends the current state at once, then waiting → received → analyzing → done', async () => {
    await setUp();
    const id = await newTestId();
    const stream = await open(`/api/tests/${id}/events`);
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers['cache-control']).toBe('no-store');
    expect(stream.response.headers['x-content-type-options']).toBe('nosniff');
    expect(await stream.waitFor(1)).toEqual(['waiting']);
    expect(stream.text()).toMatch(/^retry: \d+\n\n/);
    await service.deliver(id);
    await service.analyzeNext();
    expect(await stream.waitFor(4)).toEqual(['waiting', 'received', 'analyzing', 'done']);
    // A page opened later starts from where the test is.
    const later = await open(`/api/tests/${id}/events`);
    expect(await later.waitFor(1)).toEqual(['done']);
    // The data names the message.
    const [, data] = /event: state\ndata: (.*)\n\n$/.exec(stream.text())!;
    expect(JSON.parse(data!)).toMatchObject({
      state: 'done',
      messageId: expect.stringMatching(/^[a-z2-7]{26}$/),
    });
    stream.close();
    later.close();
  });

  it('follows the real analysis worker to done', async () => {
    await setUp();
    const worker = startWorker(service.ctx);
    try {
      const id = await newTestId();
      const stream = await open(`/api/tests/${id}/events`);
      await stream.waitFor(1);
      await service.deliver(id);
      worker.wake();
      expect(await stream.waitFor(4)).toEqual(['waiting', 'received', 'analyzing', 'done']);
      const view = (await (await fetch(`http://127.0.0.1:${server.port}/api/tests/${id}`)).json()) as {
        status: string;
        report: { schema: string } | null;
      };
      expect(view.status).toBe('done');
      expect(view.report?.schema).toBe('mailscore.report/1');
      stream.close();
    } finally {
      await worker.close();
    }
  });

  it('unsubscribes when the client goes away', async () => {
    await setUp();
    const id = await newTestId();
    const streams = await Promise.all([1, 2, 3].map(() => open(`/api/tests/${id}/events`)));
    await Promise.all(streams.map((s) => s.waitFor(1)));
    expect(subscribed).toBe(3);
    streams.forEach((s) => s.close());
    await until(() => subscribed === 0);
  });

  it('tells a waiting page when its unused address expires', async () => {
    await setUp();
    const id = await newTestId();
    // The address expires 24 h after START: put the clock 300 ms before that.
    service.setNow(new Date(START.getTime() + 24 * 3_600_000 - 300));
    const stream = await open(`/api/tests/${id}/events`);
    expect(await stream.waitFor(2)).toEqual(['waiting', 'expired']);
    stream.close();
  });

  it('bounds the streams one client may hold open', async () => {
    await setUp();
    const id = await newTestId();
    const streams = await Promise.all(
      Array.from({ length: LIMITS.sseMaxStreamsPerIp }, () => open(`/api/tests/${id}/events`)),
    );
    await Promise.all(streams.map((s) => s.waitFor(1)));
    const refused = await open(`/api/tests/${id}/events`);
    expect(refused.response.statusCode).toBe(429);
    await refused.ended;
    expect(JSON.parse(refused.text())).toMatchObject({ error: { code: 'too_many_streams' } });
    streams[0]!.close();
    await until(() => subscribed === LIMITS.sseMaxStreamsPerIp - 1);
    const again = await open(`/api/tests/${id}/events`);
    expect(again.response.statusCode).toBe(200);
    streams.forEach((s) => s.close());
    again.close();
  });

  it('answers 404 JSON for an unknown test', async () => {
    await setUp();
    const stream = await open(`/api/tests/${'a'.repeat(26)}/events`);
    expect(stream.response.statusCode).toBe(404);
    await stream.ended;
    expect(JSON.parse(stream.text())).toMatchObject({ error: { code: 'not_found' } });
  });

  it('ends open streams when the server closes, without waiting for them', async () => {
    await setUp();
    const id = await newTestId();
    const stream = await open(`/api/tests/${id}/events`);
    await stream.waitFor(1);
    const started = Date.now();
    await server.close();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(subscribed).toBe(0);
  });
});

describe('Slots', () => {
  it('bounds holders per key and in total, and frees a slot once however often it is released', () => {
    const slots = new Slots(3, 2);
    const a1 = slots.tryAcquire('a');
    const a2 = slots.tryAcquire('a');
    expect(slots.tryAcquire('a')).toEqual({ refused: 'key' });
    const b1 = slots.tryAcquire('b');
    expect(slots.tryAcquire('c')).toEqual({ refused: 'total' });
    if (!('release' in a1) || !('release' in a2) || !('release' in b1)) throw new Error('no slot');
    a1.release();
    a1.release();
    expect(slots.inUse).toBe(2);
    expect('release' in slots.tryAcquire('c')).toBe(true);
    expect(slots.tryAcquire('a')).toEqual({ refused: 'total' });
  });
});
