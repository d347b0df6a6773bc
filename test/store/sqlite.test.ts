/**
 * The SQLite store against real files: limits, expiry, lookup, ordering, the queue, cleanup, corrupt rows,
 * connection settings. Migrations and crash durability have their own files.
 */
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { openDatabase, openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import {
  DAY,
  HOUR,
  T0,
  UNLIMITED,
  at,
  envelope,
  fakeAnalysis,
  newTest,
  rawMessage,
  tempFiles,
} from './fixtures.js';

const files = tempFiles('store');
afterAll(() => files.remove());

const open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

function openStore(file = files.file()): Store {
  const store = openSqliteStore(file);
  open.push(store);
  return store;
}

/** A second, plain connection to look at (or damage) what the store wrote. */
function inspect(file: string): Database.Database {
  const db = new Database(file);
  onTestFinished(() => void db.close());
  return db;
}

describe('connection settings', () => {
  it('uses a WAL journal, fsyncs every commit (synchronous FULL), enforces foreign keys', () => {
    const db = openDatabase(files.file());
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(2); // 2 = INCREMENTAL
    } finally {
      db.close();
    }
  });
});

describe('tests and the daily limit', () => {
  it('stores a test and reads it back as it was', async () => {
    const store = openStore();
    const test = newTest({ creatorIp: '2001:db8::1' });
    expect(await store.createTest(test, UNLIMITED)).toEqual(test);
    expect(await store.getTest(test.id)).toEqual(test);
    expect(await store.getTest('nosuchtest')).toBeNull();
  });

  // Each case: tests the creator already made (hours before T0), then whether one more is allowed at T0.
  const since = at(-DAY);
  const cases: Array<{
    name: string;
    limit: number;
    earlier: Array<{ ip: string; hoursAgo: number }>;
    allowed: boolean;
  }> = [
    {
      name: 'under the limit',
      limit: 3,
      earlier: [
        { ip: 'a', hoursAgo: 1 },
        { ip: 'a', hoursAgo: 2 },
      ],
      allowed: true,
    },
    {
      name: 'at the limit',
      limit: 3,
      earlier: [1, 2, 3].map((h) => ({ ip: 'a', hoursAgo: h })),
      allowed: false,
    },
    {
      name: 'limit 0 is unlimited',
      limit: 0,
      earlier: [1, 2, 3, 4, 5].map((h) => ({ ip: 'a', hoursAgo: h })),
      allowed: true,
    },
    {
      name: 'other IPs do not count',
      limit: 3,
      earlier: [1, 2, 3].map((h) => ({ ip: 'b', hoursAgo: h })),
      allowed: true,
    },
    {
      name: 'tests before the window do not count',
      limit: 3,
      earlier: [1, 25, 26].map((h) => ({ ip: 'a', hoursAgo: h })),
      allowed: true,
    },
    {
      name: 'a test exactly at the window start counts',
      limit: 2,
      earlier: [1, 24].map((h) => ({ ip: 'a', hoursAgo: h })),
      allowed: false,
    },
    { name: 'limit 1', limit: 1, earlier: [{ ip: 'a', hoursAgo: 23 }], allowed: false },
  ];
  it.each(cases)('$name', async ({ limit, earlier, allowed }) => {
    const store = openStore();
    for (const { ip, hoursAgo } of earlier) {
      expect(
        await store.createTest(newTest({ creatorIp: ip, createdAt: at(-hoursAgo * HOUR) }), UNLIMITED),
      ).not.toBeNull();
    }
    const test = newTest({ creatorIp: 'a' });
    const created = await store.createTest(test, { dailyLimit: limit, since });
    expect(created !== null).toBe(allowed);
    expect((await store.getTest(test.id)) !== null).toBe(allowed);
  });

  it('concurrent requests from one IP never pass the limit, even through two connections', async () => {
    const file = files.file();
    const stores = [openStore(file), openStore(file)];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stores[i % 2]!.createTest(newTest({ creatorIp: '203.0.113.9' }), { dailyLimit: 3, since }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
  });
});

describe('finding the live test of a local part', () => {
  const localPart = 'k7xq3mz2abcdefghijklmnopqr';
  const cases: Array<{ name: string; lookup: string; now: Date; used?: boolean; found: boolean }> = [
    { name: 'exact', lookup: localPart, now: T0, found: true },
    { name: 'upper case', lookup: localPart.toUpperCase(), now: T0, found: true },
    { name: 'mixed case', lookup: 'K7Xq3Mz2AbcdefghijklmnopqR', now: T0, found: true },
    { name: 'one character off', lookup: `${localPart.slice(0, -1)}s`, now: T0, found: false },
    { name: 'a prefix', lookup: localPart.slice(0, 10), now: T0, found: false },
    { name: 'empty', lookup: '', now: T0, found: false },
    { name: 'longer than a local part may be', lookup: localPart.repeat(3), now: T0, found: false },
    { name: 'with a LIKE wildcard', lookup: '%', now: T0, found: false },
    { name: 'just before expiry', lookup: localPart, now: at(DAY - 1), found: true },
    { name: 'at expiry, unused', lookup: localPart, now: at(DAY), found: false },
    { name: 'long after expiry, unused', lookup: localPart, now: at(30 * DAY), found: false },
    {
      name: 'after expiry, having received mail',
      lookup: localPart,
      now: at(3 * DAY),
      used: true,
      found: true,
    },
  ];
  it.each(cases)('$name', async ({ lookup, now, used, found }) => {
    const store = openStore();
    const test = newTest({ localPart });
    await store.createTest(test, UNLIMITED);
    if (used) await store.addMessage(test.id, envelope(), rawMessage(), at(HOUR));
    const live = await store.findLiveTestByLocalPart(lookup, now);
    expect(live?.id ?? null).toBe(found ? test.id : null);
  });
});

describe('messages', () => {
  it('keeps the raw bytes exactly and the envelope as given; lists newest first without the bytes', async () => {
    const store = openStore();
    const test = newTest();
    await store.createTest(test, UNLIMITED);
    const nullSender = envelope({ mailFrom: '', tls: null, rcptTo: ['a@x', 'b@x'] });
    // Received out of order, and two at the same millisecond (insertion order breaks the tie).
    const added = [];
    for (const [offset, env] of [
      [2 * HOUR, envelope()],
      [HOUR, nullSender],
      [3 * HOUR, envelope({ helo: 'second' })],
      [3 * HOUR, envelope({ helo: 'third' })],
    ] as const) {
      added.push(await store.addMessage(test.id, env, rawMessage(`at ${offset} ${env.helo}`), at(offset)));
    }
    const listed = await store.listMessages(test.id);
    expect(listed.map((m) => m.id)).toEqual([added[3]!.id, added[2]!.id, added[0]!.id, added[1]!.id]);
    expect(listed[0]).not.toHaveProperty('raw');
    expect(listed[3]).toMatchObject({ envelope: nullSender, status: 'queued', analysis: null, error: null });
    expect(listed[3]!.receivedAt).toEqual(at(HOUR));

    for (const message of added) {
      const raw = await store.getRaw(message.id);
      expect(raw).toEqual(
        rawMessage(`at ${message.receivedAt.getTime() - T0.getTime()} ${message.envelope.helo}`),
      );
      expect(message.size).toBe(raw!.length);
      expect(await store.getMessage(message.id)).toEqual(message);
    }
    expect(await store.getRaw('nosuchmessage')).toBeNull();
    expect(await store.getMessage('nosuchmessage')).toBeNull();
    expect(await store.listMessages('nosuchtest')).toEqual([]);
  });

  it('refuses a message for an unknown test, while the others of the same commit are stored', async () => {
    const store = openStore();
    const test = newTest();
    await store.createTest(test, UNLIMITED);
    // Started together, so they share one group commit.
    const results = await Promise.allSettled([
      store.addMessage(test.id, envelope(), rawMessage('1'), T0),
      store.addMessage('nosuchtest', envelope(), rawMessage('2'), T0),
      store.addMessage(test.id, envelope(), rawMessage('3'), T0),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.listMessages(test.id)).toHaveLength(2);
  });

  it('stores many concurrent messages, each once, with distinct ids', async () => {
    const store = openStore();
    const test = newTest();
    await store.createTest(test, UNLIMITED);
    const records = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        store.addMessage(test.id, envelope(), rawMessage(`n${i}`), at(i)),
      ),
    );
    expect(new Set(records.map((r) => r.id)).size).toBe(150);
    // Listing is bounded: the newest ones only.
    const listed = await store.listMessages(test.id);
    expect(listed.map((m) => m.id)).toEqual(
      records
        .slice(-LIMITS.maxListedMessages)
        .reverse()
        .map((r) => r.id),
    );
    expect(await store.getRaw(records[149]!.id)).toEqual(rawMessage('n149'));
  });

  it('commits a message still waiting for its group commit when the store closes', async () => {
    const file = files.file();
    const store = openSqliteStore(file);
    const test = newTest();
    await store.createTest(test, UNLIMITED);
    const adding = store.addMessage(test.id, envelope(), rawMessage(), T0);
    await store.close();
    const record = await adding;
    const reopened = openStore(file);
    expect(await reopened.getMessage(record.id)).toEqual(record);
    await expect(store.addMessage(test.id, envelope(), rawMessage(), T0)).rejects.toThrow(/closed/);
  });
});

