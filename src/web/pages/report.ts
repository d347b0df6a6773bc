/**
 * The report as a page section: the score dial, the Gmail preview, every category with its checks and
 * fixes, how the message arrived, its body (sandboxed) and its headers. Pure: data in, markup out.
 */
import type { Finding } from '../../checks/types.js';
import { uiText } from '../../i18n/index.js';
import type { Category, CheckResult, CheckStatus, Lang, Report } from '../../report/types.js';
import { html, type SafeHtml } from '../html.js';
import { blocklistLookupLink } from './blocklist-link.js';
import { copyFromButton, recordBox } from './components.js';
import { domainAuditLink } from './domain-link.js';
import { splitFix } from './fix.js';
import { requirementsCard } from './requirements.js';
import { spamFilterSection } from './spam-filter.js';
import { formatPoints, formatTime, t, type PageKey } from './words.js';

/** The header section of the message, as shown (bounded: see LIMITS.pageHeaderBytes). */
export interface HeaderExcerpt {
  text: string;
  truncated: boolean;
  /** The bound, for the "only the first N KB" note. */
  limitBytes: number;
}

export interface ReportSection {
  lang: Lang;
  testId: string;
  messageId: string;
  receivedAt: string;
  report: Report;
  /** The findings the report was rendered from (their parameters locate records in the fixes). */
  findings: Finding[];
  headers: HeaderExcerpt | null;
  /** The From mailbox with its display name (the report keeps only the address). */
  sender: { name: string; address: string } | null;
}

export type Band = 'excellent' | 'good' | 'fair' | 'poor' | 'bad';

/** Colour band of a score, as the dial shows it. */
export function bandOf(score: number): Band {
  if (score >= 9) return 'excellent';
  if (score >= 7) return 'good';
  if (score >= 5) return 'fair';
  if (score >= 3) return 'poor';
  return 'bad';
}

const BAND_WORDS: Record<Band, PageKey> = {
  excellent: 'bandExcellent',
  good: 'bandGood',
  fair: 'bandFair',
  poor: 'bandPoor',
  bad: 'bandBad',
};

const CATEGORY_ORDER: readonly Category[] = [
  'authentication',
  'dns',
  'transport',
  'format',
  'content',
  'blocklists',
];

const CATEGORY_WORDS: Record<Category, PageKey> = {
  authentication: 'categoryAuthentication',
  dns: 'categoryDns',
  transport: 'categoryTransport',
  format: 'categoryFormat',
  content: 'categoryContent',
  blocklists: 'categoryBlocklists',
};

const STATUS_WORDS: Record<CheckStatus, PageKey> = {
  fail: 'statusFail',
  error: 'statusError',
  warn: 'statusWarn',
  info: 'statusInfo',
  pass: 'statusPass',
};

/** Most urgent first. */
const STATUS_RANK: Record<CheckStatus, number> = { fail: 0, error: 1, warn: 2, info: 3, pass: 4 };

/** The 0–10 dial: a 270° arc, filled in proportion to the score, coloured by its band. */
export function scoreDial(score: number, lang: Lang): SafeHtml {
  const radius = 50;
  const circumference = 2 * Math.PI * radius;
  const track = circumference * 0.75;
  const filled = (track * Math.min(10, Math.max(0, score))) / 10;
  const band = bandOf(score);
  const dash = (length: number) => `${length.toFixed(2)} ${circumference.toFixed(2)}`;
  return html`<svg
    class="dial"
    viewBox="0 0 120 120"
    role="img"
    aria-label="${t(lang, 'scoreAria', { score: formatPoints(score) })}"
    data-score="${formatPoints(score)}"
    data-band="${band}"
  >
    <circle
      class="track"
      cx="60"
      cy="60"
      r="${radius}"
      fill="none"
      stroke-width="10"
      stroke-linecap="round"
      stroke-dasharray="${dash(track)}"
      transform="rotate(135 60 60)"
    />
    <circle
      class="value band-${band}"
      cx="60"
      cy="60"
      r="${radius}"
      fill="none"
      stroke-width="10"
      stroke-linecap="round"
      stroke-dasharray="${dash(filled)}"
      transform="rotate(135 60 60)"
    />
    <text class="value-text" x="60" y="66" text-anchor="middle">${formatPoints(score)}</text>
    <text class="scale-text" x="60" y="84" text-anchor="middle">/ 10</text>
    <text class="scale-text" x="27" y="108" text-anchor="middle">0</text>
    <text class="scale-text" x="93" y="108" text-anchor="middle">10</text>
  </svg>`;
}

const countStatus = (checks: CheckResult[], ...statuses: CheckStatus[]) =>
  checks.filter((c) => statuses.includes(c.status)).length;

