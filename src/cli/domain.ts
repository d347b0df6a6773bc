/**
 * `mailscore domain <domain> [--selector s[,…]] [--ip <ip>] [--dns …] [--blocklists file] [--lang en|ja]
 * [--json]`: a domain's sending setup audited without any message (src/audit/). Exit 0 when the audit ran
 * (whatever it found), 2 for a bad domain, selector, IP or flag (one line on stderr), 1 for an internal error.
 */
import { auditDomain } from '../audit/audit.js';
import {
  domainProblemMessage,
  ipProblemMessage,
  parseAuditDomain,
  parseAuditIp,
  parseSelectors,
  selectorProblemMessage,
} from '../audit/target.js';
import type { DomainAudit, SpfTreeNode } from '../audit/types.js';
import { domainAuditWords, type DomainAuditWords } from '../i18n/domain-audit.js';
import { uiText } from '../i18n/index.js';
import { countsAsListed } from '../pipeline/blocklist.js';
import type { Lang } from '../report/types.js';
import {
  makeResolver,
  parseCommandArgs,
  pickBlocklists,
  pickLang,
  quote,
  UsageError,
  type CliIo,
} from './common.js';
import { checkLines, clean, painter, type Paint, type Style } from './render-text.js';

export const DOMAIN_USAGE = `  mailscore domain  <domain> [--selector <name>[,<name>]] [--ip <sending-ip>] [--dns <host:port>[,<host:port>]]
                    [--blocklists <file.json>] [--lang en|ja] [--json]`;

