/** The readable (non-JSON) output: score first, then problems with their fixes, warnings, notes, passes. */
import { uiText } from '../i18n/index.js';
import type { CheckResult, Lang, Report } from '../report/types.js';

const STYLES = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 } as const;
export type Style = keyof typeof STYLES;
export type Paint = (style: Style, text: string) => string;

export interface RenderOptions {
  color: boolean;
}

/** Terminal control characters from hostile input must not reach the terminal (C0, DEL and C1: ESC, CSI, OSC...). */
export const clean = (text: string) => text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');

/** A detail or fix that spans lines (an MTA-STS policy file): its later lines keep the block's indent. */
const indented = (text: string) => clean(text).replace(/\n/g, '\n        ');

export const painter =
  (color: boolean): Paint =>
  (style, text) =>
    color ? `\x1b[${STYLES[style]}m${text}\x1b[0m` : text;

/** The checks, most urgent first: problems, warnings and notes with their details and fixes, then the passes. */
export function checkLines(checks: CheckResult[], lang: Lang, paint: Paint): string[] {
  const lines: string[] = [];
  const section = (heading: string, style: Style, shown: CheckResult[], withFix: boolean) => {
    if (!shown.length) return;
    lines.push(paint('bold', heading));
    for (const check of shown) {
      const cost = check.deduction > 0 ? paint(style, ` (-${check.deduction.toFixed(1)})`) : '';
      lines.push(
        `  ${paint(style, marker(check))} ${clean(check.title)}${cost}  ${paint('dim', `[${check.id}]`)}`,
      );
      if (withFix) {
        lines.push(`      ${indented(check.detail)}`);
        if (check.fix) lines.push(`      ${paint('cyan', `${uiText('fix', lang)}:`)} ${indented(check.fix)}`);
      }
    }
    lines.push('');
  };
  section(
    uiText('failures', lang),
    'red',
    checks.filter((c) => c.status === 'fail' || c.status === 'error'),
    true,
  );
  section(
    uiText('warnings', lang),
    'yellow',
    checks.filter((c) => c.status === 'warn'),
    true,
  );
  section(
    uiText('notes', lang),
    'dim',
    checks.filter((c) => c.status === 'info'),
    true,
  );
  section(
    uiText('passes', lang),
    'green',
    checks.filter((c) => c.status === 'pass'),
    false,
  );
  return lines;
}

export function renderReport(report: Report, { color }: RenderOptions): string {
  const paint = painter(color);
  const lang = report.lang;
  const t = (key: Parameters<typeof uiText>[0], params?: Parameters<typeof uiText>[2]) =>
    uiText(key, lang, params);
  const lines: string[] = [];
  const scoreStyle: Style = report.score >= 8 ? 'green' : report.score >= 5 ? 'yellow' : 'red';
  lines.push(
    paint('bold', `${t('score')}: `) + paint(scoreStyle, `${report.score.toFixed(1)}`) + ` ${t('outOf')}`,
  );
  lines.push('');

  lines.push(...checkLines(report.checks, lang, paint));

  const g = report.gmail;
  lines.push(paint('bold', t('gmailHeading')));
  lines.push(`  ${g.questionMark ? t('gmailQuestionMark') : t('gmailNoQuestionMark')}`);
  lines.push(`  ${g.via ? t('gmailVia', { domain: clean(g.via) }) : t('gmailNoVia')}`);
  lines.push(`  ${g.redLock ? t('gmailRedLock') : t('gmailNoRedLock')}`);
  lines.push(`  ${t('gmailMailedBy', { domain: g.mailedBy && clean(g.mailedBy) })}`);
  lines.push(`  ${t('gmailSignedBy', { domain: g.signedBy && clean(g.signedBy) })}`);
  lines.push('');
  lines.push(...spamFilterLines(report, paint, t));
  lines.push(paint('dim', t('dnsSummary', { ...report.dns })));
  return `${lines.join('\n')}\n`;
}

/** The filter's verdict and every rule with its points (bonuses marked), as the report page lists them. */
function spamFilterLines(
  report: Report,
  paint: (style: Style, text: string) => string,
  t: (key: Parameters<typeof uiText>[0], params?: Parameters<typeof uiText>[2]) => string,
): string[] {
  const filter = report.spamFilter;
  if (!filter) return [];
  const engine =
    filter.engine === 'spamassassin'
      ? 'SpamAssassin'
      : filter.engine === 'rspamd'
        ? 'rspamd'
        : t('spamFilterBuiltin');
  const lines = [
    paint(
      'bold',
      t('spamFilterHeading', {
        engine,
        score: filter.score.toFixed(1),
        threshold: filter.threshold.toFixed(1),
      }),
    ),
  ];
  const width = Math.min(30, Math.max(0, ...filter.rules.map((rule) => rule.name.length)));
  for (const rule of filter.rules) {
    const points =
      `${rule.score > 0 ? '+' : rule.score < 0 ? '-' : ' '}${Math.abs(rule.score).toFixed(1)}`.padStart(6);
    const style: Style = rule.score > 0 ? 'red' : rule.score < 0 ? 'green' : 'dim';
    const bonus = rule.score < 0 ? ` ${t('spamFilterBonus')}` : '';
    lines.push(
      `  ${paint(style, points)}  ${clean(rule.name).padEnd(width)}  ${clean(rule.description)}${bonus}`,
    );
  }
  lines.push('');
  return lines;
}

function marker(check: CheckResult): string {
  switch (check.status) {
    case 'pass':
      return '✓';
    case 'info':
      return 'i';
    case 'warn':
      return '!';
    default:
      return '✗';
  }
}

export function renderSpf(
  spf: { result: string; domain: string | null; mechanism: string | null; explanation: string | null },
  lang: Lang,
): string {
  const lines = [uiText('spfResult', lang, { result: spf.result, domain: spf.domain && clean(spf.domain) })];
  if (spf.mechanism) lines.push(uiText('spfMechanism', lang, { mechanism: clean(spf.mechanism) }));
  if (spf.explanation) lines.push(uiText('spfExplanation', lang, { explanation: clean(spf.explanation) }));
  return `${lines.join('\n')}\n`;
}