function summary(section: ReportSection): SafeHtml {
  const { lang, report } = section;
  const band = bandOf(report.score);
  const query = new URLSearchParams({ message: section.messageId, lang }).toString();
  const api = `/api/tests/${encodeURIComponent(section.testId)}`;
  const from = section.sender
    ? section.sender.name
      ? `${section.sender.name} <${section.sender.address}>`
      : section.sender.address
    : report.message.from;
  return html`<section class="summary" aria-labelledby="report-heading">
    ${scoreDial(report.score, lang)}
    <div>
      <h1 id="report-heading" class="verdict band-${band}">${t(lang, BAND_WORDS[band])}</h1>
      <p>
        ${t(lang, 'countsSummary', {
          failures: countStatus(report.checks, 'fail', 'error'),
          warnings: countStatus(report.checks, 'warn'),
          passes: countStatus(report.checks, 'pass'),
        })}
      </p>
      <dl class="facts">
        <dt>${t(lang, 'labelFrom')}</dt>
        <dd>${from ?? t(lang, 'unknownValue')}</dd>
        <dt>${t(lang, 'labelSubject')}</dt>
        <dd>${report.message.subject ?? t(lang, 'gmailNoSubject')}</dd>
        <dt>${t(lang, 'labelReceived')}</dt>
        <dd><time datetime="${section.receivedAt}">${formatTime(section.receivedAt, lang)}</time></dd>
      </dl>
      ${domainAuditLink(report.message.from, lang)}
      <p class="downloads">
        <a href="${`${api}/report.json?${query}`}" download>${t(lang, 'downloadJson')}</a
        ><a href="${`${api}/raw?${query}`}" download>${t(lang, 'downloadRaw')}</a>
      </p>
    </div>
  </section>`;
}

const domainOf = (address: string | null | undefined) =>
  address && address.includes('@') ? address.slice(address.lastIndexOf('@') + 1) : (address ?? '');

/** First letter of the sender as Gmail's avatar shows it (a whole character, not half a surrogate pair). */
const initialOf = (text: string) => (Array.from(text.trim())[0] ?? '?').toLocaleUpperCase();

const LOCK_CLOSED =
  'M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5zm-3 8V7a3 3 0 0 1 6 0v3H9z';
const LOCK_OPEN =
  'M12 2a5 5 0 0 0-5 5v1h2V7a3 3 0 0 1 6 0v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5z';

const lockIcon = (open: boolean) =>
  html`<svg class="gmail-lock ${open ? 'open' : 'closed'}" viewBox="0 0 24 24" aria-hidden="true">
    <path d="${open ? LOCK_OPEN : LOCK_CLOSED}" />
  </svg>`;

/** How Gmail shows the message: the inbox row and the details panel, from report.gmail. */
export function gmailCard(section: ReportSection): SafeHtml {
  const { lang, report } = section;
  const { gmail } = report;
  const address = section.sender?.address || report.message.from || '';
  const name = section.sender?.name || address || t(lang, 'gmailUnknownSender');
  const via = gmail.via
    ? html` <span class="gmail-via">${t(lang, 'gmailViaLabel', { domain: gmail.via })}</span>`
    : '';
  const subject = report.message.subject || t(lang, 'gmailNoSubject');
  const avatar = gmail.questionMark
    ? html`<span
        class="gmail-avatar unknown"
        role="img"
        aria-label="${t(lang, 'gmailAvatarUnknown')}"
        data-gmail="question-mark"
        >?</span
      >`
    : html`<span class="gmail-avatar" aria-hidden="true">${initialOf(name)}</span>`;
  const fromLine =
    address && address !== name
      ? html`${name} <span class="gmail-via">&lt;${address}&gt;</span>`
      : html`${name}`;
  const security = gmail.redLock
    ? html`${lockIcon(true)}<span class="gmail-insecure" data-gmail="red-lock"
          >${t(lang, 'gmailNoTls', { domain: domainOf(address) || t(lang, 'gmailUnknownSender') })}</span
        >`
    : html`${lockIcon(false)}<span>${t(lang, 'gmailTls')}</span>`;
  const notes = [
    uiText(gmail.questionMark ? 'gmailQuestionMark' : 'gmailNoQuestionMark', lang),
    gmail.via ? uiText('gmailVia', lang, { domain: gmail.via }) : uiText('gmailNoVia', lang),
    uiText(gmail.redLock ? 'gmailRedLock' : 'gmailNoRedLock', lang),
  ];
  return html`<section class="card gmail" aria-labelledby="gmail-heading" data-gmail-card>
    <h2 id="gmail-heading">${uiText('gmailHeading', lang)}</h2>
    <div class="gmail-row">
      ${avatar}<span class="gmail-sender">${name}${via}</span><span class="gmail-subject">${subject}</span
      ><span class="gmail-time">${formatTime(section.receivedAt, lang).replace(/ UTC$/, '')}</span>
    </div>
    <dl class="gmail-details">
      <dt>${t(lang, 'gmailFromLabel')}</dt>
      <dd><span>${fromLine}${via}</span></dd>
      <dt>${t(lang, 'gmailToLabel')}</dt>
      <dd>${report.envelope.rcptTo.join(', ') || t(lang, 'unknownValue')}</dd>
      <dt>${t(lang, 'gmailDateLabel')}</dt>
      <dd>${formatTime(section.receivedAt, lang)}</dd>
      <dt>${t(lang, 'gmailSubjectLabel')}</dt>
      <dd>${subject}</dd>
      ${
        gmail.mailedBy &&
        html`<dt>${t(lang, 'gmailMailedByLabel')}</dt>
          <dd data-gmail="mailed-by">${gmail.mailedBy}</dd>`
      }
      ${
        gmail.signedBy &&
        html`<dt>${t(lang, 'gmailSignedByLabel')}</dt>
          <dd data-gmail="signed-by">${gmail.signedBy}</dd>`
      }
      <dt>${t(lang, 'gmailSecurityLabel')}</dt>
      <dd>${security}</dd>
    </dl>
    <ul class="gmail-notes">
      ${notes.map((note) => html`<li>${note}</li>`)}
    </ul>
  </section>`;
}

