/**
 * `mailscore generate spf|dmarc|dkim …`: the records to publish, built from what the user says.
 *
 *   generate spf   [<domain>] --service <id>[,…] --ip <addr|net>[,…] --include <domain>[,…] [--a] [--mx]
 *                  [--all fail|softfail]       one record within 10 lookups (includes flattened only when
 *                                              needed); --list shows the known services
 *   generate dmarc <domain> [--policy none|quarantine|reject] [--sp …] [--np …] [--aspf r|s] [--adkim r|s]
 *                  [--rua <addr>[,…]] [--ruf <addr>[,…]] [--testing]
 *   generate dkim  <domain> --selector <name> [--type rsa-2048|ed25519] [--key-file <path>]
 *
 * Exit 0 when the record (or key) was made, 2 for bad arguments or input the builder cannot use (one line
 * on stderr), 1 for an internal error. The DKIM private key goes to stdout, or only to --key-file (created
 * with mode 0600, never over an existing file); it is kept nowhere else.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { normalizeSpfBuildInput, SPF_PROVIDERS } from '../generate/spf.js';
import { domainProblemMessage, parseAuditDomain } from '../audit/target.js';
import { dmarcBuildProblemMessage } from '../generate/dmarc.js';
import { uiText } from '../i18n/index.js';
import {
  dkimInputFrom,
  dkimProblemMessage,
  dmarcInputFrom,
  GenerateInputError,
  runDkimKey,
  runDmarcBuild,
  runSpfBuild,
  spfInputFrom,
  type DkimDocument,
  type DmarcDocument,
  type SpfDocument,
} from '../pipeline/generate.js';
import { makeResolver, pickLang, quote, UsageError, type CliIo } from './common.js';
import { checkLines, clean, painter, type Paint } from './render-text.js';

export const GENERATE_USAGE = `  mailscore generate spf   [<domain>] [--service <id>[,<id>]] [--ip <addr|net>[,…]] [--include <domain>[,…]]
                    [--a] [--mx] [--all fail|softfail] [--dns …] [--lang en|ja] [--json]   (--list: the services)
  mailscore generate dmarc <domain> [--policy none|quarantine|reject] [--sp …] [--np …] [--aspf r|s] [--adkim r|s]
                    [--rua <addr>[,…]] [--ruf <addr>[,…]] [--testing] [--lang en|ja] [--json]
  mailscore generate dkim  <domain> --selector <name> [--type rsa-2048|ed25519] [--key-file <path>]
                    [--lang en|ja] [--json]`;

const COMMON = {
  lang: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const OPTIONS = {
  spf: {
    ...COMMON,
    service: { type: 'string', multiple: true },
    ip: { type: 'string', multiple: true },
    include: { type: 'string', multiple: true },
    a: { type: 'boolean' },
    mx: { type: 'boolean' },
    all: { type: 'string' },
    dns: { type: 'string' },
    list: { type: 'boolean' },
  },
  dmarc: {
    ...COMMON,
    policy: { type: 'string' },
    sp: { type: 'string' },
    np: { type: 'string' },
    aspf: { type: 'string' },
    adkim: { type: 'string' },
    rua: { type: 'string', multiple: true },
    ruf: { type: 'string', multiple: true },
    testing: { type: 'boolean' },
  },
  dkim: {
    ...COMMON,
    selector: { type: 'string' },
    type: { type: 'string' },
    'key-file': { type: 'string' },
  },
} as const;

type Kind = keyof typeof OPTIONS;

function parse<K extends Kind>(kind: K, args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS[kind], allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
}

/** Repeated flags and comma lists are the same thing: `--ip a --ip b` = `--ip a,b`. */
const listOf = (values: readonly string[] | undefined) =>
  values?.flatMap((value) => value.split(/[\s,]+/)).filter(Boolean);

/** The builders' coded complaints about a field, as the flag the user typed. */
const SPF_PROBLEM_FLAGS: Record<string, string> = {
  'unknown-service': '--service: unknown service (mailscore generate spf --list shows them)',
  'bad-address': '--ip: not an IPv4 or IPv6 address or network',
  'bad-domain': '--include: not a domain name',
  'too-many': 'too many values',
};

function withInputErrors<T>(make: () => T): T {
  try {
    return make();
  } catch (err) {
    if (err instanceof GenerateInputError) throw new UsageError(err.message);
    throw err;
  }
}

const output = (io: CliIo, json: boolean | undefined, document: object, text: () => string) =>
  io.stdout.write(json ? `${JSON.stringify(document)}\n` : text());

