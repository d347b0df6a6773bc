/**
 * `mailscore analyze` chooses its content filter as the service does: --spamd / --rspamd, else the
 * MAILSCORE_SPAMD / MAILSCORE_RSPAMD variables; `off` leaves one out; a bad value is exit 2; a configured
 * filter that does not answer is one line on stderr and the report still comes (built-in rules).
 * In-process (runCli) against a fake spamd on 127.0.0.1.
 */
import net from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run.js';
import type { Report } from '../../../src/report/types.js';

const BODY =
  'details\n\n pts rule name   description\n---- ---------- ----------\n 2.6 DEAR_FRIEND  BODY: Dear Friend?\n';

/** Answers PING with PONG and anything else with a fixed REPORT. */
const spamd = net.createServer({ allowHalfOpen: true }, (socket) => {
  let request = '';
  socket.on('data', (chunk: Buffer) => (request += chunk.toString('latin1')));
  socket.on('end', () =>
    socket.end(
      request.startsWith('PING')
        ? 'SPAMD/1.5 0 PONG\r\n'
        : `SPAMD/1.1 0 EX_OK\r\nContent-length: ${BODY.length}\r\nSpam: False ; 2.6 / 5.0\r\n\r\n${BODY}`,
    ),
  );
});
await new Promise<void>((done) => spamd.listen(0, '127.0.0.1', done));
const SPAMD = `127.0.0.1:${(spamd.address() as net.AddressInfo).port}`;
afterAll(() => new Promise((done) => spamd.close(done)));

/** A port with nothing behind it. */
const closed = await new Promise<number>((done) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as net.AddressInfo;
    server.close(() => done(port));
  });
});

const MESSAGE = 'From: a@example.com\r\nSubject: hi\r\nMessage-ID: <1@example.com>\r\n\r\nhello\r\n';

async function analyze(flags: string[], env: NodeJS.ProcessEnv = {}) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  stdin.end(MESSAGE);
  const json = !flags.includes('--text');
  const args = [
    'analyze',
    '-',
    '--ip',
    '192.0.2.1',
    ...(json ? ['--json'] : []),
    ...flags.filter((f) => f !== '--text'),
  ];
  const code = await runCli(args, {
    stdin,
    stdout,
    stderr,
    // DNS to a closed port: the auth checks fail fast; the filter is what these tests are about.
    env: { MAILSCORE_DNS: `127.0.0.1:${closed}`, ...env },
  });
  return { code, stdout: out, stderr: err, report: code === 0 && json ? (JSON.parse(out) as Report) : null };
}

describe('mailscore analyze: the content filter', () => {
  it.each([
    ['--spamd', ['--spamd', SPAMD], {}, 'spamassassin'],
    ['MAILSCORE_SPAMD', [], { MAILSCORE_SPAMD: SPAMD }, 'spamassassin'],
    [
      '--spamd off wins over the variable',
      ['--spamd', 'off'],
      { MAILSCORE_SPAMD: SPAMD, MAILSCORE_RSPAMD: 'off' },
      'builtin',
    ],
  ] as const)('%s → %s', async (_, flags, env, engine) => {
    const result = await analyze([...flags], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.report?.spamFilter?.engine).toBe(engine);
    if (engine === 'spamassassin') {
      expect(result.report?.spamFilter).toMatchObject({
        score: 2.6,
        threshold: 5,
        rules: [{ name: 'DEAR_FRIEND', score: 2.6, description: 'BODY: Dear Friend?' }],
      });
      expect(result.report?.checks.find((c) => c.id === 'spamFilter.score')?.deduction).toBe(2.6);
    }
  });

  it.each([
    [['--spamd', 'http://x:1'], /^mailscore: --spamd: not a host:port/],
    [['--rspamd', 'localhost:11333'], /^mailscore: --rspamd: not an http\(s\) URL/],
  ])('%j → exit 2, one line', async (flags, message) => {
    const result = await analyze(flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('a configured spamd that does not answer: one line on stderr, the report with the built-in rules', async () => {
    const result = await analyze(['--spamd', `127.0.0.1:${closed}`, '--rspamd', 'off']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^mailscore: content filter spamassassin does not answer \(.*ECONNREFUSED.*\)/,
    );
    expect(result.report?.spamFilter?.engine).toBe('builtin');
  });

  it.each([
    ['en', 'Spam filter (SpamAssassin): 2.6 points; spam from 5.0'],
    ['ja', 'スパムフィルター（SpamAssassin）: 2.6 点（5.0 点以上でスパム）'],
  ])('the text output lists the rules (%s)', async (lang, heading) => {
    const result = await analyze(['--spamd', SPAMD, '--text', '--lang', lang]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(heading);
    expect(result.stdout).toMatch(/^\s+\+2\.6 {2}DEAR_FRIEND {2}BODY: Dear Friend\?$/m);
  });
});
