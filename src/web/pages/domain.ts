/**
 * The domain audit page: GET /domain (the form: domain, optional DKIM selectors and sending IP) and
 * GET /domain/:domain (the audit: score, one card per section with its facts — the SPF include tree with
 * its counts, the DMARC record with where it was found and the staged plan, the DKIM keys, the MX hosts
 * with their reverse DNS, MTA-STS / TLS-RPT / BIMI / DNSSEC, the IP — then the checks with their fixes as
 * the report shows them). Pure: data in, markup out. Everything from the user or from DNS reaches the page
 * only through the `html` template (escaped) and in encoded URLs.
 */
import type { DomainProblem, IpProblem, SelectorProblem } from '../../audit/target.js';
import type { DomainAudit, DkimKeyData, MxHostData, SpfTreeNode } from '../../audit/types.js';
import type { Finding } from '../../checks/types.js';
import { domainAuditWords, type DomainAuditWords } from '../../i18n/domain-audit.js';
import { countsAsListed } from '../../pipeline/blocklist.js';
import type { Lang } from '../../report/types.js';
import { html, type SafeHtml } from '../html.js';
import { recordBox } from './components.js';
import { DOMAIN_PATH, GENERATE_PATH, domainAuditPath } from './domain-link.js';
import { pageUrl, renderPage } from './layout.js';
import { bandOf, categoryCards, scoreDial, type Band } from './report.js';
import { formatTime, t, type PageKey } from './words.js';

/** What the form shows under the fields when the last request was refused. */
export type DomainFormError =
  | { kind: 'domain'; input: string; problem: DomainProblem }
  | { kind: 'selector'; problem: SelectorProblem }
  | { kind: 'ip'; problem: IpProblem }
  | { kind: 'rate-limited'; limit: number; retryAfterSeconds: number };

/** The form's fields as the user typed them (shown again after a refusal). */
export interface DomainFormValues {
  domain?: string;
  selectors?: string;
  ip?: string;
}

interface PageBase {
  lang: Lang;
  reportTtlDays: number;
}

const DOMAIN_PROBLEM_WORDS: Record<DomainProblem['reason'], PageKey> = {
  empty: 'domainBadEmpty',
  'too-long': 'domainBadTooLong',
  'label-too-long': 'domainBadLabelTooLong',
  'empty-label': 'domainBadEmptyLabel',
  'bad-characters': 'domainBadCharacters',
  'single-label': 'domainBadSingleLabel',
  'numeric-tld': 'domainBadNumericTld',
  'ip-address': 'domainBadIpAddress',
  'email-address': 'domainBadEmailAddress',
  url: 'domainBadUrl',
  'special-use': 'domainBadSpecialUse',
};

export function domainErrorText(error: DomainFormError, lang: Lang): string {
  switch (error.kind) {
    case 'rate-limited':
      return t(lang, 'domainRateLimited', { limit: error.limit, seconds: error.retryAfterSeconds });
    case 'selector':
      return error.problem.reason === 'too-many-selectors'
        ? t(lang, 'domainTooManySelectors', { max: error.problem.max })
        : t(lang, 'domainBadSelector', { selector: error.problem.selector });
    case 'ip':
      return error.problem.reason === 'special-address'
        ? t(lang, 'domainSpecialIp', { ...error.problem })
        : t(lang, 'domainBadIp', { ip: error.problem.input });
    case 'domain': {
      const problem = error.problem;
      const inner = 'domain' in problem ? problem.domain : null;
      // An address or a URL that holds a domain: say which one to enter instead.
      const key =
        (problem.reason === 'email-address' || problem.reason === 'url') && !inner
          ? 'domainBadNotADomain'
          : DOMAIN_PROBLEM_WORDS[problem.reason];
      return t(lang, key, { ...problem, input: error.input, domain: inner, reason: null });
    }
  }
}

/** Which field the error belongs to, for aria-invalid. */
const errorField = (error: DomainFormError | null) =>
  error?.kind === 'selector' ? 'selectors' : error?.kind === 'ip' ? 'ip' : error ? 'domain' : null;

const invalid = (field: string, error: DomainFormError | null) =>
  errorField(error) === field ? html`aria-invalid="true" aria-describedby="domain-error"` : '';

