import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkContent, findPlaceholders, shouting } from '../../src/checks/content.js';
import type { Finding } from '../../src/checks/types.js';
import { checkText } from '../../src/i18n/index.js';
import { alternative, contentOf, iso2022jp, message } from '../content/support.js';

const ids = (findings: Finding[]) => findings.map((f) => f.id);

const PROSE =
  'Our summer collection has arrived. This month we restocked the linen shirts you asked about, added two new colours of the canvas tote, and opened a small shop in Kyoto. Read on for the details and a short note from our founder about where the cotton comes from.';
const htmlOf = (body: string) =>
  `<!doctype html><html><head><title>News</title></head><body>${body}</body></html>`;
const html = (body: string, subject?: string) =>
  message(
    { type: 'text/html', charset: 'utf-8', encoding: 'quoted-printable', body: htmlOf(body) },
    { subject },
  );

async function run(raw: Buffer): Promise<Finding[]> {
  const { ctx, content } = await contentOf(raw);
  return checkContent(ctx, content).findings;
}

describe('checkContent', () => {
  it.each<[string, Buffer, string[]]>([
    ['a clean alternative', alternative(PROSE, htmlOf(`<p>${PROSE}</p>`)), ['content.pass']],
    [
      'plain text only',
      message({ type: 'text/plain', charset: 'utf-8', encoding: '8bit', body: PROSE }),
      ['content.pass'],
    ],
    [
      'a text part that is not the HTML',
      alternative(
        'Your email client cannot display HTML. View this message in a browser, please.',
        htmlOf(`<p>${PROSE}</p>`),
      ),
      ['content.text-html-differ'],
    ],
    [
      'a Japanese alternative (ISO-2022-JP text, Shift_JIS HTML) of the same words',
      message(
        [
          {
            type: 'text/plain',
            charset: 'ISO-2022-JP',
            encoding: '7bit',
            body: iso2022jp(
              'いつもご利用いただきありがとうございます。七月の新商品と店舗のお知らせをお送りします。',
            ),
          },
          {
            type: 'text/html',
            charset: 'Shift_JIS',
            encoding: 'base64',
            body: iconv.encode(
              htmlOf(
                '<p>いつもご利用いただきありがとうございます。</p><p>七月の新商品と店舗のお知らせをお送りします。</p>',
              ),
              'Shift_JIS',
            ),
          },
        ],
        { multipart: 'multipart/alternative' },
      ),
      ['content.pass'],
    ],
    [
      'an image with a few words',
      html(
        '<a href="https://shop.example.com/"><img src="https://cdn.example.com/sale.png" width="600" height="900" alt="Sale"></a><p>Click here</p>',
      ),
      ['content.image-only'],
    ],
    [
      'a tracking pixel is not an image',
      html(`<p>${PROSE}</p><img src="https://t.example.com/o.gif" width="1" height="1">`),
      ['content.pass'],
    ],
    [
      'images without alt',
      html(
        `<p>${PROSE}</p><img src="https://cdn.example.com/a.png" width="300"><img src="https://cdn.example.com/b.png"><img src="https://cdn.example.com/c.png" alt="">`,
      ),
      ['content.images-no-alt'],
    ],
    [
      'a preheader only',
      html(
        `<div style="display:none;max-height:0;overflow:hidden">Summer is here: 20% off linen</div><p>${PROSE}</p>`,
      ),
      ['content.pass'],
    ],
    [
      'hidden words after the visible text',
      html(`<p>${PROSE}</p><div style="display:none">casino viagra lottery winner cheap pills bitcoin</div>`),
      ['content.hidden-text'],
    ],
    [
      'a responsive variant revealed by @media',
      message({
        type: 'text/html',
        charset: 'utf-8',
        encoding: '8bit',
        body: `<html><head><style>@media (max-width:600px){.mobile{display:block!important}}</style></head><body><p>${PROSE}</p><div class="mobile" style="display:none">The same collection, laid out for small screens with bigger buttons.</div></body></html>`,
      }),
      ['content.pass'],
    ],
    [
      'white text on white',
      html(`<p>${PROSE}</p><p style="color:#ffffff">free money free money free money</p>`),
      ['content.hidden-text'],
    ],
    [
      'one-pixel text',
      html(`<p>${PROSE}</p><span style="font-size:1px">cheap watches replica cheap watches</span>`),
      ['content.hidden-text'],
    ],
    [
      'mostly links',
      html(
        Array.from({ length: 12 }, (_, i) => `<a href="https://shop${i}.example.com/">Deal ${i}</a>`).join(
          ' ',
        ),
      ),
      ['content.too-many-links'],
    ],
    [
      'a newsletter with links among its words',
      html(
        Array.from(
          { length: 12 },
          (_, i) => `<p>${PROSE} <a href="https://shop.example.com/${i}">Read more</a></p>`,
        ).join(''),
      ),
      ['content.pass'],
    ],
    [
      'a script',
      html(`<p>${PROSE}</p><script>document.location="https://x.example/"</script>`),
      ['content.active-html'],
    ],
    [
      'a meta refresh',
      html(`<meta http-equiv="refresh" content="0;url=https://x.example/"><p>${PROSE}</p>`),
      ['content.active-html'],
    ],
    [
      'a javascript: link',
      html(`<p>${PROSE} <a href="javascript:void(0)">open</a></p>`),
      ['content.active-html'],
    ],
    [
      'an iframe and an object',
      html(`<p>${PROSE}</p><iframe src="https://x.example/"></iframe><object data="a.swf"></object>`),
      ['content.active-html'],
    ],
    [
      'a login form',
      html(
        `<p>${PROSE}</p><form action="https://x.example/login"><input name="password" type="password"></form>`,
      ),
      ['content.form'],
    ],
    ['an unreplaced merge tag', html(`<p>Dear {{first_name}},</p><p>${PROSE}</p>`), ['content.placeholders']],
    [
      'a merge tag in a link only',
      html(
        `<p>${PROSE}</p><a href="https://example.com/unsubscribe?u=%7B%7Bsubscriber_id%7D%7D">Unsubscribe</a>`,
      ),
      ['content.placeholders'],
    ],
    ['a shouting subject', html(`<p>${PROSE}</p>`, 'FREE MONEY INSIDE'), ['content.subject-shouting']],
  ])('%s', async (_name, raw, expected) => {
    expect(ids(await run(raw))).toEqual(expected);
  });

  it('a mistaken merge tag, an image-only layout and a form add up', async () => {
    const raw = html(
      '<img src="https://cdn.example.com/a.png" width="600" height="800"><form action="https://x.example/"></form><p>Hi *|FNAME|*</p>',
      'WIN A PRIZE TODAY',
    );
    expect(ids(await run(raw))).toEqual([
      'content.image-only',
      'content.images-no-alt',
      'content.form',
      'content.placeholders',
      'content.subject-shouting',
    ]);
  });

  it('says how alike the two parts are and how many words each has', async () => {
    const findings = await run(
      alternative('View this email in your browser: https://example.com/view', htmlOf(`<p>${PROSE}</p>`)),
    );
    expect(findings[0]).toEqual({
      id: 'content.text-html-differ',
      params: { similarity: expect.any(Number), textWords: 10, htmlWords: 48 },
    });
    expect((findings[0]!.params!.similarity as number) < 50).toBe(true);
  });

  it('names the hidden text, its reason and the active content in words', async () => {
    const findings = await run(
      html(
        `<p>${PROSE}</p><font color="#fefefe">hidden keywords stuffed here</font><script>x()</script><a onclick="y()" href="#">a</a>`,
      ),
    );
    const hidden = findings.find((f) => f.id === 'content.hidden-text')!;
    expect(hidden.params).toEqual({
      chars: 25,
      reason: 'low-contrast',
      sample: 'hidden keywords stuffed here',
    });
    expect(checkText(hidden, 'en').detail).toContain('text in the same color as its background');
    expect(checkText(hidden, 'ja').detail).toContain('背景と同じ色の文字');
    const active = findings.find((f) => f.id === 'content.active-html')!;
    expect(active.params).toEqual({ tags: ['<script> ×1', 'on…= ×1'] });
  });

  it('notes a message it could only read in part', async () => {
    const many = Array.from(
      { length: 1_100 },
      (_, i) => `<a href="https://e${i}.example/">${PROSE}</a>`,
    ).join('');
    expect(ids(await run(html(many)))).toContain('content.partial');
  });
});

