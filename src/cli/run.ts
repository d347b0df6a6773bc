/** Command dispatch and argument checking. Each command is a small function of parsed flags. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIP } from 'node:net';
import { DnsSession } from '../dns/session.js';
import { NotAMessageError } from '../message/parse.js';
import { analyzeMessage } from '../pipeline/analyze.js';
import { NoClientIpError, parseTrustedRelays, type TrustedRelay } from '../pipeline/client-ip.js';
import { evaluateSpf } from '../checks/spf.js';
import { filterSettingProblem, selectSpamFilter } from '../content/filters/select.js';
import type { SpamFilterEngine } from '../content/filters/types.js';
import { readInput, InputError } from './input.js';
import { renderReport, renderSpf } from './render-text.js';
import { serveCommand, ServeUsageError } from './serve.js';
import { BLOCKLIST_USAGE, blocklistCommand } from './blocklist.js';
import { DOMAIN_USAGE, domainCommand } from './domain.js';
import { GENERATE_USAGE, generateCommand } from './generate.js';
import { INSPECT_USAGE, inspectCommand } from './inspect.js';
import { makeResolver, pickBlocklists, pickLang, quote, UsageError, type CliIo } from './common.js';

export type { CliIo } from './common.js';

const USAGE = `usage:
  mailscore analyze <file.eml|-> [--ip <client-ip>] [--helo <name>] [--mail-from <addr>] [--rcpt <addr>]
                    [--tls <protocol>] [--dns <host:port>[,<host:port>]] [--lang en|ja] [--json]
                    [--spamd <host:port>|off] [--rspamd <url>|off] [--check-links] [--blocklists <file.json>]
                    [--trusted-relay <ip|cidr|host>[,...]]  (without --ip: the IP is read from Received)
  mailscore spf     --ip <client-ip> --mail-from <addr|''> [--helo <name>] [--dns ...] [--json]
${DOMAIN_USAGE}
${GENERATE_USAGE}
${BLOCKLIST_USAGE}
${INSPECT_USAGE}
  mailscore serve   [--smtp-port N] [--http-port N] [--domain D] [--data DIR] [--dns ...]  (serve --help: all options)`;

const COMMON = {
  dns: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMANDS = {
  analyze: {
    ...COMMON,
    ip: { type: 'string' },
    helo: { type: 'string' },
    'mail-from': { type: 'string' },
    rcpt: { type: 'string', multiple: true },
    tls: { type: 'string' },
    spamd: { type: 'string' },
    rspamd: { type: 'string' },
    'check-links': { type: 'boolean' },
    blocklists: { type: 'string' },
    'trusted-relay': { type: 'string', multiple: true },
  },
  spf: { ...COMMON, ip: { type: 'string' }, helo: { type: 'string' }, 'mail-from': { type: 'string' } },
} as const satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof COMMANDS;
const PLANNED: string[] = [];

function parse<C extends Command>(command: C, args: string[]) {
  try {
    return parseArgs({ args, options: COMMANDS[command], allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0]! : String(err));
  }
}

function requireIp(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--ip <client-ip> is required');
  const ip = value.trim();
  if (!isIP(ip)) throw new UsageError(`--ip is not an IP address: ${quote(value)}`);
  return ip;
}

/**
 * The content filter, as the service chooses it (src/content/filters/select.ts): --spamd / --rspamd, else
 * MAILSCORE_SPAMD / MAILSCORE_RSPAMD, else spamd at 127.0.0.1:783 when it answers, else the built-in rules.
 * A configured filter that does not answer is said on stderr (the report still comes, with the built-in rules).
 */
async function pickSpamFilter(
  values: { spamd?: string | undefined; rspamd?: string | undefined },
  io: CliIo,
): Promise<SpamFilterEngine> {
  const settings = {
    spamd: values.spamd ?? io.env.MAILSCORE_SPAMD ?? null,
    rspamd: values.rspamd ?? io.env.MAILSCORE_RSPAMD ?? null,
  };
  for (const key of ['spamd', 'rspamd'] as const) {
    const problem = filterSettingProblem(key, settings[key]);
    if (problem) throw new UsageError(`--${key}: ${problem}`);
  }
  const warn = (fields: object, message: string) => {
    const error = (fields as { error?: string }).error;
    io.stderr.write(
      `mailscore: ${message}${error ? ` (${error})` : ''}; using the next filter or the built-in rules\n`,
    );
  };
  return (await selectSpamFilter(settings, { log: { info: () => undefined, warn } })).engine;
}