describe('the analysis queue', () => {
  async function withQueued(store: Store, offsets: number[]) {
    const test = newTest();
    await store.createTest(test, UNLIMITED);
    const ids = [];
    for (const offset of offsets)
      ids.push((await store.addMessage(test.id, envelope(), rawMessage(`${offset}`), at(offset))).id);
    return ids;
  }

  it('hands out the oldest queued message first, each once, with its bytes', async () => {
    const store = openStore();
    const [late, early, middle] = await withQueued(store, [3000, 1000, 2000]);
    const claimed = [await store.claimNext(), await store.claimNext(), await store.claimNext()];
    expect(claimed.map((m) => m?.id)).toEqual([early, middle, late]);
    expect(claimed[0]).toMatchObject({ status: 'analyzing', attempts: 1 });
    expect(claimed[0]!.raw).toEqual(rawMessage('1000'));
    expect(await store.claimNext()).toBeNull();
    expect((await store.getMessage(early!))!.status).toBe('analyzing');
  });

  it('finishes a message with its analysis, or fails it with one line', async () => {
    const store = openStore();
    const [a, b] = await withQueued(store, [1, 2]);
    await store.claimNext();
    await store.claimNext();
    await store.finishMessage(a!, fakeAnalysis(9.1), at(HOUR));
    await store.failMessage(
      b!,
      'NotAMessageError: no header fields\n    at parseMessage (parse.ts:298)',
      at(HOUR),
    );
    expect(await store.getMessage(a!)).toMatchObject({
      status: 'done',
      analysis: fakeAnalysis(9.1),
      error: null,
      analyzedAt: at(HOUR),
    });
    expect(await store.getMessage(b!)).toMatchObject({
      status: 'failed',
      analysis: null,
      error: 'NotAMessageError: no header fields at parseMessage (parse.ts:298)',
    });
    expect(await store.claimNext()).toBeNull();
  });

  it('puts interrupted analyses back in the queue and counts every claim', async () => {
    const store = openStore();
    const [a, b, c] = await withQueued(store, [1, 2, 3]);
    await store.claimNext();
    await store.claimNext();
    await store.finishMessage(b!, fakeAnalysis(), T0);
    // a: analyzing (interrupted), b: done, c: queued.
    expect(await store.requeueInterrupted()).toBe(1);
    expect(await store.requeueInterrupted()).toBe(0);
    expect(await store.claimNext()).toMatchObject({ id: a, attempts: 2 });
    expect(await store.claimNext()).toMatchObject({ id: c, attempts: 1 });
    expect((await store.getMessage(b!))!.status).toBe('done');
  });

  it('never gives one message to two stores on the same file', async () => {
    const file = files.file();
    const [first, second] = [openStore(file), openStore(file)];
    const ids = await withQueued(
      first,
      Array.from({ length: 40 }, (_, i) => i),
    );
    const claimed: string[] = [];
    for (;;) {
      const batch = await Promise.all([first.claimNext(), second.claimNext()]);
      if (batch.every((m) => m === null)) break;
      for (const m of batch) if (m) claimed.push(m.id);
    }
    expect(claimed.sort()).toEqual([...ids].sort());
  });
});

