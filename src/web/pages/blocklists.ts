/**
 * The blocklist page: GET /blocklists (the form) and GET /blocklists/:target (the results: every list with
 * what was queried, its answer and what the codes mean, the allowlists apart, then the checks with their
 * fixes as the report shows them). Pure: data in, markup out. The target is user input: it reaches the
 * page only through the `html` template (escaped), in text, in the form's value and in encoded URLs.
 */
import type { BlocklistResult } from '../../blocklists/types.js';
import type { Finding } from '../../checks/types.js';
import { blocklistWords } from '../../i18n/blocklist-results.js';
import { uiText } from '../../i18n/index.js';
import { queryNameOf, type BlocklistReport, type TargetProblem } from '../../pipeline/blocklist.js';
import type { Lang } from '../../report/types.js';
import { html, join, type SafeHtml } from '../html.js';
import { BLOCKLISTS_PATH, blocklistResultsPath } from './blocklist-link.js';
import { pageUrl, renderPage } from './layout.js';
import { categoryCards } from './report.js';
import { formatTime, t } from './words.js';

/** What the form shows under the field when the last input was refused. */
export type FormError =
  | { kind: 'target'; input: string; problem: TargetProblem }
  | { kind: 'rate-limited'; limit: number; retryAfterSeconds: number };

interface PageBase {
  lang: Lang;
  reportTtlDays: number;
}

function errorText(error: FormError, lang: Lang): string {
  if (error.kind === 'rate-limited') {
    return t(lang, 'blocklistsRateLimited', { limit: error.limit, seconds: error.retryAfterSeconds });
  }
  if (error.problem.reason === 'special-address') {
    return t(lang, 'blocklistsSpecialAddress', {
      target: error.input,
      block: error.problem.block,
      rfc: error.problem.rfc,
    });
  }
  return t(lang, 'blocklistsBadTarget', { target: error.input });
}

/** The form: a GET, so a result is a plain link and works without JavaScript. */
export function blocklistForm(lang: Lang, value = '', error: FormError | null = null): SafeHtml {
  return html`<form method="get" action="${BLOCKLISTS_PATH}" class="lookup-form" data-blocklist-form>
    <input type="hidden" name="lang" value="${lang}" />
    <label for="blocklist-target">${t(lang, 'blocklistsTargetLabel')}</label>
    <div class="lookup-row">
      <input
        id="blocklist-target"
        name="target"
        type="text"
        value="${value}"
        placeholder="${t(lang, 'blocklistsPlaceholder')}"
        maxlength="300"
        autocomplete="off"
        autocapitalize="off"
        spellcheck="false"
        required
        ${error ? html`aria-invalid="true" aria-describedby="blocklist-error"` : ''}
      />
      <button type="submit" class="button">${t(lang, 'blocklistsSubmit')}</button>
    </div>
    ${error && html`<p class="problem-box" id="blocklist-error" role="alert">${errorText(error, lang)}</p>`}
  </form>`;
}

export interface BlocklistFormPage extends PageBase {
  value?: string;
  error?: FormError | null;
  /** Where the language switch leads (default: the form), and the query it keeps. */
  path?: string;
  keep?: Record<string, string>;
}

export function renderBlocklistFormPage({
  lang,
  reportTtlDays,
  value,
  error,
  path,
  keep,
}: BlocklistFormPage): SafeHtml {
  const body = html`<section class="hero">
    <h1>${t(lang, 'blocklistsTitle')}</h1>
    <p class="lead">${t(lang, 'blocklistsLead')}</p>
    ${blocklistForm(lang, value ?? '', error ?? null)}
    <p class="note">${t(lang, 'blocklistsResolverNote')}</p>
  </section>`;
  return renderPage({
    lang,
    title: t(lang, 'blocklistsTitle'),
    path: path ?? BLOCKLISTS_PATH,
    ...(keep ? { keep } : {}),
    reportTtlDays,
    body,
  });
}

