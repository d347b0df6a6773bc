/** Small pieces several pages use: copy buttons, the address box, the three steps. */
import type { Lang } from '../../report/types.js';
import { html, type SafeHtml } from '../html.js';
import { t } from './words.js';

/**
 * A button that copies `text`. Hidden until the script runs (without it the button could do nothing);
 * its words for "copied" come from the server, so the script holds no words of its own.
 */
export const copyButton = (text: string, lang: Lang): SafeHtml =>
  html`<button
    type="button"
    class="copy"
    data-copy="${text}"
    data-copied="${t(lang, 'copied')}"
    data-copy-failed="${t(lang, 'copyFailed')}"
    hidden
  >
    ${t(lang, 'copy')}
  </button>`;

/** A copy button for the text of the element with this id (long text, not repeated in an attribute). */
export const copyFromButton = (elementId: string, lang: Lang): SafeHtml =>
  html`<button
    type="button"
    class="copy"
    data-copy-from="${elementId}"
    data-copied="${t(lang, 'copied')}"
    data-copy-failed="${t(lang, 'copyFailed')}"
    hidden
  >
    ${t(lang, 'copy')}
  </button>`;

/** A DNS record (or any text to paste somewhere) in a box with a copy button. */
export const recordBox = (text: string, lang: Lang): SafeHtml =>
  html`<span class="record"><code>${text}</code>${copyButton(text, lang)}</span>`;

export const addressBox = (address: string, lang: Lang): SafeHtml =>
  html`<div class="address-box">
    <code class="address" id="test-address">${address}</code>${copyButton(address, lang)}
  </div>`;

export function steps(lang: Lang): SafeHtml {
  const items = [
    [t(lang, 'step1'), t(lang, 'step1Detail')],
    [t(lang, 'step2'), t(lang, 'step2Detail')],
    [t(lang, 'step3'), t(lang, 'step3Detail')],
  ] as const;
  return html`<ol class="steps">
    ${items.map(([title, detail]) => html`<li><strong>${title}</strong><span>${detail}</span></li>`)}
  </ol>`;
}
