/**
 * The start-time choice of the content filter, against local stand-ins that answer (or not) spamd's PING and
 * rspamd's /ping: configured engines in order, the one try of the default spamd address, `off`, the
 * built-in fallback, and what is logged.
 */
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  filterSettingProblem,
  selectSpamFilter,
  type FilterLog,
} from '../../../src/content/filters/select.js';
import { ConfigError, loadConfig } from '../../../src/service/config.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A spamd stand-in that answers PONG; `connections` counts who came. */
async function pongServer() {
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    stats.connections++;
    socket.on('data', (chunk: Buffer) => {
      if (chunk.includes('\r\n\r\n')) socket.end('SPAMD/1.5 0 PONG\r\n');
    });
  });
  const stats = { connections: 0, address: '' };
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  stats.address = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  closers.push(() => new Promise((done) => server.close(done)));
  return stats;
}

async function rspamdServer() {
  const server = http.createServer((_, response) => response.end('pong\r\n'));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  closers.push(() => new Promise((done) => server.close(done)));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

/** A port where nothing listens (opened, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

function recordingLog() {
  const lines: Array<{ level: 'info' | 'warn'; message: string; fields: object }> = [];
  const log: FilterLog = {
    info: (fields, message) => lines.push({ level: 'info', message, fields }),
    warn: (fields, message) => lines.push({ level: 'warn', message, fields }),
  };
  return { log, lines };
}

const hostPort = (address: string) => {
  const [host, port] = address.split(':');
  return { host: host!, port: Number(port) };
};

describe('selectSpamFilter', () => {
  it('neither set: spamd at the default address, when it answers', async () => {
    const spamd = await pongServer();
    const { log, lines } = recordingLog();
    const selected = await selectSpamFilter(
      { spamd: null, rspamd: null },
      { defaultSpamd: hostPort(spamd.address), log },
    );
    expect(selected).toMatchObject({ source: 'default', location: spamd.address });
    expect(selected.engine.name).toBe('spamassassin');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', message: `content filter: spamassassin at ${spamd.address}` }),
    ]);
  });

  it('neither set, nothing at the default address: the built-in rules, said once as info', async () => {
    const { log, lines } = recordingLog();
    const port = await closedPort();
    const started = performance.now();
    const selected = await selectSpamFilter(
      { spamd: null, rspamd: null },
      { defaultSpamd: { host: '127.0.0.1', port }, log },
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(selected).toMatchObject({ source: 'fallback', location: null });
    expect(selected.engine.name).toBe('builtin');
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['info', `no spamd at 127.0.0.1:${port}`],
      ['info', 'content filter: the built-in rules'],
    ]);
  });

  it('spamd configured: used, and the default address is not tried', async () => {
    const configured = await pongServer();
    const other = await pongServer();
    const selected = await selectSpamFilter(
      { spamd: configured.address, rspamd: null },
      { defaultSpamd: hostPort(other.address) },
    );
    expect(selected).toMatchObject({ source: 'configured', location: configured.address });
    expect(other.connections).toBe(0);
  });

  it('rspamd configured (spamd not): rspamd, without trying the default spamd', async () => {
    const rspamd = await rspamdServer();
    const spamd = await pongServer();
    const selected = await selectSpamFilter(
      { spamd: null, rspamd },
      { defaultSpamd: hostPort(spamd.address) },
    );
    expect(selected).toMatchObject({ source: 'configured', location: `${rspamd}/` });
    expect(selected.engine.name).toBe('rspamd');
    expect(spamd.connections).toBe(0);
  });

  it('both configured: spamd first; when it does not answer, rspamd, with a warning', async () => {
    const rspamd = await rspamdServer();
    const port = await closedPort();
    const { log, lines } = recordingLog();
    const selected = await selectSpamFilter({ spamd: `127.0.0.1:${port}`, rspamd }, { log });
    expect(selected.engine.name).toBe('rspamd');
    expect(lines[0]).toMatchObject({
      level: 'warn',
      message: 'content filter spamassassin does not answer',
      fields: { error: expect.stringContaining('ECONNREFUSED') },
    });
    expect(lines[1]).toMatchObject({ level: 'info', message: `content filter: rspamd at ${rspamd}/` });
  });

  it('configured but silent: the built-in rules, with warnings', async () => {
    const { log, lines } = recordingLog();
    const selected = await selectSpamFilter(
      { spamd: `127.0.0.1:${await closedPort()}`, rspamd: `http://127.0.0.1:${await closedPort()}` },
      { log },
    );
    expect(selected.engine.name).toBe('builtin');
    expect(lines.map((l) => l.level)).toEqual(['warn', 'warn', 'info']);
  });

  it.each([
    [{ spamd: 'off', rspamd: null }],
    [{ spamd: 'OFF', rspamd: 'off' }],
    [{ spamd: null, rspamd: 'off' }],
  ])('%j: no probe, the built-in rules', async (settings) => {
    const spamd = await pongServer();
    const selected = await selectSpamFilter(settings, { defaultSpamd: hostPort(spamd.address) });
    expect(selected.engine.name).toBe('builtin');
    expect(spamd.connections).toBe(0);
  });
});

describe('filterSettingProblem and the settings check', () => {
  it.each([
    ['spamd', null, null],
    ['spamd', '', null],
    ['spamd', 'off', null],
    ['spamd', '127.0.0.1:783', null],
    ['spamd', 'spamd', null],
    ['spamd', '127.0.0.1:99999', 'port out of range'],
    ['spamd', 'http://127.0.0.1:783', 'not a host:port'],
    ['rspamd', 'http://127.0.0.1:11333', null],
    ['rspamd', 'Off', null],
    ['rspamd', '127.0.0.1:11333', 'not a URL'],
    ['rspamd', 'localhost:11333', 'not an http(s) URL'],
    ['rspamd', 'nonsense', 'not a URL'],
  ] as const)('%s = %j → %j', (key, value, problem) => {
    const found = filterSettingProblem(key, value);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it.each([
    [{ MAILSCORE_SPAMD: 'http://x:1' }, '--spamd: not a host:port'],
    [{ MAILSCORE_RSPAMD: 'localhost:11333' }, '--rspamd: not an http(s) URL'],
  ])('a bad %j stops the start with one line', (env, message) => {
    expect(() => loadConfig({ env })).toThrow(ConfigError);
    expect(() => loadConfig({ env })).toThrow(message);
  });
});