/** The form: a GET, so an audit is a plain link and works without JavaScript. */
export function domainForm(
  lang: Lang,
  values: DomainFormValues = {},
  error: DomainFormError | null = null,
): SafeHtml {
  return html`<form method="get" action="${DOMAIN_PATH}" class="lookup-form" data-domain-form>
    <input type="hidden" name="lang" value="${lang}" />
    <label for="domain-name">${t(lang, 'domainLabel')}</label>
    <div class="lookup-row">
      <input
        id="domain-name"
        name="domain"
        type="text"
        value="${values.domain ?? ''}"
        placeholder="${t(lang, 'domainPlaceholder')}"
        maxlength="300"
        autocomplete="off"
        autocapitalize="off"
        spellcheck="false"
        required
        ${invalid('domain', error)}
      />
      <button type="submit" class="button">${t(lang, 'domainSubmit')}</button>
    </div>
    <details
      class="more-fields"
      ${values.selectors || values.ip || errorField(error) === 'selectors' || errorField(error) === 'ip' ? html`open` : ''}
    >
      <summary>${t(lang, 'domainMoreOptions')}</summary>
      <label for="domain-selectors">${t(lang, 'domainSelectorsLabel')}</label>
      <input
        id="domain-selectors"
        class="field"
        name="selector"
        type="text"
        value="${values.selectors ?? ''}"
        placeholder="${t(lang, 'domainSelectorsPlaceholder')}"
        maxlength="300"
        autocomplete="off"
        autocapitalize="off"
        spellcheck="false"
        ${invalid('selectors', error)}
      />
      <p class="note">${t(lang, 'domainSelectorsHint')}</p>
      <label for="domain-ip">${t(lang, 'domainIpLabel')}</label>
      <input
        id="domain-ip"
        class="field"
        name="ip"
        type="text"
        value="${values.ip ?? ''}"
        placeholder="${t(lang, 'domainIpPlaceholder')}"
        maxlength="100"
        autocomplete="off"
        autocapitalize="off"
        spellcheck="false"
        ${invalid('ip', error)}
      />
      <p class="note">${t(lang, 'domainIpHint')}</p>
    </details>
    ${error && html`<p class="problem-box" id="domain-error" role="alert">${domainErrorText(error, lang)}</p>`}
  </form>`;
}

export interface DomainFormPage extends PageBase {
  values?: DomainFormValues;
  error?: DomainFormError | null;
  /** Where the language switch leads (default: the form), and the query it keeps. */
  path?: string;
  keep?: Record<string, string>;
}

export function renderDomainFormPage({
  lang,
  reportTtlDays,
  values,
  error,
  path,
  keep,
}: DomainFormPage): SafeHtml {
  const body = html`<section class="hero">
    <h1>${t(lang, 'domainTitle')}</h1>
    <p class="lead">${t(lang, 'domainLead')}</p>
    ${domainForm(lang, values ?? {}, error ?? null)}
    <p class="note">
      <a href="${pageUrl(GENERATE_PATH, lang)}" data-generate-link>${t(lang, 'generateLink')}</a>
    </p>
  </section>`;
  return renderPage({
    lang,
    title: t(lang, 'domainTitle'),
    path: path ?? DOMAIN_PATH,
    ...(keep ? { keep } : {}),
    reportTtlDays,
    body,
  });
}

// ---- The audit ----

const BAND_WORDS: Record<Band, PageKey> = {
  excellent: 'bandExcellent',
  good: 'bandGood',
  fair: 'bandFair',
  poor: 'bandPoor',
  bad: 'bandBad',
};

type Words = DomainAuditWords;

const notPublished = (u: Words) =>
  html`<p class="note" data-not-published>${u.text('domainNotPublished')}</p>`;

/** Nodes drawn at most (the audit walks at most 40 records; this guards the page against anything odd). */
const MAX_TREE_NODES = 100;

function spfTree(root: SpfTreeNode, u: Words): SafeHtml {
  let drawn = 0;
  const node = (item: SpfTreeNode, depth: number): SafeHtml => {
    if (++drawn > MAX_TREE_NODES || depth > 50) return html``;
    const name = item.via === 'root' ? item.domain : `${item.via}:${item.domain}`;
    return html`<li
      data-spf-node="${item.domain}"
      data-lookups="${item.lookups}"
      data-total="${item.totalLookups}"
      data-error="${item.error ?? ''}"
    >
      <code>${name}</code>
      <span class="tree-count">${u.treeCounts(item)}</span>
      ${item.error && html`<span class="tree-error">${u.spfError(item.error)}</span>`}
      ${
        item.children.length > 0 &&
        html`<ul>
          ${item.children.map((child) => node(child, depth + 1))}
        </ul>`
      }
    </li>`;
  };
  return html`<ul class="spf-tree" data-spf-tree>
    ${node(root, 0)}
  </ul>`;
}

