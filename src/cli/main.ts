#!/usr/bin/env node
/**
 * The mailscore command line (../shared/CONTRACT.md, CLI). Exit codes: 0 a report was produced
 * (whatever the score), 2 bad arguments or unreadable input, 1 an internal error. Errors are one
 * line on stderr, never a stack trace.
 */
import { runCli } from './run.js';

runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`mailscore: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
