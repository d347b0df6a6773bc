/** Where the domain audit and the generators live, and the links other pages make to them. */
import { parseAuditDomain } from '../../audit/target.js';
import type { Lang } from '../../report/types.js';
import { html, type SafeHtml } from '../html.js';
import { pageUrl } from './layout.js';
import { t } from './words.js';

export const DOMAIN_PATH = '/domain';
export const GENERATE_PATH = '/generate';

/** The audit page of a domain (its path segment encoded: it is user input until parsed). */
export const domainAuditPath = (domain: string): string => `${DOMAIN_PATH}/${encodeURIComponent(domain)}`;

/** The audit page URL with the optional selectors and IP kept in the query. */
export function domainAuditUrl(
  domain: string,
  lang: Lang,
  extra: { selectors?: readonly string[]; ip?: string | null } = {},
): string {
  const keep: Record<string, string> = {};
  if (extra.selectors?.length) keep.selector = extra.selectors.join(',');
  if (extra.ip) keep.ip = extra.ip;
  return pageUrl(domainAuditPath(domain), lang, keep);
}

/** A link to the audit of the sender's domain (the From address); nothing when it holds no auditable domain. */
export function domainAuditLink(fromAddress: string | null | undefined, lang: Lang): SafeHtml {
  const at = fromAddress ? fromAddress.lastIndexOf('@') : -1;
  if (!fromAddress || at < 0) return html``;
  const parsed = parseAuditDomain(fromAddress.slice(at + 1).replace(/>$/, ''));
  if (!parsed.ok) return html``;
  return html`<p class="note">
    <a href="${domainAuditUrl(parsed.domain, lang)}" data-domain-link
      >${t(lang, 'domainReportLink', { domain: parsed.domain })}</a
    >
  </p>`;
}
