/**
 * The service's settings, defined once: each has a flag, an environment variable, a config-file key,
 * a default and a description. Flags win over env vars, env vars over the config file, the file over
 * defaults. `mailscore serve --help` is generated from this table.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { filterSettingProblem } from '../content/filters/select.js';
import { parseServerList, ServerListError } from '../dns/servers.js';

type Kind = 'string' | 'integer' | 'boolean';

interface Setting<K extends Kind = Kind> {
  flag: string;
  env: string;
  kind: K;
  default: K extends 'integer' ? number : K extends 'boolean' ? boolean : string | null;
  description: string;
  /** Inclusive bounds for integers. */
  min?: number;
  max?: number;
  /** The values a string setting may take. */
  choices?: readonly string[];
}

const setting = <S extends Setting>(s: S) => s;

export const SETTINGS = {
  smtpPort: setting({
    flag: 'smtp-port',
    env: 'MAILSCORE_SMTP_PORT',
    kind: 'integer',
    default: 2525,
    min: 0,
    max: 65535,
    description: 'SMTP port (25 in production: see docs/deployment.md)',
  }),
  httpPort: setting({
    flag: 'http-port',
    env: 'MAILSCORE_HTTP_PORT',
    kind: 'integer',
    default: 8080,
    min: 0,
    max: 65535,
    description: 'HTTP port of the pages and the API',
  }),
  listen: setting({
    flag: 'listen',
    env: 'MAILSCORE_LISTEN',
    kind: 'string',
    default: '0.0.0.0',
    description: 'address both servers bind to (127.0.0.1 to keep them local)',
  }),
  domain: setting({
    flag: 'domain',
    env: 'MAILSCORE_DOMAIN',
    kind: 'string',
    default: 'localhost',
    description: 'domain of the test addresses (its MX must point at this server)',
  }),
  dataDir: setting({
    flag: 'data',
    env: 'MAILSCORE_DATA_DIR',
    kind: 'string',
    default: './data',
    description: 'directory for the database and the self-signed certificate',
  }),
  dns: setting({
    flag: 'dns',
    env: 'MAILSCORE_DNS',
    kind: 'string',
    default: null,
    description: 'DNS servers host:port[,host:port] (default: /etc/resolv.conf)',
  }),
  spamd: setting({
    flag: 'spamd',
    env: 'MAILSCORE_SPAMD',
    kind: 'string',
    default: null,
    description:
      'host:port of SpamAssassin spamd (unset: 127.0.0.1:783 when it answers at start; off: never)',
  }),
  rspamd: setting({
    flag: 'rspamd',
    env: 'MAILSCORE_RSPAMD',
    kind: 'string',
    default: null,
    description:
      'URL of rspamd, e.g. http://127.0.0.1:11333 (tried after spamd when both are set; off: never)',
  }),
  blocklists: setting({
    flag: 'blocklists',
    env: 'MAILSCORE_BLOCKLISTS',
    kind: 'string',
    default: null,
    description:
      'JSON file that changes the DNS blocklists (add, remove, replace, reweigh; see README "Blocklists"); unset: the default set',
  }),
  checkLinks: setting({
    flag: 'check-links',
    env: 'MAILSCORE_CHECK_LINKS',
    kind: 'boolean',
    default: true,
    description:
      'fetch the links of each message (HEAD, then GET) to report broken ones; never private addresses or unsubscribe links (false: off)',
  }),
  dailyTests: setting({
    flag: 'daily-tests',
    env: 'MAILSCORE_DAILY_TESTS',
    kind: 'integer',
    default: 3,
    min: 0,
    max: 1_000_000,
    description: 'new tests per client IP (IPv6: per /64) per UTC day (0 = unlimited)',
  }),
  lookupsPerMinute: setting({
    flag: 'lookups-per-minute',
    env: 'MAILSCORE_LOOKUPS_PER_MINUTE',
    kind: 'integer',
    default: 30,
    min: 0,
    max: 100_000,
    description:
      'blocklist lookups (API and page) per client IP (IPv6: per /64) per minute; each asks every list (0 = unlimited)',
  }),
  tlsCert: setting({
    flag: 'tls-cert',
    env: 'MAILSCORE_TLS_CERT',
    kind: 'string',
    default: null,
    description: 'PEM certificate (chain) for STARTTLS (default: self-signed, made at first start)',
  }),
  tlsKey: setting({
    flag: 'tls-key',
    env: 'MAILSCORE_TLS_KEY',
    kind: 'string',
    default: null,
    description: 'PEM private key for STARTTLS',
  }),
  hostname: setting({
    flag: 'hostname',
    env: 'MAILSCORE_HOSTNAME',
    kind: 'string',
    default: null,
    description: 'name in the SMTP greeting (default: the --domain)',
  }),
  publicUrl: setting({
    flag: 'public-url',
    env: 'MAILSCORE_PUBLIC_URL',
    kind: 'string',
    default: null,
    description: 'base URL of the pages as users reach them (default: from the request)',
  }),
  testTtlHours: setting({
    flag: 'test-ttl-hours',
    env: 'MAILSCORE_TEST_TTL_HOURS',
    kind: 'integer',
    default: 24,
    min: 1,
    max: 24 * 365,
    description: 'hours an unused test address stays live',
  }),
  reportTtlDays: setting({
    flag: 'report-ttl-days',
    env: 'MAILSCORE_REPORT_TTL_DAYS',
    kind: 'integer',
    default: 7,
    min: 1,
    max: 3650,
    description: 'days messages and reports are kept',
  }),
  maxMessageBytes: setting({
    flag: 'max-message-bytes',
    env: 'MAILSCORE_MAX_MESSAGE_BYTES',
    kind: 'integer',
    default: 25 * 1024 * 1024,
    min: 1024,
    max: 64 * 1024 * 1024,
    description: 'largest message accepted (SIZE); larger: 552',
  }),
  maxRecipients: setting({
    flag: 'max-recipients',
    env: 'MAILSCORE_MAX_RECIPIENTS',
    kind: 'integer',
    default: 10,
    min: 1,
    max: 1000,
    description: 'RCPT TO per message',
  }),
  maxConnections: setting({
    flag: 'max-connections',
    env: 'MAILSCORE_MAX_CONNECTIONS',
    kind: 'integer',
    default: 2000,
    min: 1,
    max: 100_000,
    description: 'SMTP connections at once',
  }),
  maxConnectionsPerIp: setting({
    flag: 'max-connections-per-ip',
    env: 'MAILSCORE_MAX_CONNECTIONS_PER_IP',
    kind: 'integer',
    default: 10,
    min: 1,
    max: 100_000,
    description: 'SMTP connections at once from one IP',
  }),
  smtpIdleSeconds: setting({
    flag: 'smtp-idle-seconds',
    env: 'MAILSCORE_SMTP_IDLE_SECONDS',
    kind: 'integer',
    default: 120,
    min: 1,
    max: 3600,
    description: 'SMTP idle/command timeout (RFC 5321 4.5.3.2 suggests minutes)',
  }),
  smtpProxyProtocol: setting({
    flag: 'smtp-proxy-protocol',
    env: 'MAILSCORE_SMTP_PROXY_PROTOCOL',
    kind: 'boolean',
    default: false,
    description: 'expect a PROXY protocol header on SMTP connections (behind a load balancer)',
  }),
  trustProxy: setting({
    flag: 'trust-proxy',
    env: 'MAILSCORE_TRUST_PROXY',
    kind: 'string',
    default: null,
    description:
      'HTTP header in which the one reverse proxy in front of us puts the client IP (e.g. x-forwarded-for: its last entry is used, the rest can be forged); off by default: the socket address',
  }),
  workers: setting({
    flag: 'workers',
    env: 'MAILSCORE_WORKERS',
    kind: 'integer',
    default: 2,
    min: 1,
    max: 64,
    description: 'messages analyzed at once',
  }),
  logLevel: setting({
    flag: 'log-level',
    env: 'MAILSCORE_LOG_LEVEL',
    kind: 'string',
    default: 'info',
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    description: 'fatal, error, warn, info, debug, trace or silent',
  }),
} as const;