function resultRow(result: BlocklistResult, lang: Lang): SafeHtml {
  const words = blocklistWords(lang);
  const meanings = result.listings.map((listing) => words.listing(listing));
  const state =
    result.status === 'error' && result.error
      ? html`${words.status(result)}<br /><span class="note">${words.reason(result.error)}</span>`
      : words.status(result);
  return html`<tr
    data-zone="${result.zone}"
    data-status="${result.status}"
    data-weight="${result.weight ?? ''}"
  >
    <td>
      ${result.name}<br /><span class="note">${result.zone}</span>
      ${result.removal && html`<br /><a href="${result.removal}" rel="noreferrer">${t(lang, 'blocklistsRemovalLink')}</a>`}
    </td>
    <td><code>${join(queryNameOf(result).split('.'), html`.<wbr />`)}</code></td>
    <td class="bl-status ${result.status}${result.weight === 'info' ? ' info' : ''}">${state}</td>
    <td>
      ${result.codes.length > 0 && html`<code>${result.codes.join(', ')}</code>`}
      ${
        meanings.length > 0 &&
        html`<ul class="bl-meanings">
          ${meanings.map((m) => html`<li>${m}</li>`)}
        </ul>`
      }
    </td>
  </tr>`;
}

function resultTable(heading: string, id: string, results: BlocklistResult[], lang: Lang): SafeHtml {
  return html`<section class="card" aria-labelledby="${id}">
    <h2 id="${id}">${heading}</h2>
    <div class="card-body">
      <table class="table bl-table" data-blocklist-table="${id}">
        <thead>
          <tr>
            <th scope="col">${t(lang, 'blocklistsColumnList')}</th>
            <th scope="col">${t(lang, 'blocklistsColumnQueried')}</th>
            <th scope="col">${t(lang, 'blocklistsColumnResult')}</th>
            <th scope="col">${t(lang, 'blocklistsColumnCodes')}</th>
          </tr>
        </thead>
        <tbody>
          ${results.map((r) => resultRow(r, lang))}
        </tbody>
      </table>
    </div>
  </section>`;
}

export interface BlocklistResultsPage extends PageBase {
  report: BlocklistReport;
  findings: Finding[];
}

export function renderBlocklistResultsPage({
  lang,
  reportTtlDays,
  report,
  findings,
}: BlocklistResultsPage): SafeHtml {
  const words = blocklistWords(lang);
  const blocks = report.blocklists.filter((r) => r.role === 'block');
  const allows = report.blocklists.filter((r) => r.role === 'allow');
  const title = t(lang, 'blocklistsResultsTitle', { target: report.target });
  const [verdict, ...more] = words.summary(report);
  const body = html`<section
      class="bl-summary"
      data-blocklist-results
      data-target="${report.target}"
      data-listed="${report.listed ? 'true' : 'false'}"
    >
      <h1>${title}</h1>
      <p class="bl-verdict ${report.listed ? 'listed' : 'clean'}">${verdict}</p>
      ${more.map((sentence) => html`<p class="bl-more">${sentence}</p>`)}
      <p class="note">
        ${t(lang, 'blocklistsCheckedAt', { kind: words.kind(report.kind), time: formatTime(report.generatedAt, lang) })}
        ${uiText('dnsSummary', lang, {
          queries: report.dns.queries,
          cached: report.dns.cached,
          timeMs: Math.round(report.dns.timeMs),
        })}
      </p>
    </section>
    ${blocks.length > 0 && resultTable(uiText('blocklistBlocklists', lang), 'blocklists-heading', blocks, lang)}
    ${allows.length > 0 && resultTable(uiText('blocklistAllowlists', lang), 'allowlists-heading', allows, lang)}
    ${categoryCards(report, findings, lang)}
    <section>
      <h2>${t(lang, 'blocklistsCheckAnother')}</h2>
      ${blocklistForm(lang)}
      <p class="note"><a href="${pageUrl('/', lang)}">${t(lang, 'blocklistsSendTest')}</a></p>
    </section>`;
  return renderPage({
    lang,
    title,
    path: blocklistResultsPath(report.target),
    reportTtlDays,
    body,
  });
}
