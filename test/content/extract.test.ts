import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractContent } from '../../src/content/extract.js';
import { LIMITS } from '../../src/limits.js';
import { parseMessage } from '../../src/message/parse.js';
import { alternative, contentOf, iso2022jp, message, type Part } from './support.js';

const JAPANESE = 'お世話になっております。髙橋です。①ＡＢＣ　ｶﾀｶﾅ';
/** The same text without the characters only CP932 has (EUC-JP and ISO-2022-JP proper lack ① and 髙) or half-width kana. */
const JIS_TEXT = 'お世話になっております。高橋です。ＡＢＣ';

describe('extractContent: charsets and transfer encodings', () => {
  it.each<[string, Part, string, string[]]>([
    [
      'ISO-2022-JP, 7bit',
      { type: 'text/plain', charset: 'ISO-2022-JP', encoding: '7bit', body: iso2022jp(`Hello ${JIS_TEXT}`) },
      `Hello ${JIS_TEXT}`,
      ['iso-2022-jp'],
    ],
    [
      'ISO-2022-JP, base64',
      { type: 'text/plain', charset: 'iso-2022-jp', encoding: 'base64', body: iso2022jp(JIS_TEXT) },
      JIS_TEXT,
      ['iso-2022-jp'],
    ],
    [
      'Shift_JIS (CP932 characters), base64',
      {
        type: 'text/plain',
        charset: 'Shift_JIS',
        encoding: 'base64',
        body: iconv.encode(JAPANESE, 'Shift_JIS'),
      },
      JAPANESE,
      ['shift_jis'],
    ],
    [
      'Shift_JIS, 8bit',
      {
        type: 'text/plain',
        charset: '"shift_jis"',
        encoding: '8bit',
        body: iconv.encode(JAPANESE, 'Shift_JIS'),
      },
      JAPANESE,
      ['shift_jis'],
    ],
    [
      'EUC-JP, quoted-printable',
      {
        type: 'text/plain',
        charset: 'EUC-JP',
        encoding: 'quoted-printable',
        body: iconv.encode(JIS_TEXT, 'EUC-JP'),
      },
      JIS_TEXT,
      ['euc-jp'],
    ],
    [
      'UTF-8 with a label, quoted-printable',
      {
        type: 'text/plain',
        charset: 'UTF-8',
        encoding: 'quoted-printable',
        body: Buffer.from(`Café ${JAPANESE}`),
      },
      `Café ${JAPANESE}`,
      ['utf-8'],
    ],
    [
      'UTF-8 without a label',
      { type: 'text/plain', encoding: '8bit', body: Buffer.from(JAPANESE) },
      JAPANESE,
      [],
    ],
    [
      'ISO-8859-1',
      {
        type: 'text/plain',
        charset: 'iso-8859-1',
        encoding: '8bit',
        body: iconv.encode('Café crème', 'latin1'),
      },
      'Café crème',
      ['iso-8859-1'],
    ],
    [
      'an unknown label falls back to UTF-8',
      { type: 'text/plain', charset: 'x-no-such-charset', encoding: '8bit', body: Buffer.from(JAPANESE) },
      JAPANESE,
      ['x-no-such-charset'],
    ],
    [
      'a label naming a prototype member',
      { type: 'text/plain', charset: '__proto__', encoding: '8bit', body: Buffer.from('plain words') },
      'plain words',
      ['__proto__'],
    ],
  ])('%s', async (_name, part, expected, charsets) => {
    const { content } = await contentOf(message(part));
    expect(content.text?.trim()).toBe(expected);
    expect(content.charsets).toEqual(charsets);
    expect(content.error).toBeNull();
  });

  it('a wrong label (Shift_JIS bytes labelled ISO-2022-JP) gives garbled text, never an exception', async () => {
    const part: Part = {
      type: 'text/plain',
      charset: 'ISO-2022-JP',
      encoding: '8bit',
      body: iconv.encode(JAPANESE, 'Shift_JIS'),
    };
    const { content } = await contentOf(message(part));
    expect(typeof content.text).toBe('string');
    expect(content.text).not.toContain('お世話');
  });

  it('UTF-7 is refused as a charset (it turns +ADw-script+AD4- into <script>)', async () => {
    const part: Part = {
      type: 'text/html',
      charset: 'utf-7',
      encoding: '7bit',
      body: '+ADw-script+AD4-alert(1)+ADw-/script+AD4-',
    };
    const { content } = await contentOf(message(part));
    expect(content.htmlFacts?.active.script).toBeUndefined();
  });

  it('decodes Japanese HTML and text alternatives in different charsets', async () => {
    const raw = message(
      [
        {
          type: 'text/plain',
          charset: 'ISO-2022-JP',
          encoding: '7bit',
          body: iso2022jp(`${JIS_TEXT}\r\nhttps://example.jp/info`),
        },
        {
          type: 'text/html',
          charset: 'Shift_JIS',
          encoding: 'quoted-printable',
          body: iconv.encode(
            `<p>${JAPANESE}</p><p>詳しくは<a href="https://example.jp/info">こちら</a></p>`,
            'Shift_JIS',
          ),
        },
      ],
      { multipart: 'multipart/alternative' },
    );
    const { content } = await contentOf(raw);
    expect(content.htmlText).toBe(`${JAPANESE}\n詳しくはこちら`);
    expect(content.charsets).toEqual(['iso-2022-jp', 'shift_jis']);
    expect(content.links.map((l) => [l.source, l.href, l.text])).toEqual([
      ['html', 'https://example.jp/info', 'こちら'],
      ['text', 'https://example.jp/info', 'https://example.jp/info'],
    ]);
  });
});