describe('findPlaceholders', () => {
  it.each([
    ['Dear {{ first_name }},', ['{{ first_name }}']],
    ['Hi %%FNAME%%', ['%%FNAME%%']],
    ['Hello *|FNAME|*!', ['*|FNAME|*']],
    ['Dear [FirstName],', ['[FirstName]']],
    ['Dear [First Name],', ['[First Name]']],
    ['Hi ${user.name}', ['${user.name}']],
    ['Dear %FIRSTNAME%,', ['%FIRSTNAME%']],
    ['{% if vip %}Gold{% endif %}', ['{% if vip %}', '{% endif %}']],
    ['Hi <%= name %>', ['<%= name %>']],
    ['Dear {$name}', ['{$name}']],
    ['○○様、いつもありがとうございます', ['○○様']],
    ['〇〇 さん', ['〇〇 さん']],
    ['[お名前]様', ['[お名前]']],
  ])('%s', (text, expected) => expect(findPlaceholders([text])).toEqual(expected));

  it.each([
    '50% OFF and 20% more',
    '【PR】[PR] 夏のセール',
    'Use {braces} in JSON like {"a": 1}',
    'Save 100%OFF%',
    'See [1] and [note]',
    'email@example.com 100% sure',
    'Price: $5 {per item}',
  ])('%s has none', (text) => expect(findPlaceholders([text])).toEqual([]));
});

describe('shouting', () => {
  it.each([
    ['FREE MONEY INSIDE', 'caps'],
    ['ＦＲＥＥ　ＭＯＮＥＹ　ＮＯＷ', 'caps'],
    ['LAST CHANCE: 50% OFF', 'caps'],
    ['Sale ends tonight!!!', 'exclamation'],
    ['本日限り！！！', 'exclamation'],
    ['Really?! Yes!', 'exclamation'],
    ['【緊急】今だけの特別価格', 'hype'],
    ['★☆★ 大感謝祭 ★☆★', 'hype'],
    ['【新商品】【送料無料】【限定】', 'hype'],
  ])('%s → %s', (subject, reason) => expect(shouting(subject)).toBe(reason));

  it.each([
    'July newsletter',
    '【お知らせ】7月のご案内',
    'Your AWS invoice for June',
    'NASA and IBM partner on new research',
    'Welcome aboard!',
    'ご注文ありがとうございます！',
    'HELLO',
    'Re: Q3 KPI',
  ])('%s does not shout', (subject) => expect(shouting(subject)).toBeNull());
});
