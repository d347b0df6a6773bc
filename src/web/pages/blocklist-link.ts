/** Where the blocklist page lives, and the links other pages make to it (no page imports the page itself). */
import { checkTarget } from '../../pipeline/blocklist.js';
import type { Lang } from '../../report/types.js';
import { html, type SafeHtml } from '../html.js';
import { pageUrl } from './layout.js';
import { t } from './words.js';

export const BLOCKLISTS_PATH = '/blocklists';

/** The results page of a target (its path segment encoded: IPv6 colons and IDN stay one segment). */
export const blocklistResultsPath = (target: string): string =>
  `${BLOCKLISTS_PATH}/${encodeURIComponent(target)}`;

/** A link to the results for `ip` (the report's client IP); nothing when the address cannot be looked up. */
export function blocklistLookupLink(ip: string, lang: Lang): SafeHtml {
  const checked = checkTarget(ip);
  if (!checked.ok) return html``;
  return html`<p class="note">
    <a href="${pageUrl(blocklistResultsPath(checked.target.target), lang)}" data-blocklist-link
      >${t(lang, 'blocklistsReportLink', { ip: checked.target.target })}</a
    >
  </p>`;
}