const card = (id: string, title: string, body: SafeHtml, section: string) =>
  html`<section class="card" aria-labelledby="${id}" data-section="${section}">
    <h2 id="${id}">${title}</h2>
    <div class="card-body">${body}</div>
  </section>`;

function spfCard(audit: DomainAudit, lang: Lang, u: Words): SafeHtml {
  const { spf } = audit;
  if (!spf.record)
    return card(
      'spf-heading',
      'SPF',
      html`<p class="note" data-not-published>${u.spfMissing(spf)}</p>`,
      'spf',
    );
  const over = spf.lookups > 10 || spf.voidLookups > 2;
  return card(
    'spf-heading',
    'SPF',
    html`${recordBox(spf.record, lang)}
      <p class="${over ? 'listed' : ''}" data-spf-counts>
        ${u.text('domainSpfCounts', { lookups: spf.lookups, voidLookups: spf.voidLookups })}
      </p>
      ${spf.tree && spfTree(spf.tree, u)}
      ${audit.ip && spf.ipResult && html`<p>${u.text('domainSpfIpResult', { ip: audit.ip.ip, result: spf.ipResult })}</p>`}`,
    'spf',
  );
}

function dmarcPlan(audit: DomainAudit, lang: Lang, u: Words): SafeHtml {
  const plan = audit.dmarc.plan ?? [];
  if (!plan.length) return html``;
  return html`<p>${u.text('domainDmarcPlan', { name: `_dmarc.${audit.domain}` })}</p>
    <ol class="plan" data-dmarc-plan>
      ${plan.map(
        (step) =>
          html`<li data-stage="${step.stage}">
            <strong>${u.planStage(step.stage)}</strong>
            ${recordBox(step.record, lang)}
          </li>`,
      )}
    </ol>`;
}

function dmarcCard(audit: DomainAudit, lang: Lang, u: Words): SafeHtml {
  const { dmarc } = audit;
  if (!dmarc.record)
    return card('dmarc-heading', 'DMARC', html`${notPublished(u)}${dmarcPlan(audit, lang, u)}`, 'dmarc');
  const reporting = dmarc.reporting ?? [];
  return card(
    'dmarc-heading',
    'DMARC',
    html`${recordBox(dmarc.record, lang)}
      ${dmarc.foundAt && html`<p data-found-at="${dmarc.foundAt}">${u.text('domainDmarcFoundAt', { name: dmarc.foundAt })}</p>`}
      <p>
        ${u.text('domainDmarcPolicies', {
          p: dmarc.policy,
          sp: dmarc.subdomainPolicy ?? dmarc.policy,
          np: dmarc.nonexistentPolicy ?? dmarc.subdomainPolicy ?? dmarc.policy,
        })}
      </p>
      ${
        reporting.length > 0 &&
        html`<ul class="plain">
          ${reporting.map(
            (r) =>
              html`<li
                data-report-uri="${r.uri}"
                data-authorized="${r.authorized === null ? '' : String(r.authorized)}"
              >
                ${u.text('domainDmarcReport', { kind: r.kind, uri: r.uri })}
                ${
                  r.authorized !== null &&
                  r.domain &&
                  html`<span class="${r.authorized ? 'state-ok' : 'listed'}"
                    >${u.text(r.authorized ? 'domainDmarcAuthorized' : 'domainDmarcNotAuthorized', { domain: r.domain })}</span
                  >`
                }
              </li>`,
          )}
        </ul>`
      }
      ${dmarcPlan(audit, lang, u)}`,
    'dmarc',
  );
}

function dkimRow(key: DkimKeyData, u: Words): SafeHtml {
  return html`<tr data-selector="${key.selector}" data-revoked="${String(key.revoked)}">
    <td><code>${key.selector}</code></td>
    <td>${u.list(u.dkimFacts(key))}</td>
  </tr>`;
}

function dkimCard(audit: DomainAudit, lang: Lang, u: Words): SafeHtml {
  const body = audit.dkim.length
    ? html`<table class="table">
        <thead>
          <tr>
            <th scope="col">${t(lang, 'domainColumnSelector')}</th>
            <th scope="col">${t(lang, 'domainColumnKey')}</th>
          </tr>
        </thead>
        <tbody>
          ${audit.dkim.map((key) => dkimRow(key, u))}
        </tbody>
      </table>`
    : html`<p class="note">${u.text('domainDkimNone')}</p>`;
  return card('dkim-heading', u.text('domainDkimHeading'), body, 'dkim');
}

