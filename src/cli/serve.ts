/** `mailscore serve`: flags from the settings table, then the service until SIGINT/SIGTERM. */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, SETTINGS, settingsHelp, type SettingKey } from '../service/config.js';
import { startService } from '../service/app.js';
import type { CliIo } from './run.js';

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

const FLAG_OPTIONS: Options = {
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(
    (Object.keys(SETTINGS) as SettingKey[]).map((key) => [
      SETTINGS[key].flag,
      { type: SETTINGS[key].kind === 'boolean' ? 'boolean' : 'string' } as const,
    ]),
  ),
};

/** Thrown for bad flags or settings: exit 2 with the message. */
export class ServeUsageError extends Error {}

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options: FLAG_OPTIONS, allowPositionals: false, strict: true }) as {
      values: Record<string, string | boolean | undefined>;
    });
  } catch (err) {
    throw new ServeUsageError((err as Error).message.split('\n')[0]);
  }
  if (values.help) {
    io.stdout.write(`${settingsHelp()}\n`);
    return 0;
  }
  const flags: Partial<Record<SettingKey, string | boolean>> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const value = values[SETTINGS[key].flag];
    if (value !== undefined) flags[key] = value;
  }
  let config;
  try {
    config = loadConfig({
      flags,
      env: io.env,
      file: typeof values.config === 'string' ? values.config : null,
    });
  } catch (err) {
    if (err instanceof ConfigError) throw new ServeUsageError(err.message);
    throw err;
  }
  let service;
  try {
    service = await startService(config);
  } catch (err) {
    // Settings that only fail when used (an unreadable certificate, a port taken) are the user's to fix: exit 2.
    if (err instanceof ConfigError) throw new ServeUsageError(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new ServeUsageError(`cannot listen: ${(err as Error).message}`);
    }
    throw err;
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  service.context.logger.info('stopping');
  await service.close();
  return 0;
}
