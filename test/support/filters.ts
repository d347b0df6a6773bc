/**
 * Real spamd and rspamd for the tests that need them:
 * - MAILSCORE_TEST_SPAMD (host:port) / MAILSCORE_TEST_RSPAMD (URL) when set (.ci/run starts both with
 *   scripts/start-filters.sh and sets them);
 * - else, when the program is installed, started here on a free port with that same script (and stopped after);
 * - else absent: the tests say they were skipped and why — unless MAILSCORE_REQUIRE_FILTERS=1 (CI), where an
 *   absent filter fails the run instead of passing it quietly.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The script from test/support (vitest) or dist/test/support (the compiled bench). */
const SCRIPT = ['../../scripts/start-filters.sh', '../../../scripts/start-filters.sh']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((path) => existsSync(path))!;

export const filtersRequired = process.env.MAILSCORE_REQUIRE_FILTERS === '1';

export interface TestFilter {
  /** host:port (spamd) or URL (rspamd); null when absent. */
  location: string | null;
  /** Why it is absent (for the skip message). */
  absent: string | null;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function installed(program: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${program}`]);
    return true;
  } catch {
    return false;
  }
}

const none = (absent: string): TestFilter => ({ location: null, absent, stop: async () => undefined });

async function startWithScript(name: 'spamd' | 'rspamd'): Promise<TestFilter> {
  if (!(await installed(name))) {
    return none(
      `${name} is not installed (apt-get install ${name === 'spamd' ? 'spamd spamassassin spamc' : 'rspamd'})`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), `mailscore-${name}-`));
  const port = await freePort();
  const env = {
    ...process.env,
    MAILSCORE_FILTERS_DIR: dir,
    [name === 'spamd' ? 'SPAMD_PORT' : 'RSPAMD_PORT']: String(port),
  };
  const stop = async () => {
    await run(SCRIPT, ['stop'], { env }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run(SCRIPT, ['start', name], { env, timeout: 120_000 });
  } catch (err) {
    await stop();
    const why = ((err as { stderr?: string }).stderr ?? String(err)).trim().split('\n').slice(-3).join(' / ');
    return none(`${name} did not start: ${why}`);
  }
  return {
    location: name === 'spamd' ? `127.0.0.1:${port}` : `http://127.0.0.1:${port}`,
    absent: null,
    stop,
  };
}

export async function spamdForTests(): Promise<TestFilter> {
  const given = process.env.MAILSCORE_TEST_SPAMD;
  if (given) return { location: given, absent: null, stop: async () => undefined };
  return startWithScript('spamd');
}

export async function rspamdForTests(): Promise<TestFilter> {
  const given = process.env.MAILSCORE_TEST_RSPAMD;
  if (given) return { location: given, absent: null, stop: async () => undefined };
  return startWithScript('rspamd');
}
