/**
 * `mailscore inspect <file.eml|-> [--trust <authserv-id>[,…]] [--dns …] [--lang en|ja] [--json]`: is a
 * message you received genuine, and is it safe to open? Links are never fetched. Exit 0 when the inspection
 * ran (whatever the verdict), 2 for bad flags or input (one line on stderr), 1 for an internal error (main.ts).
 */
import { uiText } from '../i18n/index.js';
import { inspectMessage } from '../inspect/inspect.js';
import type { InspectionSeverity, InspectionVerdict } from '../inspect/types.js';
import type { UiKey } from '../i18n/en/ui.js';
import type { Report } from '../report/types.js';
import {
  makeResolver,
  parseCommandArgs,
  pickBlocklists,
  pickLang,
  quote,
  UsageError,
  type CliIo,
} from './common.js';
import { readInput } from './input.js';
import { clean, painter, type Paint, type Style } from './render-text.js';

export const INSPECT_USAGE = `  mailscore inspect <file.eml|-> [--trust <authserv-id>[,<authserv-id>]] [--dns <host:port>[,<host:port>]]
                    [--blocklists <file.json>] [--lang en|ja] [--json]  (links are never fetched)`;

const OPTIONS = {
  trust: { type: 'string', multiple: true },
  dns: { type: 'string' },
  blocklists: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** An authserv-id is a host name as the receiving server writes it (RFC 8601 2.5); bounded. */
const AUTHSERV_ID = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/i;

/** --trust values (each may be a comma list), lower case. */
export function parseTrust(values: readonly string[] | undefined): string[] {
  const ids = (values ?? []).flatMap((value) => value.split(',')).map((id) => id.trim());
  if (ids.length > 50) throw new UsageError('--trust: at most 50 authserv-ids');
  for (const id of ids) {
    if (!AUTHSERV_ID.test(id))
      throw new UsageError(`--trust: not an authserv-id (a host name): ${quote(id)}`);
  }
  return ids.map((id) => id.toLowerCase());
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout.write(`usage:\n${INSPECT_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError('inspect takes one message file (or - for standard input)');
  const trust = parseTrust(values.trust);
  const lang = pickLang(values.lang, io.env);
  const resolver = makeResolver(values.dns, io.env);
  const blocklists = pickBlocklists(values.blocklists, io.env);
  const raw = await readInput(positionals[0]!, io.stdin);
  const { report } = await inspectMessage(raw, { resolver, lang, trust, blocklists });
  const color = !!io.stdout.isTTY && !io.env.NO_COLOR;
  io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : renderInspection(report, painter(color)));
  return 0;
}

/** Usage errors reach runCli as UsageError (exit 2 with one line). */
export const inspectCommand = run;

const VERDICT_STYLE: Record<InspectionVerdict, Style> = {
  genuine: 'green',
  suspicious: 'yellow',
  dangerous: 'red',
};
export const VERDICT_KEY: Record<InspectionVerdict, UiKey> = {
  genuine: 'inspectVerdictGenuine',
  suspicious: 'inspectVerdictSuspicious',
  dangerous: 'inspectVerdictDangerous',
};
const SEVERITY_STYLE: Record<InspectionSeverity, Style> = {
  danger: 'red',
  warning: 'yellow',
  ok: 'green',
  info: 'dim',
};
const SEVERITY_MARK: Record<InspectionSeverity, string> = { danger: '✗', warning: '!', ok: '✓', info: 'i' };
/** The checks summary lists at most this many problems (the reasons above already say what matters). */
const SUMMARY_CHECKS = 15;

/** The verdict first in plain words, the reasons, the advice, then a short summary of the checks. */
export function renderInspection(report: Report, paint: Paint): string {
  const { lang } = report;
  const inspection = report.inspection;
  if (!inspection) return '';
  const lines = [
    paint('bold', paint(VERDICT_STYLE[inspection.verdict], uiText(VERDICT_KEY[inspection.verdict], lang))),
  ];
  if (report.message.from || report.message.subject) {
    lines.push(
      paint('dim', `${clean(report.message.from ?? '')}  ${clean(report.message.subject ?? '')}`.trim()),
    );
  }
  lines.push('', paint('bold', uiText('inspectReasonsHeading', lang)));
  for (const reason of inspection.reasons) {
    const style = SEVERITY_STYLE[reason.severity];
    lines.push(
      `  ${paint(style, SEVERITY_MARK[reason.severity])} ${clean(reason.title)}  ${paint('dim', `[${reason.id}]`)}`,
    );
    lines.push(`      ${clean(reason.detail)}`);
  }
  lines.push('', paint('bold', uiText('inspectAdviceHeading', lang)));
  for (const advice of inspection.advice) lines.push(`  → ${clean(advice)}`);
  const problems = report.checks.filter(
    (c) => c.status === 'fail' || c.status === 'warn' || c.status === 'error',
  );
  lines.push('', paint('bold', uiText('inspectChecksHeading', lang)));
  for (const check of problems.slice(0, SUMMARY_CHECKS)) {
    const style: Style = check.status === 'warn' ? 'yellow' : 'red';
    lines.push(
      `  ${paint(style, check.status === 'warn' ? '!' : '✗')} ${clean(check.title)}  ${paint('dim', `[${check.id}]`)}`,
    );
  }
  lines.push('', paint('dim', uiText('dnsSummary', lang, { ...report.dns })));
  return `${lines.join('\n')}\n`;
}
