/**
 * The one way pages make HTML: a tagged template that escapes every interpolated value.
 *
 *   html`<p title="${userText}">${userText}</p>`   // both escaped
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`   // nested templates and arrays pass through
 *   html`<a href="${url}">`   // URL attributes also refuse script-capable schemes
 *
 * Text from messages, DNS and users only ever reaches a page through here. The only way around the
 * escaping is `raw()`, for markup this program wrote itself (never for data).
 */

/** Markup that is already safe: the result of `html` or `raw`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated. null, undefined and booleans render nothing (so `${cond && html`...`}` works). */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // A backtick ends an attribute value in old IE; escaping it costs nothing.
  '`': '&#96;',
};

/** Text safe in element content and in quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);

/** Marks markup written by this program as safe. Never pass data to it. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

/**
 * Attributes whose value the browser loads or navigates to. A value there must not be a
 * `javascript:` (or `vbscript:`, `data:`) URL; browsers ignore tabs, newlines and leading
 * control characters when reading the scheme, so we do too.
 */
const URL_ATTRIBUTE =
  /\s(?:href|src|action|formaction|poster|xlink:href|srcset|cite|background)\s*=\s*["']$/i;
/**
 * An interpolation right after `=` with no quote: escaping cannot make an unquoted value safe. The name
 * follows a tag's opening or the closing quote of an earlier attribute (which may be an interpolation's).
 */
const UNQUOTED_ATTRIBUTE = /(?:<[^>]*\s|["']\s+)[a-z][a-z0-9-:]*\s*=\s*$/i;

const SAFE_SCHEME = /^(?:https?|mailto):/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The URL when it is relative or http(s)/mailto, else "about:blank" (a harmless target). */
export function safeUrl(url: string): string {
  // Strip what URL parsers strip before reading the scheme (C0 controls, space, tab, newline).
  const squeezed = url.replace(/[\u0000-\u0020\u007f]/g, '');
  if (HAS_SCHEME.test(squeezed) && !SAFE_SCHEME.test(squeezed)) return 'about:blank';
  // "//host" and "\\host" are protocol-relative: fine (http/https), as is any path.
  return url;
}

function render(value: HtmlValue, inUrlAttribute: boolean): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((item: HtmlValue) => render(item, inUrlAttribute)).join('');
  const text = String(value);
  return escapeHtml(inUrlAttribute ? safeUrl(text) : text);
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    const before = strings[i]!;
    if (UNQUOTED_ATTRIBUTE.test(before)) {
      // A programming error, caught by the first render in any test: quote the attribute.
      throw new Error(`html: unquoted attribute value before interpolation ${i} ("${before.slice(-30)}")`);
    }
    out += render(values[i], URL_ATTRIBUTE.test(before)) + strings[i + 1]!;
  }
  return new SafeHtml(out);
}

/** Joins fragments with a separator (itself escaped unless it is SafeHtml). */
export const join = (items: readonly HtmlValue[], separator: HtmlValue): SafeHtml =>
  new SafeHtml(items.map((item) => render(item, false)).join(render(separator, false)));
