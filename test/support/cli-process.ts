/**
 * The built CLI (`dist/src/cli/main.js`, made by `npm run build`, which `npm test` runs first) as a real
 * child process, the way users and CI pipelines run it.
 */
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/run.js';

export const CLI_BIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `mailscore <args>` with only PATH and `env` in its environment (nothing of the machine's own
 * MAILSCORE_* settings leaks in). Async on purpose: a blocking spawn would stall the in-process fixture
 * DNS server the CLI asks.
 */
export function runCliProcess(args: string[], env: Record<string, string> = {}, input = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * The same command through runCli in this process, for the many cases that end before any work (bad
 * input, exit 2): as exact as a child process for what the user sees, and a process start cheaper each.
 */
export async function runCliInProcess(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}