function fixBlock(check: CheckResult, findings: Finding[], lang: Lang): SafeHtml {
  if (!check.fix) return html``;
  const params = findings.find((f) => f.id === check.id)?.params;
  const parts = splitFix(check.fix, params).map((part) =>
    'record' in part ? recordBox(part.record, lang) : html`<span>${part.text}</span>`,
  );
  return html`<div class="fix"><span class="fix-label">${t(lang, 'fixHeading')}</span>${parts}</div>`;
}

export function checkItem(check: CheckResult, findings: Finding[], lang: Lang): SafeHtml {
  return html`<li class="check" data-check="${check.id}" data-status="${check.status}">
    <div class="check-head">
      <span class="badge ${check.status}">${t(lang, STATUS_WORDS[check.status])}</span
      ><span class="check-title">${check.title}</span
      >${check.deduction > 0 && html`<span class="deduction">${t(lang, 'deductionPoints', { points: formatPoints(check.deduction) })}</span>`}
    </div>
    <p class="check-detail">${check.detail}</p>
    ${fixBlock(check, findings, lang)}
  </li>`;
}

function categoryCard(category: Category, checks: CheckResult[], findings: Finding[], lang: Lang): SafeHtml {
  const sorted = [...checks].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
  const open = sorted.filter((c) => c.status !== 'pass');
  const passed = sorted.filter((c) => c.status === 'pass');
  const total = checks.reduce((sum, c) => sum + c.deduction, 0);
  const heading = `category-${category}`;
  return html`<section class="card" aria-labelledby="${heading}" data-category="${category}">
    <h2 class="category-head">
      <span id="${heading}">${t(lang, CATEGORY_WORDS[category])}</span
      ><span class="category-total${total > 0 ? '' : ' zero'}"
        >${total > 0 ? t(lang, 'deductionPoints', { points: formatPoints(total) }) : t(lang, 'categoryAllPassed')}</span
      >
    </h2>
    ${
      open.length > 0 &&
      html`<ul class="checks">
        ${open.map((c) => checkItem(c, findings, lang))}
      </ul>`
    }
    ${
      passed.length > 0 &&
      html`<details class="passed" ${open.length === 0 ? html` open` : ''}>
        <summary>${t(lang, 'passedChecks', { count: passed.length })}</summary>
        <ul class="checks">
          ${passed.map((c) => checkItem(c, findings, lang))}
        </ul>
      </details>`
    }
  </section>`;
}

export function categoryCards(report: Pick<Report, 'checks'>, findings: Finding[], lang: Lang): SafeHtml {
  return html`${CATEGORY_ORDER.map((category) => {
    const checks = report.checks.filter((c) => c.category === category);
    return checks.length > 0 && categoryCard(category, checks, findings, lang);
  })}`;
}