/** --trusted-relay: the user's own relays, skipped when the IP is read from the Received fields. */
function trustedRelays(values: string[] | undefined): TrustedRelay[] {
  const parsed = parseTrustedRelays(values ?? []);
  if ('error' in parsed) throw new UsageError(`--trusted-relay: ${parsed.error}`);
  return parsed.relays;
}

/** --tls: absent is not known (read from the Received field when --ip is absent too); empty is no TLS. */
const tlsFlag = (value: string | undefined) =>
  value === undefined ? undefined : value.trim() ? { protocol: value.trim(), cipher: null } : null;

async function analyzeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('analyze', args);
  if (values.help) return help(io);
  if (positionals.length !== 1)
    throw new UsageError('analyze takes one message file (or - for standard input)');
  // Without --ip the sending IP is read from the Received fields (src/pipeline/client-ip.ts).
  const ip = values.ip === undefined ? undefined : requireIp(values.ip);
  const relays = trustedRelays(values['trusted-relay']);
  const lang = pickLang(values.lang, io.env);
  const resolver = makeResolver(values.dns, io.env);
  const spamFilter = await pickSpamFilter(values, io);
  const blocklists = pickBlocklists(values.blocklists, io.env);
  const raw = await readInput(positionals[0]!, io.stdin);
  const report = await analyzeMessage(
    raw,
    {
      clientIp: ip,
      helo: values.helo,
      mailFrom: values['mail-from'],
      rcptTo: values.rcpt ?? [],
      tls: tlsFlag(values.tls),
      trustedRelays: relays,
    },
    // Fetching links is off in the CLI unless asked for: a local run should not touch the sender's sites.
    {
      resolver,
      lang,
      spamFilter,
      blocklists,
      links: { reachability: values['check-links'] ?? false },
    },
  );
  io.stdout.write(
    values.json ? `${JSON.stringify(report)}\n` : renderReport(report, { color: useColor(io) }),
  );
  return 0;
}

async function spfCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('spf', args);
  if (values.help) return help(io);
  if (positionals.length) throw new UsageError(`spf takes no file argument: ${quote(positionals[0]!)}`);
  const ip = requireIp(values.ip);
  if (values['mail-from'] === undefined)
    throw new UsageError("--mail-from <addr> is required (use --mail-from '' for the null sender)");
  const lang = pickLang(values.lang, io.env);
  const resolver = makeResolver(values.dns, io.env);
  const dns = new DnsSession(resolver);
  const result = await evaluateSpf(
    { ip, mailFrom: values['mail-from'], helo: values.helo ?? null },
    dns,
  ).finally(() => dns.close());
  const out = {
    result: result.result,
    domain: result.domain,
    mechanism: result.mechanism,
    explanation: result.explanation,
  };
  io.stdout.write(values.json ? `${JSON.stringify(out)}\n` : renderSpf(out, lang));
  return 0;
}

function help(io: CliIo): number {
  io.stdout.write(`${USAGE}\n`);
  return 0;
}

const useColor = (io: CliIo) => !!io.stdout.isTTY && !io.env.NO_COLOR;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (!command) throw new UsageError('missing command (mailscore --help lists them)');
    if (command === '--help' || command === '-h' || command === 'help') return help(io);
    if (command === 'analyze') return await analyzeCommand(args, io);
    if (command === 'spf') return await spfCommand(args, io);
    if (command === 'serve') return await serveCommand(args, io);
    if (command === 'blocklist') return await blocklistCommand(args, io);
    if (command === 'domain') return await domainCommand(args, io);
    if (command === 'generate') return await generateCommand(args, io);
    if (command === 'inspect') return await inspectCommand(args, io);
    if (PLANNED.includes(command))
      throw new UsageError(`${quote(command)} is not available in this version yet`);
    throw new UsageError(`unknown command ${quote(command)} (mailscore --help lists them)`);
  } catch (err) {
    if (err instanceof NoClientIpError) {
      io.stderr.write(`mailscore: ${err.message}; give the sending IP with --ip <client-ip>\n`);
      return 2;
    }
    if (
      err instanceof UsageError ||
      err instanceof InputError ||
      err instanceof NotAMessageError ||
      err instanceof ServeUsageError
    ) {
      io.stderr.write(`mailscore: ${err.message.split('\n')[0]}\n`);
      return 2;
    }
    throw err;
  }
}