export type SettingKey = keyof typeof SETTINGS;

/** integer → number, boolean → boolean, string → string (string | null when the default is null). */
type ValueOf<S extends Setting> = S['kind'] extends 'integer'
  ? number
  : S['kind'] extends 'boolean'
    ? boolean
    : S['default'] extends null
      ? string | null
      : string;

export type ServiceConfig = { [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> };

export class ConfigError extends Error {}

function convert(key: SettingKey, raw: unknown, source: string): ServiceConfig[SettingKey] {
  const def = SETTINGS[key] as Setting;
  const where = `${source} ${source === 'flag' ? `--${def.flag}` : source === 'env' ? def.env : key}`;
  if (def.kind === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    const text = String(raw).trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off', ''].includes(text)) return false;
    throw new ConfigError(`${where}: expected true or false`);
  }
  if (def.kind === 'integer') {
    const text = String(raw).trim();
    if (!/^\d+$/.test(text)) throw new ConfigError(`${where}: expected a whole number`);
    const value = Number(text);
    if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) {
      throw new ConfigError(`${where}: must be between ${def.min} and ${def.max}`);
    }
    return value;
  }
  const text = String(raw).trim();
  if (def.choices && text !== '' && !def.choices.includes(text)) {
    throw new ConfigError(`${where}: must be one of ${def.choices.join(', ')}`);
  }
  return text === '' ? null : text;
}

