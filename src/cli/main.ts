#!/usr/bin/env node
/**
 * The mailscore command line (../shared/CONTRACT.md, CLI). Exit codes: 0 a report was produced
 * (whatever the score), 2 bad arguments or unreadable input, 1 an internal error. Errors are one
 * line on stderr, never a stack trace.
 */
import { runCli } from './run.js';

const internalError = (err: unknown) =>
  `mailscore: internal error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\n`;

// A reader that leaves early (`mailscore analyze … | head`) is no error; any other write failure is one line.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') return;
  process.stderr.write(`mailscore: cannot write the output: ${err.message}\n`);
  process.exitCode = 1;
});
// The last guard of "never a stack trace": whatever escaped (a stray rejection, a throw in a callback).
process.on('uncaughtException', (err) => {
  process.stderr.write(internalError(err));
  process.exit(1);
});

runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then(
  (code) => {
    process.exitCode ??= code;
  },
  (err: unknown) => {
    process.stderr.write(internalError(err));
    process.exitCode = 1;
  },
);
