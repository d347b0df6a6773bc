/**
 * The message body as the report's iframe loads it. The frame is sandboxed without any allowance, and
 * this response adds its own CSP: nothing loads from anywhere (no scripts, styles, fonts, frames, forms),
 * inline styles apply (mail is styled inline), and images only from data: URLs — plus http(s) once the
 * reader clicked "show remote images". The CSP `sandbox` directive repeats the frame's sandbox, so the
 * body stays inert even when opened directly in a tab.
 */
import type { ReadableBody } from '../../message/body.js';
import type { Lang } from '../../report/types.js';
import { html, raw } from '../html.js';
import { t } from './words.js';

export function bodyCsp(images: boolean): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src data:${images ? ' https: http:' : ''}`,
    "font-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
    'sandbox',
  ].join('; ');
}

const NOTE_STYLE =
  'body{font-family:system-ui,"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",sans-serif;color:#57606a;margin:1rem}';
const TEXT_STYLE =
  'body{margin:1rem}pre{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,Menlo,Consolas,"Noto Sans Mono CJK JP",monospace;font-size:14px;line-height:1.5}';

const smallDocument = (lang: Lang, style: string, content: ReturnType<typeof html>) =>
  html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <style>
          ${raw(style)}
        </style>
      </head>
      <body>
        ${content}
      </body>
    </html>`.value;

/** The document to serve: the HTML part as it is (inert by the CSP and sandbox), else the text part, else a note. */
export function bodyDocument(body: ReadableBody, lang: Lang): string {
  if (body.html !== null && body.html.trim() !== '') return body.html;
  if (body.text !== null && body.text.trim() !== '') {
    // The text's own language is unknown: no lang attribute on the text itself.
    return smallDocument(lang, TEXT_STYLE, html`<pre lang="">${body.text}</pre>`);
  }
  return smallDocument(
    lang,
    NOTE_STYLE,
    html`<p>${t(lang, body.tooLarge ? 'bodyTooLarge' : 'bodyNone')}</p>`,
  );
}
