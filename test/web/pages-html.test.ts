/** The auto-escaping template: every interpolation is inert text unless it is markup this program made. */
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, join, raw, safeUrl } from '../../src/web/html.js';

/** The template under another name, so the formatter leaves the exact markup of these cases alone. */
const h = html;

describe('html escapes every interpolation', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ["' onmouseover='alert(1)", '&#39; onmouseover=&#39;alert(1)'],
    ['a & b', 'a &amp; b'],
    ['`backtick`', '&#96;backtick&#96;'],
    ['&lt;already escaped&gt;', '&amp;lt;already escaped&amp;gt;'],
    ['</textarea><svg onload=alert(1)>', '&lt;/textarea&gt;&lt;svg onload=alert(1)&gt;'],
    ['日本語の件名 <b>', '日本語の件名 &lt;b&gt;'],
  ])('in element content: %s', (input, expected) => {
    expect(html`<p>${input}</p>`.value).toBe(`<p>${expected}</p>`);
  });

  it.each([
    ['" autofocus onfocus="alert(1)', '&quot; autofocus onfocus=&quot;alert(1)'],
    ["' onclick='x", '&#39; onclick=&#39;x'],
    ['plain', 'plain'],
  ])('in a quoted attribute: %s', (input, expected) => {
    expect(h`<span title="${input}" data-x='${input}'></span>`.value).toBe(
      `<span title="${expected}" data-x='${expected}'></span>`,
    );
  });

  it.each([
    ['javascript:alert(1)', 'about:blank'],
    ['JaVaScRiPt:alert(1)', 'about:blank'],
    [' \tjava\nscript:alert(1)', 'about:blank'],
    ['\u0001javascript:alert(1)', 'about:blank'],
    ['vbscript:msgbox(1)', 'about:blank'],
    ['data:text/html,<script>alert(1)</script>', 'about:blank'],
    ['https://example.com/a?b=1&c=2', 'https://example.com/a?b=1&amp;c=2'],
    ['mailto:someone@example.com', 'mailto:someone@example.com'],
    ['/tests/abc?lang=ja', '/tests/abc?lang=ja'],
    ['relative/path', 'relative/path'],
    ['//example.com/x', '//example.com/x'],
    ['#top', '#top'],
  ])('in a URL attribute: %j', (input, expected) => {
    expect(html`<a href="${input}">x</a>`.value).toBe(`<a href="${expected}">x</a>`);
    expect(h`<iframe src='${input}'></iframe>`.value).toBe(`<iframe src='${expected}'></iframe>`);
  });

  it('leaves a non-URL attribute alone (only escaping applies)', () => {
    expect(html`<b title="${'javascript:x'}"></b>`.value).toBe('<b title="javascript:x"></b>');
  });

  it('refuses an unquoted attribute value (escaping cannot make it safe)', () => {
    expect(() => h`<a href=${'x onmouseover=alert(1)'}>`).toThrow(/unquoted attribute/);
    expect(() => h`<a class="c" title=${'x'}>`).toThrow(/unquoted attribute/);
    expect(() => h`<a class="${'c'}" title=${'x'}>`).toThrow(/unquoted attribute/);
  });

  it('passes nested templates and raw() through, and escapes arrays item by item', () => {
    const items = ['<a>', html`<b>${'<c>'}</b>`, raw('<i>ok</i>')];
    expect(h`<ul>${items}</ul>`.value).toBe('<ul>&lt;a&gt;<b>&lt;c&gt;</b><i>ok</i></ul>');
    expect(html`${[['<x>', ['<y>']]]}`.value).toBe('&lt;x&gt;&lt;y&gt;');
  });

  it.each([
    [null, ''],
    [undefined, ''],
    [false, ''],
    [true, ''],
    [0, '0'],
    [7.5, '7.5'],
    ['', ''],
  ])('renders %j as %j', (value, expected) => {
    expect(html`${value}`.value).toBe(expected);
  });

  it('joins with an escaped separator', () => {
    expect(join(['<a>', html`<b></b>`], ' & ').value).toBe('&lt;a&gt; &amp; <b></b>');
  });

  it('escapes the five characters that matter, and only those', () => {
    expect(escapeHtml(`<>&"'\` =/ 日本`)).toBe('&lt;&gt;&amp;&quot;&#39;&#96; =/ 日本');
    expect(safeUrl('https://x.example')).toBe('https://x.example');
  });
});