async function spf(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('spf', args);
  if (values.list) {
    io.stdout.write(values.json ? `${JSON.stringify(SPF_PROVIDERS)}\n` : providerList(io));
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('generate spf takes at most one domain');
  const fields = {
    services: listOf(values.service),
    addresses: listOf(values.ip),
    includes: listOf(values.include),
    a: values.a,
    mx: values.mx,
    all: values.all,
    domain: positionals[0],
  };
  if (fields.domain !== undefined) fields.domain = auditDomainOf(fields.domain);
  const input = withInputErrors(() => spfInputFrom(fields));
  // The CLI refuses what the builder would leave out (the API and the page show it as a note instead).
  const bad = normalizeSpfBuildInput(input).problems[0];
  if (bad) {
    const reason = String(bad.params?.reason ?? '');
    const shown = [bad.params?.values ?? []].flat().map(String);
    throw new UsageError(`${SPF_PROBLEM_FLAGS[reason] ?? reason}: ${quote(shown[0] ?? '')}`);
  }
  const lang = pickLang(values.lang, io.env);
  const resolver = makeResolver(values.dns, io.env);
  const document = await runSpfBuild(input, { resolver, lang });
  output(io, values.json, document, () => renderSpfBuild(document, input.domain ?? null, painter(color(io))));
  return 0;
}

function dmarc(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('dmarc', args);
  if (positionals.length !== 1) throw new UsageError('generate dmarc takes one domain');
  const domain = auditDomainOf(positionals[0]!);
  const lang = pickLang(values.lang, io.env);
  const input = withInputErrors(() =>
    dmarcInputFrom({
      domain,
      policy: values.policy ?? 'none',
      subdomainPolicy: values.sp,
      nonexistentPolicy: values.np,
      aspf: values.aspf,
      adkim: values.adkim,
      rua: listOf(values.rua),
      ruf: listOf(values.ruf),
      testing: values.testing,
    }),
  );
  const built = runDmarcBuild(input, { lang });
  if (!built.ok) throw new UsageError(dmarcProblemLine(built.problems[0]!));
  output(io, values.json, built.document, () => renderDmarcBuild(built.document, painter(color(io))));
  return Promise.resolve(0);
}

/** The builder names fields as the API does; the CLI names its flags. */
const DMARC_FLAGS: Record<string, string> = { subdomainPolicy: 'sp', nonexistentPolicy: 'np' };

function dmarcProblemLine(problem: Parameters<typeof dmarcBuildProblemMessage>[0]): string {
  const message = dmarcBuildProblemMessage(problem);
  if (problem.field === 'domain') return message;
  const flag = DMARC_FLAGS[problem.field] ?? problem.field;
  return `--${flag}: ${message.startsWith(`${problem.field}: `) ? message.slice(problem.field.length + 2) : message}`;
}

/** The domain argument as A-labels, or exit 2 with the reason. */
function auditDomainOf(input: string): string {
  const parsed = parseAuditDomain(input);
  if (!parsed.ok) throw new UsageError(`${domainProblemMessage(parsed.problem)}: ${quote(input)}`);
  return parsed.domain;
}

async function dkim(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('dkim', args);
  if (positionals.length !== 1) throw new UsageError('generate dkim takes one domain');
  if (values.selector === undefined) throw new UsageError('--selector <name> is required');
  const domain = auditDomainOf(positionals[0]!);
  const lang = pickLang(values.lang, io.env);
  const input = withInputErrors(() =>
    dkimInputFrom({ domain, selector: values.selector, type: values.type }),
  );
  const made = await runDkimKey(input, { lang });
  if (!made.ok) {
    const shown = made.problem === 'bad-type' ? values.type : values.selector;
    throw new UsageError(`--${dkimProblemMessage(made.problem)}: ${quote(shown ?? '')}`);
  }
  const keyFile = values['key-file'];
  if (keyFile !== undefined) {
    await writeKeyFile(keyFile, made.document.privateKeyPem);
    const shown = { ...made.document, privateKeyPem: null, keyFile };
    output(io, values.json, shown, () => renderDkimKey(made.document, painter(color(io)), keyFile));
    return 0;
  }
  output(io, values.json, made.document, () => renderDkimKey(made.document, painter(color(io)), null));
  return 0;
}

/** The private key in a new file only its owner can read; an existing file is never overwritten. */
async function writeKeyFile(path: string, pem: string): Promise<void> {
  try {
    await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' ? 'the file exists (it is never overwritten)' : (code ?? 'cannot write it');
    throw new UsageError(`--key-file: ${why}: ${quote(path)}`);
  }
}

const color = (io: CliIo) => !!io.stdout.isTTY && !io.env.NO_COLOR;

export async function generateCommand(args: string[], io: CliIo): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === undefined)
    throw new UsageError('generate takes spf, dmarc or dkim (mailscore generate --help)');
  if (kind === '--help' || kind === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`usage:\n${GENERATE_USAGE}\n`);
    return 0;
  }
  if (kind === 'spf') return spf(rest, io);
  if (kind === 'dmarc') return dmarc(rest, io);
  if (kind === 'dkim') return dkim(rest, io);
  throw new UsageError(`generate makes spf, dmarc or dkim, not ${quote(kind)}`);
}