describe('extractContent: HTML', () => {
  const html = `<!doctype html><html><head><title>Not shown</title>
    <style>p { color: red }</style><script>var hidden = "<b>no</b>";</script></head>
    <body><!-- a comment --><h1>Fish &amp; chips&nbsp;&#x2764;</h1>
    <p>Visit <a href="https://Shop.Example.COM/a?x=1&amp;y=2">our shop</a> or www.example.org/faq.</p>
    <a href="mailto:help@example.com">mail us</a> <a href="https://192.0.2.7/login">login</a>
    <a href="https://xn--80ak6aa92e.com/">apple</a> <a>no href</a>
    <img src="cid:logo@x" alt="Logo" width="600" height="200"><img src="https://t.example.net/o.gif" width=1 height="1px">
    <img src="https://cdn.example.com/b.png" style="width:300px;height:100px">
    詳しくはhttps://example.jp/news/をご覧ください。</body></html>`;

  it('reads the visible text, links, text URLs and images', async () => {
    const { content } = await contentOf(
      message({ type: 'text/html', charset: 'utf-8', encoding: 'quoted-printable', body: html }),
    );
    expect(content.htmlText).toBe(
      'Fish & chips ❤\nVisit our shop or www.example.org/faq.\nmail us login apple no href 詳しくはhttps://example.jp/news/をご覧ください。',
    );
    expect(
      content.links.map(({ href, text, source, scheme, host, domain }) => ({
        href,
        text,
        source,
        scheme,
        host,
        domain,
      })),
    ).toEqual([
      {
        href: 'https://Shop.Example.COM/a?x=1&y=2',
        text: 'our shop',
        source: 'html',
        scheme: 'https',
        host: 'shop.example.com',
        domain: 'example.com',
      },
      {
        href: 'mailto:help@example.com',
        text: 'mail us',
        source: 'html',
        scheme: 'mailto',
        host: '',
        domain: '',
      },
      {
        href: 'https://192.0.2.7/login',
        text: 'login',
        source: 'html',
        scheme: 'https',
        host: '192.0.2.7',
        domain: '',
      },
      {
        href: 'https://xn--80ak6aa92e.com/',
        text: 'apple',
        source: 'html',
        scheme: 'https',
        host: 'xn--80ak6aa92e.com',
        domain: 'xn--80ak6aa92e.com',
      },
      {
        href: 'www.example.org/faq',
        text: 'www.example.org/faq',
        source: 'text',
        scheme: 'http',
        host: 'www.example.org',
        domain: 'example.org',
      },
      {
        href: 'https://example.jp/news/',
        text: 'https://example.jp/news/',
        source: 'text',
        scheme: 'https',
        host: 'example.jp',
        domain: 'example.jp',
      },
    ]);
    expect(content.images).toEqual([
      { src: 'cid:logo@x', alt: 'Logo', width: 600, height: 200 },
      { src: 'https://t.example.net/o.gif', alt: null, width: 1, height: 1 },
      { src: 'https://cdn.example.com/b.png', alt: null, width: 300, height: 100 },
    ]);
    expect(content.truncated).toBe(false);
  });

  it.each([
    ['<a href="https://a.example/">one<a href="https://b.example/">two</a>', ['one', 'two']],
    ['<p><a href="https://a.example/">cut off', ['cut off']],
    ['<a href="https://a.example/"><img src="x.png" alt="Buy"></a>', ['']],
    ['<map><area href="https://a.example/map" alt="Region"></map>', ['Region']],
  ])('link text of %s', async (body, texts) => {
    const { content } = await contentOf(
      message({ type: 'text/html', charset: 'utf-8', encoding: '8bit', body }),
    );
    expect(content.links.map((l) => l.text)).toEqual(texts);
  });

  it('records hidden text and active content', async () => {
    const body = `<div style="display:none">preview</div><p>Hello there</p>
      <span style="font-size:1px">buy cheap</span><font color="#ffffff">white words</font>
      <div style="visibility:hidden">gone</div><p style="opacity:0">faded</p>
      <div style="max-height:0;overflow:hidden">collapsed</div><p style="color:rgba(0,0,0,0)">clear</p>
      <script>x()</script><iframe src="https://x.example/"></iframe><form action="https://x.example/"></form>
      <object></object><embed src="a.swf"><a href=" javascript:alert(1)" onclick="y()">js</a>
      <meta http-equiv="refresh" content="0;url=https://x.example/">`;
    const { content } = await contentOf(
      message({ type: 'text/html', charset: 'utf-8', encoding: '8bit', body }),
    );
    expect(content.htmlText).toBe('Hello there\njs');
    expect(content.htmlFacts?.hidden.map((h) => [h.reason, h.text, h.afterVisible])).toEqual([
      ['display-none', 'preview', false],
      ['tiny-font', 'buy cheap', true],
      ['low-contrast', 'white words', true],
      ['visibility-hidden', 'gone', true],
      ['transparent', 'faded', true],
      ['collapsed', 'collapsed', true],
      ['transparent', 'clear', true],
    ]);
    expect(content.htmlFacts?.active).toEqual({
      script: 1,
      iframe: 1,
      form: 1,
      object: 1,
      embed: 1,
      'javascript-url': 1,
      'event-handler': 1,
      'meta-refresh': 1,
    });
  });

  it('white text on a dark or image background is visible', async () => {
    const body = `<table bgcolor="#000000"><tr><td><font color="white">on black</font></td></tr></table>
      <div style="background:url(hero.jpg) #fff"><span style="color:#fff">on an image</span></div>
      <style>.dark { background-color: #111 }</style><div class="dark"><p style="color:#ffffff">on a class</p></div>`;
    const { content } = await contentOf(
      message({ type: 'text/html', charset: 'utf-8', encoding: '8bit', body }),
    );
    expect(content.htmlFacts?.hidden).toEqual([]);
    expect(content.htmlText).toBe('on black\non an image\non a class');
  });
});