const OPTIONS = {
  selector: { type: 'string', multiple: true },
  ip: { type: 'string' },
  dns: { type: 'string' },
  blocklists: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout.write(`usage:\n${DOMAIN_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('domain takes one domain name');
  const input = positionals[0]!;
  const target = parseAuditDomain(input);
  if (!target.ok) throw new UsageError(`${domainProblemMessage(target.problem)}: ${quote(input)}`);
  const selectors = parseSelectors(values.selector ?? [], target.domain);
  if (!selectors.ok) {
    const shown = selectors.problem.reason === 'bad-selector' ? `: ${quote(selectors.problem.selector)}` : '';
    throw new UsageError(`--selector: ${selectorProblemMessage(selectors.problem)}${shown}`);
  }
  let ip: string | null = null;
  if (values.ip !== undefined) {
    const checked = parseAuditIp(values.ip);
    if (!checked.ok) throw new UsageError(`--ip: ${ipProblemMessage(checked.problem)}: ${quote(values.ip)}`);
    ip = checked.ip;
  }
  const lang = pickLang(values.lang, io.env);
  const blocklists = pickBlocklists(values.blocklists, io.env);
  const resolver = makeResolver(values.dns, io.env);
  const { audit } = await auditDomain(target.domain, {
    resolver,
    lang,
    selectors: selectors.selectors,
    ip,
    blocklists,
  });
  const color = !!io.stdout.isTTY && !io.env.NO_COLOR;
  io.stdout.write(values.json ? `${JSON.stringify(audit)}\n` : renderDomainAudit(audit, painter(color)));
  return 0;
}

/** Usage errors reach runCli as UsageError (exit 2 with one line). */
export const domainCommand = run;

// ---- Text ----

/** Nodes shown, so a hostile tree (or a bug) cannot print without end; the audit walks at most 40 records. */
const MAX_TREE_LINES = 100;

/** The include/redirect tree, one node a line, indented, with its own and its total lookup counts. */
export function spfTreeLines(root: SpfTreeNode, w: DomainAuditWords, paint: Paint): string[] {
  const lines: string[] = [];
  const walk = (node: SpfTreeNode, prefix: string, childPrefix: string, depth: number) => {
    if (lines.length >= MAX_TREE_LINES || depth > 50) return;
    const name = node.via === 'root' ? clean(node.domain) : `${node.via}:${clean(node.domain)}`;
    const error = node.error ? `  ${paint('red', w.spfError(clean(node.error)))}` : '';
    lines.push(`${prefix}${name}  ${paint('dim', `(${w.treeCounts(node)})`)}${error}`);
    node.children.forEach((child, i) => {
      const last = i === node.children.length - 1;
      walk(
        child,
        `${childPrefix}${last ? '└─ ' : '├─ '}`,
        `${childPrefix}${last ? '   ' : '│  '}`,
        depth + 1,
      );
    });
  };
  walk(root, '  ', '  ', 0);
  return lines;
}

const heading = (paint: Paint, title: string, value?: string) =>
  value === undefined ? paint('bold', title) : `${paint('bold', `${title}:`)} ${value}`;

type Section = (audit: DomainAudit, w: DomainAuditWords, paint: Paint) => string[];

const spfLines: Section = (audit, w, paint) => {
  const { spf } = audit;
  if (!spf.record) return [heading(paint, 'SPF', w.spfMissing(spf))];
  const over = spf.lookups > 10 || spf.voidLookups > 2;
  const counts = w.text('domainSpfCounts', { lookups: spf.lookups, voidLookups: spf.voidLookups });
  const lines = [heading(paint, 'SPF', clean(spf.record)), `  ${paint(over ? 'red' : 'dim', counts)}`];
  if (spf.tree) lines.push(...spfTreeLines(spf.tree, w, paint));
  if (audit.ip && spf.ipResult)
    lines.push(`  ${w.text('domainSpfIpResult', { ip: audit.ip.ip, result: spf.ipResult })}`);
  return lines;
};

function planLines(audit: DomainAudit, w: DomainAuditWords): string[] {
  const plan = audit.dmarc.plan ?? [];
  if (!plan.length) return [];
  return [
    `  ${w.text('domainDmarcPlan', { name: `_dmarc.${audit.domain}` })}`,
    ...plan.map((step, i) => `    ${i + 1}. ${w.planStage(step.stage)}: ${clean(step.record)}`),
  ];
}

const dmarcLines: Section = (audit, w, paint) => {
  const { dmarc } = audit;
  if (!dmarc.record) return [heading(paint, 'DMARC', w.text('domainNotPublished')), ...planLines(audit, w)];
  const lines = [heading(paint, 'DMARC', clean(dmarc.record))];
  if (dmarc.foundAt) lines.push(`  ${w.text('domainDmarcFoundAt', { name: clean(dmarc.foundAt) })}`);
  const p = dmarc.policy;
  const sp = dmarc.subdomainPolicy ?? p;
  lines.push(`  ${w.text('domainDmarcPolicies', { p, sp, np: dmarc.nonexistentPolicy ?? sp })}`);
  for (const report of dmarc.reporting ?? []) {
    const key = report.authorized ? 'domainDmarcAuthorized' : 'domainDmarcNotAuthorized';
    const authorized =
      report.authorized === null || !report.domain
        ? ''
        : ` — ${w.text(key, { domain: clean(report.domain) })}`;
    lines.push(
      `  ${w.text('domainDmarcReport', { kind: report.kind, uri: clean(report.uri) })}${authorized}`,
    );
  }
  return [...lines, ...planLines(audit, w)];
};

const dkimLines: Section = (audit, w, paint) => {
  const title = w.text('domainDkimHeading');
  if (!audit.dkim.length) return [heading(paint, title, w.text('domainDkimNone'))];
  return [
    heading(paint, title),
    ...audit.dkim.map((key) => `  ${clean(key.selector)}: ${w.list(w.dkimFacts(key))}`),
  ];
};

const mxLines: Section = (audit, w, paint) => {
  if (audit.nullMx) return [heading(paint, 'MX', w.text('domainMxNull'))];
  if (!audit.mx.length) return [heading(paint, 'MX', w.text('domainMxNone'))];
  return [
    heading(paint, 'MX'),
    ...audit.mx.map((host) => {
      const addresses = host.addresses.length
        ? w.list(host.addresses.map(clean))
        : w.text('domainMxNoAddress');
      const fcrdns = paint(
        host.fcrdns ? 'green' : 'yellow',
        w.text(host.fcrdns ? 'domainMxFcrdns' : 'domainMxNoFcrdns'),
      );
      return `  ${host.priority} ${clean(host.exchange)}  ${addresses}  ${fcrdns}`;
    }),
  ];
};

const transportLines: Section = (audit, w, paint) => {
  const { mtaSts, tlsRpt, bimi, dnssec } = audit;
  const unpublished = w.text('domainNotPublished');
  const lines: string[] = [];
  lines.push(heading(paint, 'MTA-STS', mtaSts.record ? clean(mtaSts.record) : unpublished));
  if (mtaSts.record && mtaSts.policy) {
    const { mode, maxAge, mx } = mtaSts.policy;
    lines.push(`  ${w.text('domainMtaStsPolicy', { mode, maxAge, mx: mx.map(clean) })}`);
  }
  if (mtaSts.record && mtaSts.error)
    lines.push(`  ${paint('yellow', w.text('domainMtaStsError', { error: clean(mtaSts.error) }))}`);
  lines.push(heading(paint, 'TLS-RPT', tlsRpt.record ? clean(tlsRpt.record) : unpublished));
  if (tlsRpt.record && tlsRpt.rua.length)
    lines.push(`  ${w.text('domainTlsRptRua', { rua: tlsRpt.rua.map(clean) })}`);
  lines.push(heading(paint, 'BIMI', bimi.record ? clean(bimi.record) : unpublished));
  if (bimi.record) {
    if (bimi.logoUrl) lines.push(`  ${w.text('domainBimiLogo', { url: clean(bimi.logoUrl) })}`);
    if (bimi.svgOk) lines.push(`  ${w.text('domainBimiSvgOk')}`);
    else if (bimi.svgProblems.length) {
      const problems = w.text('domainBimiSvgProblems', { problems: bimi.svgProblems.map(clean) });
      lines.push(`  ${paint('yellow', problems)}`);
    }
    lines.push(`  ${w.text(bimi.dmarcEligible ? 'domainBimiDmarcOk' : 'domainBimiDmarcWeak')}`);
  }
  lines.push(heading(paint, 'DNSSEC', w.dnssec(dnssec)));
  return lines;
};

const ipLines: Section = (audit, w, paint) => {
  const { ip } = audit;
  if (!ip) return [];
  const names = ip.ptr.length ? ip.ptr.map(clean) : null;
  const fcrdns = paint(
    ip.fcrdns ? 'green' : 'yellow',
    w.text(ip.fcrdns ? 'domainMxFcrdns' : 'domainMxNoFcrdns'),
  );
  const lines = [
    heading(paint, w.text('domainIpHeading', { ip: ip.ip })),
    `  ${w.text('domainIpPtr', { names })}  ${fcrdns}`,
  ];
  if (ip.spf) lines.push(`  ${w.text('domainIpSpf', { domain: audit.domain, result: ip.spf })}`);
  const blocks = ip.blocklists.filter((r) => r.role === 'block');
  if (blocks.length) {
    const listed = blocks.filter(countsAsListed).length;
    const words = w.text(listed ? 'domainIpListed' : 'domainIpClean', {
      count: listed,
      total: blocks.length,
    });
    lines.push(`  ${paint(listed ? 'red' : 'green', words)}`);
  }
  return lines;
};

/** The audit for a terminal: score, each section's facts (the SPF tree indented), then the checks. */
export function renderDomainAudit(audit: DomainAudit, paint: Paint): string {
  const lang: Lang = audit.lang;
  const w = domainAuditWords(lang);
  const scoreStyle: Style = audit.score >= 8 ? 'green' : audit.score >= 5 ? 'yellow' : 'red';
  const lines = [
    paint('bold', w.text('domainHeading', { domain: audit.domain })),
    `${paint('bold', `${uiText('score', lang)}: `)}${paint(scoreStyle, audit.score.toFixed(1))} ${uiText('outOf', lang)}`,
    '',
  ];
  for (const section of [spfLines, dmarcLines, dkimLines, mxLines, transportLines, ipLines]) {
    const part = section(audit, w, paint);
    if (part.length) lines.push(...part, '');
  }
  lines.push(...checkLines(audit.checks, lang, paint));
  lines.push(
    paint('dim', uiText('dnsSummary', lang, { ...audit.dns, timeMs: Math.round(audit.dns.timeMs) })),
  );
  return `${lines.join('\n')}\n`;
}