// ---- Text ----

function providerList(io: CliIo): string {
  const lang = pickLang(undefined, io.env);
  const idWidth = Math.max(...SPF_PROVIDERS.map((p) => p.id.length));
  const includeWidth = Math.max(...SPF_PROVIDERS.map((p) => p.include.length));
  const lines = [uiText('generateServicesHeading', lang)];
  for (const provider of SPF_PROVIDERS) {
    const include = `include:${provider.include}`.padEnd(includeWidth + 8);
    lines.push(`  ${provider.id.padEnd(idWidth)}  ${include}  ${provider.name}`);
  }
  return `${lines.join('\n')}\n`;
}

const STATUS_KEYS = {
  included: 'generateIncludeIncluded',
  flattened: 'generateIncludeFlattened',
  dropped: 'generateIncludeDropped',
  temperror: 'generateIncludeTemperror',
} as const;

export function renderSpfBuild(document: SpfDocument, domain: string | null, paint: Paint): string {
  const { lang } = document;
  const t = (key: Parameters<typeof uiText>[0], params?: Parameters<typeof uiText>[2]) =>
    uiText(key, lang, params);
  const over = document.lookups > 10;
  const lines = [
    paint(
      'bold',
      domain ? t('generateSpfHeading', { name: clean(domain) }) : t('generateSpfHeadingNoDomain'),
    ),
    `  ${clean(document.zoneValue)}`,
    paint(
      over ? 'red' : 'dim',
      t(document.complete ? 'generateSpfLookups' : 'generateSpfLookupsAtLeast', {
        lookups: document.lookups,
      }),
    ),
  ];
  if (document.includes.length) {
    lines.push('', paint('bold', t('generateSpfIncludes')));
    for (const include of document.includes) {
      const status = t(STATUS_KEYS[include.status]);
      lines.push(
        `  include:${clean(include.domain)}  ${t('generateIncludeLookups', { lookups: include.lookups })}  ${status}`,
      );
    }
  }
  lines.push('', ...checkLines(document.notes, lang, paint));
  return `${lines.join('\n').trimEnd()}\n`;
}

export function renderDmarcBuild(document: DmarcDocument, paint: Paint): string {
  const { lang } = document;
  const lines = [
    paint('bold', uiText('generateDmarcHeading', lang, { name: document.name })),
    `  ${clean(document.value)}`,
  ];
  if (document.authorizations.length) {
    lines.push('', paint('bold', uiText('generateDmarcAuthorizations', lang)));
    for (const authorization of document.authorizations)
      lines.push(`  ${clean(authorization.name)}. IN TXT "${authorization.record}"`);
  }
  lines.push('', ...checkLines(document.notes, lang, paint));
  return `${lines.join('\n').trimEnd()}\n`;
}

export function renderDkimKey(document: DkimDocument, paint: Paint, keyFile: string | null): string {
  const { lang } = document;
  const type = document.type === 'ed25519' ? 'Ed25519' : 'RSA 2048';
  const lines = [
    paint(
      'bold',
      uiText('generateDkimHeading', lang, { type, selector: document.selector, domain: document.domain }),
    ),
    uiText('generateDkimPublish', lang, { name: document.name }),
    `  ${document.zoneLine}`,
    '',
  ];
  if (keyFile) lines.push(uiText('generateDkimKeyFile', lang, { path: clean(keyFile) }));
  else lines.push(paint('yellow', uiText('generateDkimPrivate', lang)), document.privateKeyPem.trimEnd());
  lines.push('', ...checkLines(document.notes, lang, paint));
  return `${lines.join('\n').trimEnd()}\n`;
}