function mxRow(host: MxHostData, u: Words): SafeHtml {
  const ptr = host.ptr ?? {};
  return html`<tr data-exchange="${host.exchange}" data-fcrdns="${String(host.fcrdns)}">
    <td>${host.priority}</td>
    <td><code>${host.exchange}</code></td>
    <td>
      ${
        host.addresses.length
          ? host.addresses.map(
              (address) =>
                html`<code>${address}</code
                  >${(ptr[address] ?? []).length > 0 && html` → <code>${u.list(ptr[address]!)}</code>`}<br />`,
            )
          : u.text('domainMxNoAddress')
      }
    </td>
    <td class="${host.fcrdns ? 'state-ok' : 'state-warn'}">
      ${u.text(host.fcrdns ? 'domainMxFcrdns' : 'domainMxNoFcrdns')}
    </td>
  </tr>`;
}

function mxCard(audit: DomainAudit, lang: Lang, u: Words): SafeHtml {
  let body: SafeHtml;
  if (audit.nullMx) body = html`<p data-null-mx>${u.text('domainMxNull')}</p>`;
  else if (!audit.mx.length) body = html`<p class="note">${u.text('domainMxNone')}</p>`;
  else
    body = html`<table class="table mx-table">
      <thead>
        <tr>
          <th scope="col">${t(lang, 'domainColumnPriority')}</th>
          <th scope="col">${t(lang, 'domainColumnHost')}</th>
          <th scope="col">${t(lang, 'domainColumnAddresses')}</th>
          <th scope="col">${t(lang, 'domainColumnReverse')}</th>
        </tr>
      </thead>
      <tbody>
        ${audit.mx.map((host) => mxRow(host, u))}
      </tbody>
    </table>`;
  return card('mx-heading', 'MX', body, 'mx');
}

function transportCard(audit: DomainAudit, lang: Lang, u: Words): SafeHtml {
  const { mtaSts, tlsRpt, bimi, dnssec } = audit;
  const mtaStsFacts = mtaSts.record
    ? html`<code>${mtaSts.record}</code> ${
          mtaSts.policy &&
          html`<br />${u.text('domainMtaStsPolicy', {
              mode: mtaSts.policy.mode,
              maxAge: mtaSts.policy.maxAge,
              mx: mtaSts.policy.mx,
            })}`
        }
        ${mtaSts.error && html`<br /><span class="state-warn">${u.text('domainMtaStsError', { error: mtaSts.error })}</span>`}`
    : u.text('domainNotPublished');
  const tlsRptFacts = tlsRpt.record
    ? html`<code>${tlsRpt.record}</code
        >${tlsRpt.rua.length > 0 && html`<br />${u.text('domainTlsRptRua', { rua: tlsRpt.rua })}`}`
    : u.text('domainNotPublished');
  const bimiFacts = bimi.record
    ? html`<code>${bimi.record}</code>
        ${bimi.logoUrl && html`<br />${u.text('domainBimiLogo', { url: bimi.logoUrl })}`}
        ${
          bimi.svgOk
            ? html`<br />${u.text('domainBimiSvgOk')}`
            : bimi.svgProblems.length > 0 &&
              html`<br /><span class="state-warn"
                  >${u.text('domainBimiSvgProblems', { problems: bimi.svgProblems })}</span
                >`
        }
        <br />${u.text(bimi.dmarcEligible ? 'domainBimiDmarcOk' : 'domainBimiDmarcWeak')}`
    : u.text('domainNotPublished');
  return card(
    'transport-heading',
    t(lang, 'domainTransportHeading'),
    html`<dl class="facts">
      <dt>MTA-STS</dt>
      <dd data-fact="mta-sts">${mtaStsFacts}</dd>
      <dt>TLS-RPT</dt>
      <dd data-fact="tls-rpt">${tlsRptFacts}</dd>
      <dt>BIMI</dt>
      <dd data-fact="bimi">${bimiFacts}</dd>
      <dt>DNSSEC</dt>
      <dd data-fact="dnssec">${u.dnssec(dnssec)}</dd>
    </dl>`,
    'transport',
  );
}

