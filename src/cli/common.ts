/** What every command shares: its I/O, usage errors (exit 2), and the flags that mean the same everywhere. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BlocklistConfigError, loadBlocklistZones } from '../blocklists/config.js';
import type { BlocklistZone } from '../blocklists/types.js';
import { DnsResolver } from '../dns/resolver.js';
import { resolveServers, ServerListError } from '../dns/servers.js';
import { isLang, langFromEnv } from '../i18n/index.js';
import type { Lang } from '../report/types.js';

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** A problem with what the user gave us: exit 2 with this one line. */
export class UsageError extends Error {}

/** User input echoed in an error: quoted, control characters escaped, bounded. */
export const quote = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/** --lang, else LANG / LC_ALL (ja_* is Japanese). */
export function pickLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (flag === undefined) return langFromEnv(env);
  if (!isLang(flag)) throw new UsageError(`--lang must be en or ja, not ${quote(flag)}`);
  return flag;
}

/** --dns, else MAILSCORE_DNS, else /etc/resolv.conf. */
export function makeResolver(flag: string | undefined, env: NodeJS.ProcessEnv): DnsResolver {
  try {
    return new DnsResolver({ servers: resolveServers(flag, env) });
  } catch (err) {
    if (err instanceof ServerListError) throw new UsageError(`--dns: ${err.message}`);
    throw err;
  }
}

/** --blocklists, else MAILSCORE_BLOCKLISTS: the operator's changes to the DNS lists (default: the default set). */
export function pickBlocklists(flag: string | undefined, env: NodeJS.ProcessEnv): readonly BlocklistZone[] {
  try {
    return loadBlocklistZones(flag ?? (env.MAILSCORE_BLOCKLISTS || null));
  } catch (err) {
    if (err instanceof BlocklistConfigError)
      throw new UsageError(`--blocklists: ${err.message.split('\n')[0]}`);
    throw err;
  }
}

/** A command's flags and positionals, strictly: an unknown flag or a bad value is a usage error (exit 2). */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
}
