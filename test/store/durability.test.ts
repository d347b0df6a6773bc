/**
 * What is committed stays: across close and reopen, across a SIGKILL right after addMessage resolves, and
 * with several processes taking work from one file. Child processes run the compiled store (npm test builds
 * first; dist/ must be current).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { T0, UNLIMITED, envelope, fakeAnalysis, newTest, rawMessage, tempFiles } from './fixtures.js';

const files = tempFiles('durability');
afterAll(() => files.remove());

const COMPILED_STORE = new URL('../../dist/src/store/sqlite.js', import.meta.url).href;

interface ChildResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs an ES module script in a new Node process, with the compiled store importable as STORE_URL. */
function runChild(script: string, args: string[] = []): Promise<ChildResult> {
  if (!existsSync(fileURLToPath(COMPILED_STORE)))
    throw new Error('dist/ is missing: run `npm run build` first');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', script, '--', COMPILED_STORE, ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ stdout, stderr, code, signal }));
  });
}

describe('durability', () => {
  it('keeps tests, messages and reports across close and reopen', async () => {
    const file = files.file();
    const first = openSqliteStore(file);
    const test = newTest();
    await first.createTest(test, UNLIMITED);
    const done = await first.addMessage(test.id, envelope(), rawMessage('one'), T0);
    const queued = await first.addMessage(test.id, envelope({ helo: 'two' }), rawMessage('two'), T0);
    await first.claimNext();
    await first.finishMessage(done.id, fakeAnalysis(8), T0);
    await first.close();

    const second = openSqliteStore(file);
    try {
      expect(await second.getTest(test.id)).toEqual(test);
      expect(await second.getMessage(done.id)).toMatchObject({ status: 'done', analysis: fakeAnalysis(8) });
      expect(await second.getMessage(queued.id)).toEqual(queued);
      expect(await second.getRaw(queued.id)).toEqual(rawMessage('two'));
      expect(await second.claimNext()).toMatchObject({ id: queued.id });
    } finally {
      await second.close();
    }
  });

  it('keeps a message whose addMessage resolved in a process killed with SIGKILL the moment after', async () => {
    const file = files.file();
    const setup = openSqliteStore(file);
    const test = newTest();
    await setup.createTest(test, UNLIMITED);
    await setup.close();

    // The child stores a 10 KB message, says its id, and dies at once: no close, no checkpoint, no exit handlers.
    const script = `
      import { writeSync } from 'node:fs';
      const [storeUrl, file, testId] = process.argv.slice(-3);
      const { openSqliteStore } = await import(storeUrl);
      const store = openSqliteStore(file);
      const raw = Buffer.concat([Buffer.from('Subject: kill -9\\r\\n\\r\\n'), Buffer.alloc(10 * 1024, 0x7a)]);
      const env = { clientIp: '192.0.2.44', helo: 'h', mailFrom: 'a@b.example', rcptTo: ['x@y'], tls: null };
      const record = await store.addMessage(testId, env, raw, new Date());
      writeSync(1, record.id + '\\n');
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = await runChild(script, [file, test.id]);
    expect(child.stderr).toBe('');
    expect(child.signal).toBe('SIGKILL');
    const messageId = child.stdout.trim();
    expect(messageId).toMatch(/^[a-z2-7]{26}$/);
    // The commit is in the WAL only (nothing checkpointed it): reopening must recover it from there.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(10 * 1024);

    const reopened = openSqliteStore(file);
    try {
      expect(await reopened.getMessage(messageId)).toMatchObject({
        testId: test.id,
        status: 'queued',
        envelope: { clientIp: '192.0.2.44' },
      });
      const raw = await reopened.getRaw(messageId);
      expect(raw!.length).toBe(10 * 1024 + 'Subject: kill -9\r\n\r\n'.length);
      expect(await reopened.claimNext()).toMatchObject({ id: messageId });
    } finally {
      await reopened.close();
    }
  });

  it('several processes taking work from one file never get the same message', async () => {
    const file = files.file();
    const store = openSqliteStore(file);
    const test = newTest();
    await store.createTest(test, UNLIMITED);
    const ids = await Promise.all(
      Array.from({ length: 600 }, (_, i) => store.addMessage(test.id, envelope(), rawMessage(`${i}`), T0)),
    ).then((records) => records.map((r) => r.id));
    await store.close();

    // Each child waits for the common start time, claims (as a worker would: one, then the analysis, then
    // the next) until the queue is empty, and prints what it got.
    const script = `
      const [storeUrl, file, startAt] = process.argv.slice(-3);
      const { openSqliteStore } = await import(storeUrl);
      const store = openSqliteStore(file);
      await new Promise((resolve) => setTimeout(resolve, Number(startAt) - Date.now()));
      const got = [];
      for (let m; (m = await store.claimNext()); ) {
        got.push(m.id);
        await new Promise((resolve) => setTimeout(resolve, 1)); // the analysis
      }
      await store.close();
      console.log(JSON.stringify(got));
    `;
    const startAt = String(Date.now() + 1_000);
    const children = await Promise.all([1, 2, 3].map(() => runChild(script, [file, startAt])));
    const perChild = children.map((child) => {
      expect(child.stderr).toBe('');
      expect(child.code).toBe(0);
      return JSON.parse(child.stdout) as string[];
    });
    const claimed = perChild.flat();
    expect(claimed).toHaveLength(ids.length);
    expect(new Set(claimed)).toEqual(new Set(ids));
    // They really competed (otherwise this proves nothing).
    expect(perChild.filter((got) => got.length > 0).length).toBeGreaterThanOrEqual(2);
  });
});
