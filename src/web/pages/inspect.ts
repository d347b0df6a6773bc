/**
 * The inspect pages: GET /inspect (the upload form: a file input and a textarea for the source) and POST
 * /inspect (the result: the verdict big and plain, the reasons, the advice, then the checks). Fastify has no
 * multipart parser here, so the form posts urlencoded: the textarea as `message`, or the chosen file read in
 * the browser (src/web/assets/client.ts) as base64 in `messageBase64`. Everything from the message reaches
 * the page only through the `html` template (escaped).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { uiText } from '../../i18n/index.js';
import type { InspectAnalysis } from '../../inspect/inspect.js';
import type { InspectionVerdict } from '../../inspect/types.js';
import { NotAMessageError } from '../../message/parse.js';
import type { Lang } from '../../report/types.js';
import type { ServiceContext } from '../../service/types.js';
import { inspectForClient, trustParam } from '../api/inspect.js';
import { html, type SafeHtml } from '../html.js';
import { pageUrl, renderPage } from './layout.js';
import { categoryCards } from './report.js';
import { t } from './words.js';

export const INSPECT_PATH = '/inspect';

type SendPage = (reply: FastifyReply, status: number, lang: Lang, page: SafeHtml) => FastifyReply;

export type InspectFormError =
  | { kind: 'empty' }
  | { kind: 'too-large' }
  | { kind: 'not-a-message'; reason: string }
  | { kind: 'bad-trust'; reason: string }
  | { kind: 'rate-limited'; limit: number; retryAfterSeconds: number };

interface PageBase {
  lang: Lang;
  reportTtlDays: number;
}

function errorText(error: InspectFormError, lang: Lang): string {
  switch (error.kind) {
    case 'empty':
      return t(lang, 'inspectEmpty');
    case 'too-large':
      return t(lang, 'inspectTooLarge');
    case 'not-a-message':
      return t(lang, 'inspectNotMessage', { reason: error.reason });
    case 'bad-trust':
      return t(lang, 'inspectBadTrust', { reason: error.reason });
    case 'rate-limited':
      return t(lang, 'inspectRateLimited', { limit: error.limit, seconds: error.retryAfterSeconds });
  }
}

/** The form. The file input works through the page script; without it, pasting the source still works. */
export function inspectForm(lang: Lang, trust = '', error: InspectFormError | null = null): SafeHtml {
  return html`<form
    method="post"
    action="${INSPECT_PATH}?lang=${lang}"
    class="inspect-form"
    data-inspect-form
  >
    ${error ? html`<p class="form-error" id="inspect-error" role="alert">${errorText(error, lang)}</p>` : ''}
    <p>
      <label for="inspect-file">${t(lang, 'inspectFileLabel')}</label>
      <input id="inspect-file" type="file" accept=".eml,message/rfc822,text/plain" data-inspect-file />
      <input type="hidden" name="messageBase64" value="" data-inspect-bytes />
      <small>${t(lang, 'inspectFileHint')}</small>
    </p>
    <p>
      <label for="inspect-source">${t(lang, 'inspectPasteLabel')}</label>
      <textarea id="inspect-source" name="message" rows="10" spellcheck="false" autocomplete="off"></textarea>
    </p>
    <p>
      <label for="inspect-trust">${t(lang, 'inspectTrustLabel')}</label>
      <input
        id="inspect-trust"
        name="trust"
        type="text"
        value="${trust}"
        maxlength="300"
        autocomplete="off"
        autocapitalize="off"
        spellcheck="false"
      />
      <small>${t(lang, 'inspectTrustHint')}</small>
    </p>
    <p><button type="submit">${t(lang, 'inspectButton')}</button></p>
    <p><small>${t(lang, 'inspectPrivacy')}</small></p>
  </form>`;
}

export function renderInspectFormPage(
  page: PageBase & { trust?: string; error?: InspectFormError | null },
): SafeHtml {
  const { lang } = page;
  const body = html`<section>
    <h1>${t(lang, 'inspectTitle')}</h1>
    <p class="lead">${t(lang, 'inspectLead')}</p>
    ${inspectForm(lang, page.trust ?? '', page.error ?? null)}
  </section>`;
  return renderPage({
    lang,
    title: t(lang, 'inspectTitle'),
    path: INSPECT_PATH,
    reportTtlDays: page.reportTtlDays,
    body,
  });
}

const VERDICT_KEY = {
  genuine: 'inspectVerdictGenuine',
  suspicious: 'inspectVerdictSuspicious',
  dangerous: 'inspectVerdictDangerous',
} as const satisfies Record<InspectionVerdict, string>;

