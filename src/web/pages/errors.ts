/** Pages for what went wrong: an unknown test (404), the daily limit (429), a refused request (400/403). */
import type { Lang } from '../../report/types.js';
import { html, type SafeHtml } from '../html.js';
import { renderPage, pageUrl } from './layout.js';
import { t } from './words.js';

interface ErrorPageOptions {
  lang: Lang;
  reportTtlDays: number;
  /** The page's path, so the language switch keeps it. */
  path: string;
}

const homeLink = (lang: Lang) =>
  html`<p><a class="button secondary" href="${pageUrl('/', lang)}">${t(lang, 'newTest')}</a></p>`;

export function renderNotFoundPage({ lang, reportTtlDays, path }: ErrorPageOptions): SafeHtml {
  return renderPage({
    lang,
    title: t(lang, 'notFoundTitle'),
    path,
    reportTtlDays,
    body: html`<h1>${t(lang, 'notFoundTitle')}</h1>
      <p>${t(lang, 'notFoundText', { days: reportTtlDays })}</p>
      ${homeLink(lang)}`,
  });
}

export function renderLimitPage({
  lang,
  reportTtlDays,
  limit,
}: ErrorPageOptions & { limit: number }): SafeHtml {
  return renderPage({
    lang,
    title: t(lang, 'limitTitle'),
    path: '/',
    reportTtlDays,
    body: html`<h1>${t(lang, 'limitTitle')}</h1>
      <p>${t(lang, 'limitText', { limit })}</p>`,
  });
}

export function renderBadRequestPage({ lang, reportTtlDays }: Omit<ErrorPageOptions, 'path'>): SafeHtml {
  return renderPage({
    lang,
    title: t(lang, 'badRequestTitle'),
    path: '/',
    reportTtlDays,
    body: html`<h1>${t(lang, 'badRequestTitle')}</h1>
      <p>${t(lang, 'badRequestText')}</p>
      ${homeLink(lang)}`,
  });
}
