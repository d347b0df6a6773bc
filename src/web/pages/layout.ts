/** The frame every page shares: document head, header with the language switch, footer. */
import type { Lang } from '../../report/types.js';
import { ASSETS } from '../assets/index.js';
import { html, type SafeHtml } from '../html.js';
import { t } from './words.js';

export interface PageFrame {
  lang: Lang;
  title: string;
  /** This page's path (without query), for the language switch. */
  path: string;
  /** Query parameters the language switch keeps (e.g. `message`). */
  keep?: Record<string, string>;
  reportTtlDays: number;
  body: SafeHtml;
}

const LANGS: readonly Lang[] = ['en', 'ja'];

/** The same page in `lang`. */
export function pageUrl(path: string, lang: Lang, keep: Record<string, string> = {}): string {
  const query = new URLSearchParams({ ...keep, lang });
  return `${path}?${query.toString()}`;
}

function languageSwitch(frame: PageFrame): SafeHtml {
  const links = LANGS.map((lang) => {
    const name = t(lang, lang === 'en' ? 'langNameEn' : 'langNameJa');
    return lang === frame.lang
      ? html`<a href="${pageUrl(frame.path, lang, frame.keep)}" lang="${lang}" aria-current="true"
          >${name}</a
        >`
      : html`<a href="${pageUrl(frame.path, lang, frame.keep)}" lang="${lang}" hreflang="${lang}"
          >${name}</a
        >`;
  });
  return html`<nav class="lang-switch" aria-label="${t(frame.lang, 'languageSwitch')}">${links}</nav>`;
}

export function renderPage(frame: PageFrame): SafeHtml {
  const { lang } = frame;
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${frame.title} — ${t(lang, 'brand')}</title>
        <link rel="stylesheet" href="${ASSETS.style.path}" />
        <script src="${ASSETS.script.path}" defer></script>
      </head>
      <body>
        <header class="site-header">
          <a class="brand" href="${pageUrl('/', lang)}"
            >${t(lang, 'brand')}<small>${t(lang, 'tagline')}</small></a
          >
          ${languageSwitch(frame)}
        </header>
        <main id="main">${frame.body}</main>
        <footer class="site-footer">
          <p>${t(lang, 'footer')}</p>
          <p>${t(lang, 'footerPrivacy', { days: frame.reportTtlDays })}</p>
        </footer>
      </body>
    </html> `;
}
