/**
 * `mailscore blocklist <ip|domain> [--dns host:port[,…]] [--blocklists file] [--lang en|ja] [--json]`:
 * one target on every list in use. Exit 0 when the lookup ran (listed or not), 2 for a bad target or bad
 * flags (one line on stderr), 1 for an internal error (main.ts).
 */
import type { BlocklistResult } from '../blocklists/types.js';
import { blocklistWords } from '../i18n/blocklist-results.js';
import { uiText } from '../i18n/index.js';
import {
  checkTarget,
  lookUpBlocklists,
  type BlocklistReport,
  type TargetProblem,
} from '../pipeline/blocklist.js';
import type { Lang } from '../report/types.js';
import { checkLines, clean, painter, type Paint, type Style } from './render-text.js';
import {
  makeResolver,
  parseCommandArgs,
  pickBlocklists,
  pickLang,
  quote,
  UsageError,
  type CliIo,
} from './common.js';

export const BLOCKLIST_USAGE = `  mailscore blocklist <ip|domain> [--dns <host:port>[,<host:port>]] [--blocklists <file.json>]
                    [--lang en|ja] [--json]`;

const OPTIONS = {
  dns: { type: 'string' },
  blocklists: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function problemLine(input: string, problem: TargetProblem): string {
  if (problem.reason === 'special-address') {
    return `${quote(input)} is a special-purpose address (${problem.block}, ${problem.rfc}): blocklists list only public addresses`;
  }
  return `not an IP address or a domain name: ${quote(input)}`;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout.write(`usage:\n${BLOCKLIST_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('blocklist takes one IP address or domain name');
  const input = positionals[0]!;
  const lang = pickLang(values.lang, io.env);
  const checked = checkTarget(input);
  if (!checked.ok) throw new UsageError(problemLine(input, checked.problem));
  const zones = pickBlocklists(values.blocklists, io.env);
  const resolver = makeResolver(values.dns, io.env);
  const { report } = await lookUpBlocklists(checked.target, { resolver, zones, lang });
  const color = !!io.stdout.isTTY && !io.env.NO_COLOR;
  io.stdout.write(
    values.json ? `${JSON.stringify(report)}\n` : renderBlocklistReport(report, painter(color)),
  );
  return 0;
}

/** Usage errors reach runCli as UsageError (exit 2 with one line). */
export const blocklistCommand = run;

const STATUS_STYLE: Record<BlocklistResult['status'], Style> = {
  listed: 'red',
  clean: 'green',
  error: 'yellow',
};
const STATUS_MARK: Record<BlocklistResult['status'], string> = { listed: '✗', clean: '✓', error: '?' };

/** One list: its name and zone, its state with the codes received, then what each code means (or why no verdict). */
function resultLines(result: BlocklistResult, lang: Lang, paint: Paint, width: number): string[] {
  const words = blocklistWords(lang);
  const allow = result.role === 'allow';
  // An allowlist listing is good news, and an informational listing costs nothing: neither is shown in red.
  const style: Style =
    result.status === 'listed' && (allow || result.weight === 'info') ? 'cyan' : STATUS_STYLE[result.status];
  const mark = result.status === 'listed' && allow ? '+' : STATUS_MARK[result.status];
  const name = `${clean(result.name)} (${clean(result.zone)})`.padEnd(width);
  const codes = result.codes.length ? `: ${result.codes.map(clean).join(', ')}` : '';
  const lines = [`  ${paint(style, mark)} ${name}  ${paint(style, `${words.status(result)}${codes}`)}`];
  for (const listing of result.listings) lines.push(`      ${clean(words.listing(listing))}`);
  if (result.status === 'error' && result.error) lines.push(`      ${words.reason(result.error)}`);
  return lines;
}

export function renderBlocklistReport(report: BlocklistReport, paint: Paint): string {
  const { lang } = report;
  const words = blocklistWords(lang);
  const blocks = report.blocklists.filter((r) => r.role === 'block');
  const allows = report.blocklists.filter((r) => r.role === 'allow');
  const width = Math.min(
    48,
    Math.max(0, ...report.blocklists.map((r) => `${clean(r.name)} (${clean(r.zone)})`.length)),
  );
  const lines = [
    paint('bold', uiText('blocklistHeading', lang, { target: report.target, kind: words.kind(report.kind) })),
    ...words.summary(report).map((sentence) => paint(report.listed ? 'red' : 'green', sentence)),
    '',
  ];
  if (blocks.length) {
    lines.push(paint('bold', uiText('blocklistBlocklists', lang)));
    lines.push(...blocks.flatMap((r) => resultLines(r, lang, paint, width)), '');
  }
  if (allows.length) {
    lines.push(paint('bold', uiText('blocklistAllowlists', lang)));
    lines.push(...allows.flatMap((r) => resultLines(r, lang, paint, width)), '');
  }
  lines.push(...checkLines(report.checks, lang, paint));
  lines.push(paint('dim', uiText('dnsSummary', lang, { ...report.dns })));
  return `${lines.join('\n')}\n`;
}
