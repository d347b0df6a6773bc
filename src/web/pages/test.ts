/**
 * GET /tests/:id — one page for a test's whole life: waiting for mail, received, analyzing, the report
 * (or the failure), expired. The part that changes is also served alone (/tests/:id/fragment), and the
 * script swaps it in when the event stream says the state moved on.
 */
import type { Finding } from '../../checks/types.js';
import type { Lang } from '../../report/types.js';
import type { MessageListItem, TestProgress, TestView } from '../../service/tests.js';
import { html, type SafeHtml } from '../html.js';
import { addressBox, steps } from './components.js';
import { renderPage } from './layout.js';
import { renderReport, type HeaderExcerpt } from './report.js';
import { newTestForm } from './start.js';
import { formatPoints, formatTime, t } from './words.js';

/** What the page shows of the selected message, beyond the test view. */
export interface ShownMessage {
  id: string;
  receivedAt: string;
  clientIp: string;
  findings: Finding[];
  headers: HeaderExcerpt | null;
  sender: { name: string; address: string } | null;
}

export interface TestPageInput {
  lang: Lang;
  view: TestView;
  shown: ShownMessage | null;
  /** A message picked with ?message= (an earlier one): the page shows it and does not follow the test live. */
  pinned: boolean;
  reportTtlDays: number;
}

/** The state the page shows: the test's progress, with a failed analysis told apart from a report. */
export type PageState = TestProgress | 'failed';

export const pageStateOf = (view: TestView): PageState =>
  view.progress === 'done' && (view.failed || !view.report) ? 'failed' : view.progress;

function statusLine(words: string, spinning: boolean): SafeHtml {
  return html`<p class="status" role="status" aria-live="polite">
    ${spinning && html`<span class="spinner" aria-hidden="true"></span>`}<span>${words}</span>
  </p>`;
}

function waiting(input: TestPageInput): SafeHtml {
  const { lang, view } = input;
  return html`<h1>${t(lang, 'testTitle')}</h1>
    <p>${t(lang, 'addressLabel')}</p>
    ${addressBox(view.address, lang)}
    <p class="note">${t(lang, 'expiresNote', { time: formatTime(view.expiresAt, lang) })}</p>
    ${statusLine(t(lang, 'statusWaiting'), true)}
    <p>
      <a class="button" href="${`/tests/${view.id}?lang=${lang}`}" data-check-score
        >${t(lang, 'checkScore')}</a
      >
    </p>
    <p class="hint" data-check-hint hidden>${t(lang, 'checkScoreHint')}</p>
    <p class="note">${t(lang, 'liveNote')}</p>
    ${steps(lang)}`;
}

function inProgress(input: TestPageInput, state: 'received' | 'analyzing'): SafeHtml {
  const { lang, view, shown } = input;
  return html`<h1>${t(lang, 'testTitle')}</h1>
    ${addressBox(view.address, lang)}
    ${statusLine(t(lang, state === 'received' ? 'statusReceived' : 'statusAnalyzing'), true)}
    ${shown && html`<p class="note">${t(lang, 'receivedFrom', { ip: shown.clientIp, time: formatTime(shown.receivedAt, lang) })}</p>`}
    ${messageList(input)}`;
}

function failed(input: TestPageInput): SafeHtml {
  const { lang, view } = input;
  return html`<h1>${t(lang, 'failedTitle')}</h1>
    <p class="problem-box">${t(lang, 'failedText')}</p>
    ${addressBox(view.address, lang)} ${messageList(input)}`;
}

function expired(lang: Lang): SafeHtml {
  return html`<h1>${t(lang, 'expiredTitle')}</h1>
    <p>${t(lang, 'expiredText')}</p>
    ${newTestForm(lang, 'newTest')}`;
}