function ipCard(audit: DomainAudit, u: Words): SafeHtml {
  const { ip } = audit;
  if (!ip) return html``;
  const blocks = ip.blocklists.filter((r) => r.role === 'block');
  const listed = blocks.filter(countsAsListed).length;
  return card(
    'ip-heading',
    u.text('domainIpHeading', { ip: ip.ip }),
    html`<ul class="plain">
      <li>
        ${u.text('domainIpPtr', { names: ip.ptr.length ? ip.ptr : null })}
        <span class="${ip.fcrdns ? 'state-ok' : 'state-warn'}"
          >${u.text(ip.fcrdns ? 'domainMxFcrdns' : 'domainMxNoFcrdns')}</span
        >
      </li>
      ${ip.spf && html`<li>${u.text('domainIpSpf', { domain: audit.domain, result: ip.spf })}</li>`}
      ${
        blocks.length > 0 &&
        html`<li class="${listed ? 'listed' : 'state-ok'}">
          ${u.text(listed ? 'domainIpListed' : 'domainIpClean', { count: listed, total: blocks.length })}
        </li>`
      }
    </ul>`,
    'ip',
  );
}

const countStatus = (audit: DomainAudit, ...statuses: string[]) =>
  audit.checks.filter((c) => statuses.includes(c.status)).length;

/** The JSON of this audit, from the API (same selectors and IP). */
function apiUrl(audit: DomainAudit, lang: Lang, selectors: readonly string[], ip: string | null): string {
  const query = new URLSearchParams({ lang });
  if (selectors.length) query.set('selector', selectors.join(','));
  if (ip) query.set('ip', ip);
  return `/api/domains/${encodeURIComponent(audit.domain)}?${query.toString()}`;
}

export interface DomainAuditPage extends PageBase {
  audit: DomainAudit;
  findings: Finding[];
  /** The selectors the user named (kept in links). */
  selectors: readonly string[];
  /** The sending IP the user gave (kept in links), or null. */
  ip: string | null;
}

export function renderDomainAuditPage({
  lang,
  reportTtlDays,
  audit,
  findings,
  selectors,
  ip,
}: DomainAuditPage): SafeHtml {
  const u = domainAuditWords(lang);
  const band = bandOf(audit.score);
  const title = t(lang, 'domainResultsTitle', { domain: audit.domain });
  const keep: Record<string, string> = {};
  if (selectors.length) keep.selector = selectors.join(',');
  if (ip) keep.ip = ip;
  const body = html`<div
    class="report"
    data-domain-audit
    data-domain="${audit.domain}"
    data-score="${audit.score.toFixed(1)}"
  >
    <section class="summary" aria-labelledby="audit-heading">
      ${scoreDial(audit.score, lang)}
      <div>
        <h1 id="audit-heading">${title}</h1>
        <p class="verdict band-${band}">${t(lang, BAND_WORDS[band])}</p>
        <p>
          ${t(lang, 'countsSummary', {
            failures: countStatus(audit, 'fail', 'error'),
            warnings: countStatus(audit, 'warn'),
            passes: countStatus(audit, 'pass'),
          })}
        </p>
        <p class="note">
          ${t(lang, 'domainCheckedAt', { time: formatTime(audit.generatedAt, lang) })}
          ${u.text('dnsSummary', { queries: audit.dns.queries, cached: audit.dns.cached, timeMs: Math.round(audit.dns.timeMs) })}
        </p>
        <p class="downloads">
          <a href="${apiUrl(audit, lang, selectors, ip)}" download>${t(lang, 'domainDownloadJson')}</a>
        </p>
      </div>
    </section>
    ${categoryCards(audit, findings, lang)} ${spfCard(audit, lang, u)} ${dmarcCard(audit, lang, u)}
    ${dkimCard(audit, lang, u)} ${mxCard(audit, lang, u)} ${transportCard(audit, lang, u)} ${ipCard(audit, u)}
    <section>
      <h2>${t(lang, 'domainAuditAnother')}</h2>
      ${domainForm(lang)}
      <p class="note">
        <a href="${pageUrl(GENERATE_PATH, lang)}" data-generate-link>${t(lang, 'generateLink')}</a><br />
        <a href="${pageUrl('/', lang)}">${t(lang, 'domainSendTest')}</a>
      </p>
    </section>
  </div>`;
  return renderPage({ lang, title, path: domainAuditPath(audit.domain), keep, reportTtlDays, body });
}