describe('extractContent: attachments', () => {
  it('lists attachments with name, type, size, head and whether the HTML shows them', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10_000, 0x20)]);
    const raw = message([
      {
        type: 'text/html',
        charset: 'utf-8',
        encoding: '8bit',
        body: '<p>See the invoice <img src="cid:logo@x"></p>',
      },
      {
        type: 'image/png',
        encoding: 'base64',
        body: Buffer.from('89504e470d0a1a0a', 'hex'),
        contentId: 'logo@x',
        disposition: 'inline',
        filename: 'logo.png',
      },
      {
        type: 'application/pdf',
        encoding: 'base64',
        body: pdf,
        disposition: 'attachment',
        filename: '=?UTF-8?B?6KuL5rGC5pu4LnBkZg==?=',
      },
    ]);
    const { content } = await contentOf(raw);
    expect(
      content.attachments.map(({ filename, contentType, size, inline, broken }) => ({
        filename,
        contentType,
        size,
        inline,
        broken,
      })),
    ).toEqual([
      { filename: 'logo.png', contentType: 'image/png', size: 8, inline: true, broken: false },
      {
        filename: '請求書.pdf',
        contentType: 'application/pdf',
        size: pdf.length,
        inline: false,
        broken: false,
      },
    ]);
    expect(content.attachments[1]!.head.length).toBe(LIMITS.contentAttachmentHeadBytes);
    expect(content.attachments[1]!.head.subarray(0, 8).toString()).toBe('%PDF-1.7');
    expect(content.attachments[1]!.data.length).toBe(pdf.length);
  });
});