export interface ConfigSources {
  flags?: Partial<Record<SettingKey, string | boolean>>;
  env?: NodeJS.ProcessEnv;
  /** Path of a JSON file whose keys are setting names (smtpPort, domain, ...). */
  file?: string | null;
}

/** The settings, from flags > env > config file > defaults. Throws ConfigError with one clear line. */
export function loadConfig({ flags = {}, env = process.env, file = null }: ConfigSources): ServiceConfig {
  let fromFile: Record<string, unknown> = {};
  const path = file ?? env.MAILSCORE_CONFIG ?? null;
  if (path) {
    try {
      fromFile = JSON.parse(readFileSync(resolve(path), 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`config file ${JSON.stringify(path)}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (!fromFile || typeof fromFile !== 'object' || Array.isArray(fromFile)) {
      throw new ConfigError(`config file ${JSON.stringify(path)}: expected a JSON object`);
    }
    const unknown = Object.keys(fromFile).filter((k) => !Object.hasOwn(SETTINGS, k));
    if (unknown.length)
      throw new ConfigError(`config file ${JSON.stringify(path)}: unknown setting ${unknown[0]}`);
  }
  const config = {} as Record<SettingKey, unknown>;
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const def = SETTINGS[key];
    if (flags[key] !== undefined) config[key] = convert(key, flags[key], 'flag');
    else if (env[def.env] !== undefined && env[def.env] !== '')
      config[key] = convert(key, env[def.env], 'env');
    else if (fromFile[key] !== undefined) config[key] = convert(key, fromFile[key], 'config file');
    else config[key] = def.default;
  }
  const result = config as ServiceConfig;
  if ((result.tlsCert === null) !== (result.tlsKey === null)) {
    throw new ConfigError('--tls-cert and --tls-key go together');
  }
  if (!isIP(result.listen))
    throw new ConfigError(`--listen must be an IP address, not ${JSON.stringify(result.listen)}`);
  for (const key of ['spamd', 'rspamd'] as const) {
    const problem = filterSettingProblem(key, result[key]);
    if (problem) throw new ConfigError(`--${key}: ${problem}`);
  }
  if (result.dns !== null) {
    try {
      parseServerList(result.dns);
    } catch (err) {
      if (err instanceof ServerListError) throw new ConfigError(`--dns: ${err.message}`);
      throw err;
    }
  }
  return result;
}

/** The `serve --help` text: every setting with its flag, env var, config-file key, default and range. */
export function settingsHelp(): string {
  const rows = (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
    const def = SETTINGS[key] as Setting;
    const value = def.kind === 'boolean' ? '' : def.kind === 'integer' ? ' <n>' : ' <value>';
    const names = `  --${def.flag}${value}`.padEnd(34);
    const facts = [
      def.default === null ? null : `default: ${def.default}`,
      def.min !== undefined && def.max !== undefined ? `range: ${def.min}-${def.max}` : null,
      def.kind === 'boolean' ? 'env/file: true or false' : null,
    ].filter((fact) => fact !== null);
    const details = facts.length ? ` (${facts.join('; ')})` : '';
    return `${names} env ${def.env}, config key ${key}\n      ${def.description}${details}`;
  });
  return [
    'usage: mailscore serve [options]',
    '',
    'Every setting is a flag, an environment variable, or a key of the JSON config file.',
    'Flags win over environment variables, which win over the config file, which wins over the default.',
    '',
    `${'  --config <file.json>'.padEnd(34)} env MAILSCORE_CONFIG`,
    '      JSON object with the config keys below, e.g. {"smtpPort": 25, "domain": "mx.example.com"}',
    ...rows,
  ].join('\n');
}
