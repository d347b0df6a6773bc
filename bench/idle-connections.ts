/**
 * Memory with many idle SMTP connections (issue 3, section 7): `mailscore serve` runs in a child process (so
 * the clients' memory is not counted), 1000 raw TCP connections each read the greeting, say EHLO and then
 * stay idle. The server's VmRSS (now) and VmHWM (peak) come from /proc/<pid>/status before and after.
 *
 * The connections come from ten loopback addresses (127.0.0.1 … 127.0.0.10), 100 from each, with the per-IP
 * limit raised to exactly that. A second child does the same with STARTTLS before the EHLO (a TLS socket
 * holds more than a plain one; most senders use it).
 *
 * Linux only (/proc). Run alone: `node dist/bench/idle-connections.js` after `npm run build`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import tls from 'node:tls';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const SOURCE_ADDRESSES = 10;
/** Connections opened at once (the listen backlog is 511; smtp-server greets after 100 ms). */
const BATCH = 200;
/** Idle time before the last reading: the server has settled (timers, allocations after the EHLO). */
const SETTLE_MS = 2_000;

export interface IdleBenchOptions {
  connections?: number;
  starttls?: boolean;
}

export interface IdleBenchResult {
  connections: number;
  starttls: boolean;
  /** MB, from /proc/<pid>/status. */
  before: { rss: number; hwm: number };
  after: { rss: number; hwm: number };
  /** KB per connection: (RSS after − RSS before) / connections. */
  perConnectionKb: number;
  /** Seconds to open all connections (connect, greeting, EHLO). */
  openSeconds: number;
  /** The negotiated TLS protocol (STARTTLS run), else null. */
  tlsProtocol: string | null;
}

function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** Starts `mailscore serve` and resolves with its SMTP port once it logs that it listens. */
async function startServer(
  dataDir: string,
  connections: number,
): Promise<{ child: ChildProcess; port: number }> {
  const perIp = Math.ceil(connections / SOURCE_ADDRESSES);
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--data',
      dataDir,
      '--listen',
      '127.0.0.1',
      '--smtp-port',
      '0',
      '--http-port',
      '0',
      '--domain',
      'bench.mailscore.test',
      '--dns',
      '127.0.0.1:9', // no analysis happens here
      '--max-connections',
      String(connections + 100),
      '--max-connections-per-ip',
      String(perIp),
      '--log-level',
      'info',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`mailscore serve exited with ${code} before listening`)));
    lines.on('line', (line) => {
      // Keep reading stdout to the end, so the child never blocks on a full pipe.
      let entry: { msg?: string; smtpPort?: number };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.msg === 'mailscore is listening' && entry.smtpPort) resolve({ child, port: entry.smtpPort });
    });
  });
}

/** Reads from `socket` until a reply line with `code` and a space (the last line of a reply) has come. */
function replyOf(socket: net.Socket | tls.TLSSocket, code: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (new RegExp(`(^|\\n)${code} [^\\n]*\\n`).test(text)) {
        socket.off('data', onData);
        socket.off('error', reject);
        resolve();
      } else if (/(^|\n)[45]\d\d /.test(text)) {
        reject(new Error(`server refused: ${text.trim().split('\n').pop()}`));
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** One idle client: connected, greeted, EHLO (after STARTTLS when asked) answered. */
async function idleClient(port: number, localAddress: string, starttls: boolean): Promise<net.Socket> {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress });
  await replyOf(socket, '220');
  socket.write('EHLO idle.example.com\r\n');
  await replyOf(socket, '250');
  if (!starttls) return socket;
  socket.write('STARTTLS\r\n');
  await replyOf(socket, '220');
  const secure = tls.connect({ socket, rejectUnauthorized: false, servername: 'bench.mailscore.test' });
  await new Promise<void>((resolve, reject) => {
    secure.once('secureConnect', resolve);
    secure.once('error', reject);
  });
  secure.write('EHLO idle.example.com\r\n');
  await replyOf(secure, '250');
  return secure;
}

export async function benchIdleConnections(options: IdleBenchOptions = {}): Promise<IdleBenchResult> {
  const { connections = 1000, starttls = false } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'mailscore-bench-idle-'));
  const { child, port } = await startServer(dataDir, connections);
  const sockets: net.Socket[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const before = memoryOf(child.pid!);
    const started = performance.now();
    for (let first = 0; first < connections; first += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, connections - first) }, (_, i) =>
        idleClient(port, `127.0.0.${((first + i) % SOURCE_ADDRESSES) + 1}`, starttls),
      );
      sockets.push(...(await Promise.all(batch)));
    }
    const openSeconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const after = memoryOf(child.pid!);
    const stillOpen = sockets.filter((s) => !s.destroyed && s.readyState === 'open').length;
    if (stillOpen !== connections) throw new Error(`${connections - stillOpen} idle connections were closed`);
    return {
      connections,
      starttls,
      before,
      after,
      perConnectionKb: ((after.rss - before.rss) * 1024) / connections,
      openSeconds,
      tlsProtocol: sockets[0] instanceof tls.TLSSocket ? sockets[0].getProtocol() : null,
    };
  } finally {
    for (const socket of sockets) socket.destroy();
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export function formatIdleRows(results: IdleBenchResult[]): string[] {
  const mb = (value: number) => value.toFixed(0);
  return results.map((r, i) => {
    const what =
      i === 0
        ? `Peak RSS of \`mailscore serve\` (child process) with ${r.connections} idle SMTP connections (greeting + EHLO, then idle; from 10 loopback addresses)`
        : `the same, each connection after STARTTLS (${r.tlsProtocol ?? 'TLS'}, self-signed certificate)`;
    const figure = `peak (VmHWM) **${mb(r.after.hwm)} MB**; RSS ${mb(r.before.rss)} MB idle → ${mb(r.after.rss)} MB with the connections = ${r.perConnectionKb.toFixed(0)} KB per connection; opened in ${r.openSeconds.toFixed(1)} s`;
    return `| ${what} | ${figure} | ${i === 0 ? '< 300 MB' : '(informational)'} |`;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  (async () => {
    const rows = [await benchIdleConnections(), await benchIdleConnections({ starttls: true })];
    process.stdout.write(`${formatIdleRows(rows).join('\n')}\n`);
  })().catch((err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