/** The result: the verdict first, big and plain; then why, what to do, and the checks. */
export function renderInspectResultPage(page: PageBase & { analysis: InspectAnalysis }): SafeHtml {
  const { lang } = page;
  const { report, findings } = page.analysis;
  const inspection = report.inspection;
  if (!inspection) return renderInspectFormPage(page);
  const verdictText = uiText(VERDICT_KEY[inspection.verdict], lang);
  const body = html`<section class="inspection" data-verdict="${inspection.verdict}">
      <h1 class="verdict verdict-${inspection.verdict}">${verdictText}</h1>
      <dl class="inspected-message">
        <dt>${t(lang, 'inspectFrom')}</dt>
        <dd>${report.message.from ?? uiText('none', lang)}</dd>
        <dt>${t(lang, 'inspectSubject')}</dt>
        <dd>${report.message.subject ?? uiText('none', lang)}</dd>
      </dl>
      <h2>${uiText('inspectReasonsHeading', lang)}</h2>
      <ul class="reasons">
        ${inspection.reasons.map(
          (reason) =>
            html`<li class="reason reason-${reason.severity}" data-reason="${reason.id}">
              <strong>${reason.title}</strong>
              <p>${reason.detail}</p>
            </li>`,
        )}
      </ul>
      <h2>${uiText('inspectAdviceHeading', lang)}</h2>
      <ol class="advice">
        ${inspection.advice.map((advice) => html`<li>${advice}</li>`)}
      </ol>
    </section>
    <details class="inspect-checks">
      <summary>${uiText('inspectChecksHeading', lang)}</summary>
      ${categoryCards(report, findings, lang)}
    </details>
    <p><a href="${pageUrl(INSPECT_PATH, lang)}">${t(lang, 'inspectAnother')}</a></p>`;
  return renderPage({
    lang,
    title: `${t(lang, 'inspectResultTitle')}: ${verdictText}`,
    path: INSPECT_PATH,
    reportTtlDays: page.reportTtlDays,
    body,
  });
}

// ---------------------------------------------------------------------------------------------
// Routes

/** The posted form: the message (pasted, or the file's bytes as base64) and the trusted authserv-ids. */
export function postedMessage(body: unknown): { raw: Buffer | null; trust: string } {
  // A urlencoded body is ASCII; URLSearchParams decodes the percent escapes as UTF-8, as browsers send them.
  const params = new URLSearchParams(Buffer.isBuffer(body) ? body.toString('latin1') : '');
  const trust = (params.get('trust') ?? '').slice(0, 300);
  const base64 = params.get('messageBase64') ?? '';
  if (base64.trim()) return { raw: Buffer.from(base64, 'base64'), trust };
  const pasted = params.get('message') ?? '';
  return { raw: pasted.trim() ? Buffer.from(pasted, 'utf8') : null, trust };
}

export function registerInspectPages(
  pages: FastifyInstance,
  ctx: ServiceContext,
  pageLang: (request: FastifyRequest) => Lang,
  sendPage: SendPage,
): void {
  const reportTtlDays = ctx.config.reportTtlDays;
  // base64 (4/3) and urlencoding (up to 3 per character of it) make the form larger than the message.
  const bodyLimit = ctx.config.maxMessageBytes * 4 + 64 * 1024;

  pages.get(INSPECT_PATH, async (request, reply) => {
    const lang = pageLang(request);
    return sendPage(reply, 200, lang, renderInspectFormPage({ lang, reportTtlDays }));
  });

  pages.post(INSPECT_PATH, { bodyLimit }, async (request, reply) => {
    const lang = pageLang(request);
    const { raw, trust: trustText } = postedMessage(request.body);
    const refuse = (status: number, error: InspectFormError) =>
      sendPage(reply, status, lang, renderInspectFormPage({ lang, reportTtlDays, trust: trustText, error }));
    const trust = trustParam(trustText);
    if ('error' in trust) return refuse(400, { kind: 'bad-trust', reason: trust.error });
    if (!raw || raw.length === 0) return refuse(400, { kind: 'empty' });
    if (raw.length > ctx.config.maxMessageBytes) return refuse(413, { kind: 'too-large' });
    let inspected;
    try {
      inspected = await inspectForClient(ctx, request.clientIp, raw, { lang, trust });
    } catch (err) {
      if (err instanceof NotAMessageError) return refuse(400, { kind: 'not-a-message', reason: err.message });
      throw err;
    }
    if (!inspected.ok) {
      reply.header('retry-after', String(inspected.retryAfterSeconds));
      return refuse(429, {
        kind: 'rate-limited',
        limit: inspected.limit,
        retryAfterSeconds: inspected.retryAfterSeconds,
      });
    }
    return sendPage(
      reply,
      200,
      lang,
      renderInspectResultPage({ lang, reportTtlDays, analysis: inspected.analysis }),
    );
  });
}
