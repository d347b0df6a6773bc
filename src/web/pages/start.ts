/** GET / — what mailscore checks, the three steps, and the button that makes a test address. */
import type { Lang } from '../../report/types.js';
import { html, type SafeHtml } from '../html.js';
import { BLOCKLISTS_PATH } from './blocklist-link.js';
import { INSPECT_PATH } from './inspect.js';
import { DOMAIN_PATH } from './domain-link.js';
import { steps } from './components.js';
import { pageUrl, renderPage } from './layout.js';
import { t, type PageKey } from './words.js';

export interface StartPageOptions {
  lang: Lang;
  dailyTests: number;
  reportTtlDays: number;
}

const FEATURES: ReadonlyArray<readonly [PageKey, PageKey]> = [
  ['checksAuth', 'checksAuthDetail'],
  ['checksServer', 'checksServerDetail'],
  ['checksFormat', 'checksFormatDetail'],
  ['checksGmail', 'checksGmailDetail'],
];

/** The form posts to /tests (a page route that redirects to the new test): it works without JavaScript. */
export const newTestForm = (lang: Lang, label: PageKey = 'startButton'): SafeHtml =>
  html`<form method="post" action="/tests?lang=${lang}" class="new-test">
    <button type="submit" class="button">${t(lang, label)}</button>
  </form>`;

export function renderStartPage({ lang, dailyTests, reportTtlDays }: StartPageOptions): SafeHtml {
  const body = html`<section class="hero">
      <h1>${t(lang, 'startTitle')}</h1>
      <p class="lead">${t(lang, 'startLead')}</p>
      ${newTestForm(lang)}
      ${dailyTests > 0 && html`<p class="note">${t(lang, 'dailyLimitNote', { limit: dailyTests })}</p>`}
    </section>
    <section>
      <h2>${t(lang, 'stepsHeading')}</h2>
      ${steps(lang)}
    </section>
    <section>
      <h2>${t(lang, 'checksHeading')}</h2>
      <ul class="features">
        ${FEATURES.map(([title, detail]) => html`<li><strong>${t(lang, title)}</strong>${t(lang, detail)}</li>`)}
      </ul>
      <p>
        <a href="${pageUrl(DOMAIN_PATH, lang)}" data-domain-link>${t(lang, 'domainStartLink')}</a>
      </p>
      <p>
        <a href="${pageUrl(BLOCKLISTS_PATH, lang)}" data-blocklist-link>${t(lang, 'blocklistsStartLink')}</a>
      </p>
      <p>
        <a href="${pageUrl(INSPECT_PATH, lang)}" data-inspect-link>${t(lang, 'inspectStartLink')}</a>
      </p>
    </section>`;
  return renderPage({ lang, title: t(lang, 'startTitle'), path: '/', reportTtlDays, body });
}