function done(input: TestPageInput): SafeHtml {
  const { lang, view, shown } = input;
  if (!view.report || !shown) return failed(input);
  return html`${renderReport({
      lang,
      testId: view.id,
      messageId: shown.id,
      receivedAt: shown.receivedAt,
      report: view.report,
      findings: shown.findings,
      headers: shown.headers,
      sender: shown.sender,
    })}
    <section class="card">
      <h2>${t(lang, 'messagesHeading')}</h2>
      <div class="card-body">
        <p>${t(lang, 'sendAgain')}</p>
        ${addressBox(view.address, lang)} ${messageList(input, true)}
      </div>
    </section>`;
}

function messageWord(item: MessageListItem, lang: Lang): string {
  switch (item.status) {
    case 'done':
      return item.score === null
        ? t(lang, 'messageFailed')
        : t(lang, 'messageScore', { score: formatPoints(item.score) });
    case 'failed':
      return t(lang, 'messageFailed');
    case 'queued':
      return t(lang, 'messageQueued');
    case 'analyzing':
      return t(lang, 'messageAnalyzing');
  }
}

/** Every message sent to the address, newest first; each links to its own report. */
function messageList(input: TestPageInput, bare = false): SafeHtml {
  const { lang, view } = input;
  if (view.messages.length < 2 && !input.pinned) return html``;
  const items = view.messages.map((item) => {
    const when = html`<time datetime="${item.receivedAt}">${formatTime(item.receivedAt, lang)}</time>`;
    const words = messageWord(item, lang);
    return item.id === view.messageId
      ? html`<li class="current" aria-current="true">${when} — ${words} (${t(lang, 'messageShown')})</li>`
      : html`<li>
          <a href="${`/tests/${view.id}?${new URLSearchParams({ message: item.id, lang }).toString()}`}"
            >${when}</a
          >
          — ${words}
        </li>`;
  });
  const list = html`<ul class="messages" data-messages>
    ${items}
  </ul>`;
  return bare
    ? list
    : html`<section>
        <h2>${t(lang, 'messagesHeading')}</h2>
        ${list}
      </section>`;
}

/** The document title for a state (the frame adds the site's name). */
export function pageTitle(state: PageState, lang: Lang): string {
  if (state === 'done') return t(lang, 'reportHeading');
  if (state === 'expired') return t(lang, 'expiredTitle');
  if (state === 'failed') return t(lang, 'failedTitle');
  return t(lang, 'testTitle');
}

/**
 * What /tests/:id/fragment returns: the changing part, with the title the page should take (the script
 * sets document.title from it, as a reload would).
 */
export function renderTestFragment(input: TestPageInput): SafeHtml {
  const title = `${pageTitle(pageStateOf(input.view), input.lang)} — ${t(input.lang, 'brand')}`;
  return html`<span hidden data-page-title="${title}"></span>${renderTestState(input)}`;
}

/** The part of the page that changes with the test's state. */
export function renderTestState(input: TestPageInput): SafeHtml {
  const state = pageStateOf(input.view);
  switch (state) {
    case 'waiting':
      return waiting(input);
    case 'received':
    case 'analyzing':
      return inProgress(input, state);
    case 'done':
      return done(input);
    case 'failed':
      return failed(input);
    case 'expired':
      return expired(input.lang);
  }
}

export function renderTestPage(input: TestPageInput): SafeHtml {
  const { lang, view } = input;
  const state = pageStateOf(view);
  const content = renderTestState(input);
  // A pinned (earlier) message is a fixed document; the newest one follows the test as it changes.
  const body = input.pinned
    ? html`<div data-state="${state}" data-message="${view.messageId ?? ''}">${content}</div>`
    : html`<div
        data-live-test="${view.id}"
        data-lang="${lang}"
        data-state="${state}"
        data-message="${view.messageId ?? ''}"
      >
        ${content}
      </div>`;
  const title = pageTitle(state, lang);
  return renderPage({
    lang,
    title,
    path: `/tests/${view.id}`,
    keep: input.pinned && view.messageId ? { message: view.messageId } : {},
    reportTtlDays: input.reportTtlDays,
    body,
  });
}