describe('cleanup', () => {
  it('deletes unused tests after expiry (and the rate window), used tests with all their messages after the report TTL', async () => {
    const file = files.file();
    const store = openStore(file);
    const now = at(10 * DAY);
    const reportsBefore = at(3 * DAY);
    const make = async (name: string, createdAt: Date, expiresAt: Date, messagesAt: Date[] = []) => {
      const test = newTest({ createdAt, expiresAt, localPart: `${name}${'a'.repeat(26 - name.length)}` });
      await store.createTest(test, UNLIMITED);
      for (const when of messagesAt) await store.addMessage(test.id, envelope(), rawMessage(name), when);
      return test.id;
    };
    const cases = {
      unusedExpiredLongAgo: await make('unusedold', at(8 * DAY), at(9 * DAY)),
      unusedExpiredWithinRateWindow: await make('unusedrecent', at(9.5 * DAY), at(9.9 * DAY)),
      unusedLive: await make('unusedlive', at(9.5 * DAY), at(10.5 * DAY)),
      usedReportsDue: await make('usedold', at(1 * DAY), at(2 * DAY), [at(1.5 * DAY), at(5 * DAY)]),
      usedReportsKept: await make('usedrecent', at(4 * DAY), at(5 * DAY), [at(4.5 * DAY)]),
    };
    const deleted = await store.deleteExpired(now, reportsBefore);
    expect(deleted).toEqual({ tests: 2, messages: 2 });
    const remaining = Object.fromEntries(
      await Promise.all(
        Object.entries(cases).map(async ([name, id]) => [name, (await store.getTest(id)) !== null]),
      ),
    );
    expect(remaining).toEqual({
      unusedExpiredLongAgo: false,
      unusedExpiredWithinRateWindow: true,
      unusedLive: true,
      usedReportsDue: false,
      usedReportsKept: true,
    });
    expect(await store.listMessages(cases.usedReportsDue)).toEqual([]);
    expect(await store.listMessages(cases.usedReportsKept)).toHaveLength(1);
    // The raw bytes went with their messages; nothing is left without its parent.
    const db = inspect(file);
    expect(db.prepare('SELECT COUNT(*) FROM message_raw').pluck().get()).toBe(1);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    // A test kept for the rate window is still not live for mail.
    expect(await store.findLiveTestByLocalPart(`unusedrecent${'a'.repeat(14)}`, now)).toBeNull();
    expect(await store.deleteExpired(now, reportsBefore)).toEqual({ tests: 0, messages: 0 });
  });

  it('gives the space of deleted messages back to the file system', async () => {
    const file = files.file();
    const store = openStore(file);
    const test = newTest();
    await store.createTest(test, UNLIMITED);
    const big = Buffer.alloc(4 * 1024 * 1024, 0x61);
    await store.addMessage(test.id, envelope(), big, T0);
    const db = inspect(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pagesBefore = db.pragma('page_count', { simple: true }) as number;
    await store.deleteExpired(at(30 * DAY), at(20 * DAY));
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pagesAfter = db.pragma('page_count', { simple: true }) as number;
    expect(pagesAfter).toBeLessThan(pagesBefore / 10);
  });
});

describe('corrupt rows', () => {
  async function storedMessage(file: string, done: boolean) {
    const store = openStore(file);
    const test = newTest();
    await store.createTest(test, UNLIMITED);
    const { id } = await store.addMessage(test.id, envelope(), rawMessage(), T0);
    if (done) {
      await store.claimNext();
      await store.finishMessage(id, fakeAnalysis(), T0);
    }
    return { store, id, testId: test.id };
  }

  const damage: Array<{
    name: string;
    column: 'analysis' | 'envelope';
    value: string | null;
    done: boolean;
    error: RegExp;
  }> = [
    {
      name: 'analysis not JSON',
      column: 'analysis',
      value: '{"report": {',
      done: true,
      error: /report is unreadable/,
    },
    {
      name: 'analysis JSON of the wrong shape',
      column: 'analysis',
      value: '[1,2,3]',
      done: true,
      error: /report is unreadable/,
    },
    {
      name: 'analysis missing on a done row',
      column: 'analysis',
      value: null,
      done: true,
      error: /report is unreadable/,
    },
    {
      name: 'envelope not JSON',
      column: 'envelope',
      value: 'garbage',
      done: true,
      error: /envelope is unreadable/,
    },
    {
      name: 'envelope null JSON',
      column: 'envelope',
      value: 'null',
      done: false,
      error: /envelope is unreadable/,
    },
  ];
  it.each(damage)('$name: read as a failed message, never thrown', async ({ column, value, done, error }) => {
    const file = files.file();
    const { store, id, testId } = await storedMessage(file, done);
    inspect(file).prepare(`UPDATE messages SET ${column} = ? WHERE id = ?`).run(value, id);
    const message = await store.getMessage(id);
    expect(message).toMatchObject({ status: 'failed', analysis: null });
    expect(message!.error).toMatch(error);
    expect(await store.listMessages(testId)).toMatchObject([{ id, status: 'failed' }]);
  });

  it('a queued row with a corrupt envelope is claimed as failed (the worker records why)', async () => {
    const file = files.file();
    const { store, id } = await storedMessage(file, false);
    inspect(file).prepare('UPDATE messages SET envelope = ? WHERE id = ?').run('{"clientIp":', id);
    expect(await store.claimNext()).toMatchObject({
      id,
      status: 'failed',
      error: expect.stringMatching(/envelope/),
    });
  });

  it('a stored date that is not a number reads as a valid date', async () => {
    const file = files.file();
    const { store, id } = await storedMessage(file, false);
    inspect(file).prepare("UPDATE messages SET received_at = 'yesterday' WHERE id = ?").run(id);
    const message = await store.getMessage(id);
    expect(Number.isNaN(message!.receivedAt.getTime())).toBe(false);
  });
});