function filterResults(report: Report, lang: Lang): SafeHtml {
  const { blocklists, spamFilter } = report;
  const blocklistWord = {
    listed: 'blocklistListed',
    clean: 'blocklistClean',
    error: 'blocklistError',
  } as const;
  return html`${
    blocklists.length > 0 &&
    html`<section class="card">
      <h2>${t(lang, 'blocklistsHeading')}</h2>
      <div class="card-body">
        <table class="table">
          <tbody>
            ${blocklists.map(
              (b) =>
                html`<tr>
                  <td>${b.zone}</td>
                  <td class="${b.status === 'listed' ? 'listed' : ''}">
                    ${t(lang, blocklistWord[b.status])}${b.codes.length > 0 && html` (${b.codes.join(', ')})`}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${blocklistLookupLink(report.envelope.clientIp, lang)}
      </div>
    </section>`
  }
  ${spamFilterSection(spamFilter, lang)}`;
}

function envelopeCard(report: Report, lang: Lang): SafeHtml {
  const { envelope, dns } = report;
  const mailFrom =
    envelope.mailFrom === null
      ? t(lang, 'unknownValue')
      : envelope.mailFrom === ''
        ? t(lang, 'nullSender')
        : envelope.mailFrom;
  const tls = envelope.tls
    ? `${envelope.tls.protocol}${envelope.tls.cipher ? ` (${envelope.tls.cipher})` : ''}`
    : t(lang, 'tlsNone');
  return html`<section class="card">
    <h2>${t(lang, 'envelopeHeading')}</h2>
    <div class="card-body">
      <dl class="facts">
        <dt>${t(lang, 'labelClientIp')}</dt>
        <dd>${envelope.clientIp}</dd>
        <dt>${t(lang, 'labelHelo')}</dt>
        <dd>${envelope.helo ?? t(lang, 'unknownValue')}</dd>
        <dt>${t(lang, 'labelMailFrom')}</dt>
        <dd>${mailFrom}</dd>
        <dt>${t(lang, 'labelRcptTo')}</dt>
        <dd>${envelope.rcptTo.join(', ') || t(lang, 'unknownValue')}</dd>
        <dt>${t(lang, 'labelTls')}</dt>
        <dd>${tls}</dd>
      </dl>
      <p class="note">
        ${uiText('dnsSummary', lang, { queries: dns.queries, cached: dns.cached, timeMs: Math.round(dns.timeMs) })}
      </p>
    </div>
  </section>`;
}

/** Where the sandboxed body frame loads from; `images` lets remote images through its CSP. */
export const bodyUrl = (testId: string, messageId: string, lang: Lang, images = false): string =>
  `/tests/${encodeURIComponent(testId)}/messages/${encodeURIComponent(messageId)}/body?${new URLSearchParams({
    lang,
    ...(images ? { images: '1' } : {}),
  }).toString()}`;

/**
 * The body in an iframe: `sandbox` with no allowances (no scripts, no forms, no popups, no navigation of
 * this page, an opaque origin), and the body's own response carries a CSP that blocks every remote load.
 * "Show remote images" reloads the frame with images allowed, by a link that targets it (no script).
 */
function bodyCard(section: ReportSection): SafeHtml {
  const { lang } = section;
  const frameName = `body-${section.messageId}`;
  return html`<section class="card">
    <h2>${t(lang, 'bodyHeading')}</h2>
    <div class="card-body">
      <p class="note">
        ${t(lang, 'imagesBlocked')}
        <a
          href="${bodyUrl(section.testId, section.messageId, lang, true)}"
          target="${frameName}"
          data-show-images
          >${t(lang, 'showImages')}</a
        >
      </p>
      <iframe
        class="body-frame"
        name="${frameName}"
        title="${t(lang, 'bodyFrameTitle')}"
        src="${bodyUrl(section.testId, section.messageId, lang)}"
        sandbox=""
        referrerpolicy="no-referrer"
        loading="lazy"
      ></iframe>
    </div>
  </section>`;
}

function headersCard(headers: HeaderExcerpt | null, lang: Lang): SafeHtml {
  if (!headers) return html``;
  return html`<section class="card">
    <h2>${t(lang, 'headersHeading')}</h2>
    <div class="card-body">
      <details>
        <summary>${t(lang, 'headersHeading')}</summary>
        ${headers.truncated && html`<p class="note">${t(lang, 'headersTruncated', { kb: Math.round(headers.limitBytes / 1024) })}</p>`}
        <p>${copyFromButton('raw-headers', lang)}</p>
        <pre class="raw-headers" id="raw-headers">${headers.text}</pre>
      </details>
    </div>
  </section>`;
}

export function renderReport(section: ReportSection): SafeHtml {
  const { lang, report } = section;
  return html`<div class="report" data-report data-score="${formatPoints(report.score)}">
    ${summary(section)} ${gmailCard(section)} ${categoryCards(report, section.findings, lang)}
    ${requirementsCard(report, lang)} ${filterResults(report, lang)} ${envelopeCard(report, lang)}
    ${bodyCard(section)} ${headersCard(section.headers, lang)}
  </div>`;
}