describe('extractContent: bounds and failures', () => {
  it('decodes once per message, however many ask', async () => {
    const parsed = await parseMessage(alternative('Hello', '<p>Hello</p>'));
    const [a, b] = await Promise.all([extractContent(parsed), extractContent(parsed)]);
    expect(a).toBe(b);
  });

  it('reuses what the parser decoded for plain HTML mail', async () => {
    const parsed = await parseMessage(alternative('Hello text', '<p>Hello html</p>'));
    const content = await extractContent(parsed);
    expect(content.text).toBe(parsed.mime.text);
    expect(content.htmlText).toBe('Hello html');
  });

  it('keeps at most LIMITS.contentMaxLinks links and says the list was cut', async () => {
    const many = Array.from(
      { length: LIMITS.contentMaxLinks + 50 },
      (_, i) => `<a href="https://e.example/${i}">${i}</a>`,
    ).join(' ');
    const { content } = await contentOf(
      message({ type: 'text/html', charset: 'utf-8', encoding: 'base64', body: many }),
    );
    expect(content.links.length).toBe(LIMITS.contentMaxLinks);
    expect(content.truncated).toBe(true);
  });

  it('cuts a text part at LIMITS.contentMaxTextChars', async () => {
    const long = 'word '.repeat(LIMITS.contentMaxTextChars / 5 + 1000);
    const { content } = await contentOf(
      message({ type: 'text/plain', charset: 'utf-8', encoding: 'base64', body: long }),
    );
    expect(content.text?.length).toBe(LIMITS.contentMaxTextChars);
    expect(content.truncated).toBe(true);
  });

  it('a message over the decode bound has its start decoded and is marked cut', async () => {
    const big = Buffer.alloc(LIMITS.maxMimeParseBytes, 0x41);
    const raw = message([
      { type: 'text/plain', charset: 'utf-8', encoding: '8bit', body: 'The words come first.' },
      {
        type: 'application/octet-stream',
        encoding: 'base64',
        body: big,
        disposition: 'attachment',
        filename: 'big.bin',
      },
    ]);
    const started = performance.now();
    const { content } = await contentOf(raw);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(content.text?.trim()).toBe('The words come first.');
    expect(content.truncated).toBe(true);
    expect(content.attachments[0]!.size).toBeLessThan(big.length);
  });

  it.each([
    [
      'a multipart without its boundary',
      'Content-Type: multipart/mixed; boundary="never"\r\n\r\nno parts here\r\n',
    ],
    ['a multipart with no boundary parameter', 'Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\nbody\r\n'],
    [
      'broken base64',
      'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!*** not base64 ***\r\n',
    ],
    [
      'an HTML part of unclosed tags',
      `Content-Type: text/html\r\n\r\n${'<div><a href="x'.repeat(20_000)}\r\n`,
    ],
    ['deep nesting', `Content-Type: text/html\r\n\r\n${'<div style="color:#fff">'.repeat(50_000)}x\r\n`],
    [
      'stray close tags under deep nesting',
      `Content-Type: text/html\r\n\r\n${'<b>'.repeat(250)}${'</x>'.repeat(200_000)}\r\n`,
    ],
  ])('%s does not throw, in bounded time', async (_name, rest) => {
    const raw = Buffer.from(`From: a@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n${rest}`);
    const started = performance.now();
    const { content } = await contentOf(raw);
    expect(content).toBeDefined();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
