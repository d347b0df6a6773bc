/**
 * Every built-in rule, table-driven: it fires on its example and stays quiet on a near miss, in English and
 * (where the rule reads words) in Japanese.
 */
import { describe, expect, it } from 'vitest';
import { firedBuiltinRules } from '../../../src/content/filters/builtin.js';
import { BUILTIN_RULE_NAMES, type BuiltinRuleName } from '../../../src/content/filters/builtin/rules.js';
import { attachment, buildInput, image, link, type Sample } from './builtin-support.js';

interface RuleCase {
  rule: BuiltinRuleName;
  lang: 'en' | 'ja' | 'any';
  what: string;
  fires: Sample;
  nearMiss: Sample;
}

const subject = (value: string): Sample => ({ headers: { Subject: value } });
const text = (value: string): Sample => ({ text: value });
const html = (markup: string, extra: Sample = {}): Sample => ({
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
  html: markup,
  ...extra,
});
const LONG_EN =
  'We reviewed the quarterly figures together and agreed on the next steps for the launch of the new product line in the autumn, with the marketing team taking the lead on the campaign and the engineers finishing the documentation by the end of the month. ';
const LONG_JA =
  '本日の会議では四半期の数字を確認し、秋に予定している新製品の発売に向けた次の作業について合意しました。キャンペーンはマーケティングチームが担当し、技術チームは月末までに資料を仕上げます。';

const CASES: RuleCase[] = [
  // Subject
  {
    rule: 'MS_SUBJ_ALL_CAPS',
    lang: 'en',
    what: 'capitals only',
    fires: subject('LAST CHANCE TO SAVE BIG'),
    nearMiss: subject('Last chance to save big'),
  },
  {
    rule: 'MS_SUBJ_ALL_CAPS',
    lang: 'en',
    what: 'one acronym is not shouting',
    fires: subject('URGENT NOTICE FOR YOU'),
    nearMiss: subject('NASA launch notes'),
  },
  {
    rule: 'MS_SUBJ_EXCESS_PUNCT',
    lang: 'en',
    what: '!!',
    fires: subject('Amazing deal!!'),
    nearMiss: subject('Amazing deal!'),
  },
  {
    rule: 'MS_SUBJ_EXCESS_PUNCT',
    lang: 'ja',
    what: 'full-width ！！',
    fires: subject('大特価です！！'),
    nearMiss: subject('ご注文ありがとうございます！'),
  },
  {
    rule: 'MS_SUBJ_HYPE_SYMBOLS',
    lang: 'ja',
    what: '【】★',
    fires: subject('【本日限り】★大特価★'),
    nearMiss: subject('【重要】メンテナンスのお知らせ'),
  },
  {
    rule: 'MS_SUBJ_HYPE_SYMBOLS',
    lang: 'en',
    what: 'emoji',
    fires: subject('🔥🔥🔥 Hot deals inside'),
    nearMiss: subject('Hot deals inside 🔥'),
  },
  {
    rule: 'MS_SUBJ_MONEY',
    lang: 'en',
    what: 'percent off',
    fires: subject('Everything 50% off this weekend'),
    nearMiss: subject('Office closed this weekend'),
  },
  {
    rule: 'MS_SUBJ_MONEY',
    lang: 'ja',
    what: '半額',
    fires: subject('全品半額セール'),
    nearMiss: subject('全社会議のお知らせ'),
  },
  {
    rule: 'MS_SUBJ_FREE',
    lang: 'en',
    what: 'free',
    fires: subject('Your free gift is waiting'),
    nearMiss: subject('Feel freedom in travel'),
  },
  {
    rule: 'MS_SUBJ_FREE',
    lang: 'ja',
    what: '無料',
    fires: subject('無料でお試しください'),
    nearMiss: subject('お試しください'),
  },
  {
    rule: 'MS_SUBJ_URGENT',
    lang: 'en',
    what: 'act now',
    fires: subject('Act now: offer ends soon'),
    nearMiss: subject('Actions from the meeting'),
  },
  {
    rule: 'MS_SUBJ_URGENT',
    lang: 'ja',
    what: '今すぐ',
    fires: subject('今すぐご確認ください'),
    nearMiss: subject('ご確認ください'),
  },
  {
    rule: 'MS_SUBJ_PRIZE',
    lang: 'en',
    what: 'winner',
    fires: subject('You are our lucky winner'),
    nearMiss: subject('Winter schedule'),
  },
  {
    rule: 'MS_SUBJ_PRIZE',
    lang: 'ja',
    what: '当選',
    fires: subject('ご当選のお知らせ'),
    nearMiss: subject('ご登録のお知らせ'),
  },
  {
    rule: 'MS_SUBJ_ACCOUNT_ALERT',
    lang: 'en',
    what: 'suspended',
    fires: subject('Your account has been suspended'),
    nearMiss: subject('Your account statement'),
  },
  {
    rule: 'MS_SUBJ_ACCOUNT_ALERT',
    lang: 'ja',
    what: '停止',
    fires: subject('アカウントが停止されました'),
    nearMiss: subject('アカウント登録ありがとうございます'),
  },
  {
    rule: 'MS_SUBJ_REPLY_NO_THREAD',
    lang: 'en',
    what: 'Re: without In-Reply-To',
    fires: subject('Re: your invoice'),
    nearMiss: { headers: { Subject: 'Re: your invoice', 'In-Reply-To': '<a@example.com>' } },
  },
  {
    rule: 'MS_SUBJ_REPLY_NO_THREAD',
    lang: 'ja',
    what: '転送: without References',
    fires: subject('転送: 請求書'),
    nearMiss: { headers: { Subject: '転送: 請求書', References: '<a@example.com>' } },
  },
  {
    rule: 'MS_SUBJ_MISSING',
    lang: 'any',
    what: 'no Subject',
    fires: { headers: { Subject: null } },
    nearMiss: subject('x'),
  },
  {
    rule: 'MS_SUBJ_RAW_8BIT',
    lang: 'ja',
    what: 'raw UTF-8 subject',
    fires: { headers: { Subject: 'お知らせ' } },
    nearMiss: { headers: { Subject: '=?UTF-8?B?44GK55+l44KJ44Gb?=' } },
  },
  {
    rule: 'MS_SUBJ_SPACED_LETTERS',
    lang: 'en',
    what: 'F R E E',
    fires: subject('Get F R E E access'),
    nearMiss: subject('Plan A or B'),
  },

  // Sender and headers
  {
    rule: 'MS_FROM_NAME_HAS_ADDRESS',
    lang: 'en',
    what: 'another domain in the name',
    fires: { headers: { From: '"service@paypal.com" <billing@evil.example>' } },
    nearMiss: { headers: { From: '"alice@example.com" <alice@example.com>' } },
  },
  {
    rule: 'MS_FROM_NAME_BRAND',
    lang: 'en',
    what: 'PayPal from elsewhere',
    fires: { headers: { From: 'PayPal Service <support@secure-login.example>' } },
    nearMiss: { headers: { From: 'PayPal <service@paypal.com>' } },
  },
  {
    rule: 'MS_FROM_NAME_BRAND',
    lang: 'ja',
    what: '三井住友 from elsewhere',
    fires: { headers: { From: '=?UTF-8?B?5LiJ5LqV5L2P5Y+L44Kr44O844OJ?= <info@card-check.example>' } },
    nearMiss: { headers: { From: '=?UTF-8?B?5LiJ5LqV5L2P5Y+L44Kr44O844OJ?= <info@smbc-card.com>' } },
  },
  {
    rule: 'MS_REPLYTO_OTHER_DOMAIN',
    lang: 'any',
    what: 'another company',
    fires: { headers: { 'Reply-To': 'sales@other.example' } },
    nearMiss: { headers: { 'Reply-To': 'sales@mail.example.com' } },
  },
  {
    rule: 'MS_REPLYTO_FREEMAIL',
    lang: 'any',
    what: 'gmail reply-to',
    fires: { headers: { 'Reply-To': 'ceo.private@gmail.com' } },
    nearMiss: { headers: { From: 'Al <al@gmail.com>', 'Reply-To': 'al.other@gmail.com' } },
  },
  { rule: 'MS_NO_DATE', lang: 'any', what: 'no Date', fires: { headers: { Date: null } }, nearMiss: {} },
  {
    rule: 'MS_NO_MESSAGE_ID',
    lang: 'any',
    what: 'no Message-ID',
    fires: { headers: { 'Message-ID': null } },
    nearMiss: {},
  },
  {
    rule: 'MS_TO_MISSING',
    lang: 'any',
    what: 'no To or Cc',
    fires: { headers: { To: null } },
    nearMiss: { headers: { To: null, Cc: 'x@example.org' } },
  },
  {
    rule: 'MS_TO_UNDISCLOSED',
    lang: 'any',
    what: 'undisclosed-recipients',
    fires: { headers: { To: 'undisclosed-recipients:;' } },
    nearMiss: { headers: { To: 'team:;' } },
  },
  {
    rule: 'MS_FROM_LOCAL_RANDOM',
    lang: 'any',
    what: 'digits',
    fires: { headers: { From: 'Shop <user83729173@example.com>' } },
    nearMiss: { headers: { From: 'Shop <sales2025@example.com>' } },
  },
  {
    rule: 'MS_PRIORITY_HIGH',
    lang: 'any',
    what: 'X-Priority: 1',
    fires: { headers: { 'X-Priority': '1 (Highest)' } },
    nearMiss: { headers: { 'X-Priority': '3 (Normal)' } },
  },
  {
    rule: 'MS_BULK_NO_UNSUBSCRIBE',
    lang: 'en',
    what: 'Precedence: bulk without a way out',
    fires: { headers: { Precedence: 'bulk' }, text: 'Our new collection is here. Visit the shop.' },
    nearMiss: {
      headers: { Precedence: 'bulk' },
      text: 'Our new collection is here. To unsubscribe, reply STOP.',
    },
  },
  {
    rule: 'MS_BULK_NO_UNSUBSCRIBE',
    lang: 'ja',
    what: 'List-Id without 配信停止',
    fires: { headers: { 'List-Id': '<news.example.com>' }, text: '新商品のご案内です。' },
    nearMiss: {
      headers: { 'List-Id': '<news.example.com>' },
      text: '新商品のご案内です。配信停止はこちらから。',
    },
  },

  // Words, in both languages
  {
    rule: 'MS_BODY_URGENT',
    lang: 'en',
    what: 'limited time',
    fires: text('This is a limited time offer.'),
    nearMiss: text('This offer has no time limit.'),
  },
  {
    rule: 'MS_BODY_URGENT',
    lang: 'ja',
    what: '本日限り',
    fires: text('本日限りの特別価格です。'),
    nearMiss: text('本日の議事録です。'),
  },
  {
    rule: 'MS_BODY_FREE',
    lang: 'en',
    what: 'free gift',
    fires: text('Claim a free gift with your order.'),
    nearMiss: text('Feel free to call me.'),
  },
  {
    rule: 'MS_BODY_FREE',
    lang: 'en',
    what: 'free shipping is not a giveaway',
    fires: text('Claim your free bonus now.'),
    nearMiss: text('Free shipping on orders over $50.'),
  },
  {
    rule: 'MS_BODY_FREE',
    lang: 'ja',
    what: '無料プレゼント',
    fires: text('今なら無料でプレゼントします。'),
    nearMiss: text('送料は別途かかります。'),
  },
  {
    rule: 'MS_BODY_FREE',
    lang: 'ja',
    what: '0円, not 5,000円',
    fires: text('今なら0円で始められます。'),
    nearMiss: text('5,000円以上で送料無料です。'),
  },
  {
    rule: 'MS_BODY_PRIZE',
    lang: 'en',
    what: 'you have won',
    fires: text('You have won an iPhone.'),
    nearMiss: text('You have one new message.'),
  },
  {
    rule: 'MS_BODY_PRIZE',
    lang: 'ja',
    what: '賞金',
    fires: text('賞金をお受け取りください。'),
    nearMiss: text('資料をお受け取りください。'),
  },
  {
    rule: 'MS_BODY_LOTS_OF_MONEY',
    lang: 'en',
    what: '$10,500,000',
    fires: text('The sum of $10,500,000 awaits.'),
    nearMiss: text('The invoice is $1,050.'),
  },
  {
    rule: 'MS_BODY_LOTS_OF_MONEY',
    lang: 'ja',
    what: '億円',
    fires: text('総額3億円を分配します。'),
    nearMiss: text('代金は3,000円です。'),
  },
  {
    rule: 'MS_BODY_EARN_MONEY',
    lang: 'en',
    what: 'work from home',
    fires: text('Work from home and double your income.'),
    nearMiss: text('I work at home on Fridays.'),
  },
  {
    rule: 'MS_BODY_EARN_MONEY',
    lang: 'ja',
    what: '副業',
    fires: text('スマホで簡単な副業を始めませんか。'),
    nearMiss: text('スマホの設定を始めませんか。'),
  },
  {
    rule: 'MS_BODY_ACCOUNT_ALERT',
    lang: 'en',
    what: 'verify your account',
    fires: text('Please verify your account within 24 hours.'),
    nearMiss: text('Your account settings were saved.'),
  },
  {
    rule: 'MS_BODY_ACCOUNT_ALERT',
    lang: 'ja',
    what: '本人確認',
    fires: text('ご本人様確認のため、ログインしてください。'),
    nearMiss: text('ログインありがとうございます。'),
  },
  {
    rule: 'MS_BODY_BANK_TRANSFER',
    lang: 'en',
    what: 'wire transfer',
    fires: text('Send the wire transfer today.'),
    nearMiss: text('Send the slides today.'),
  },
  {
    rule: 'MS_BODY_BANK_TRANSFER',
    lang: 'ja',
    what: '口座',
    fires: text('下記の口座にお支払いください。'),
    nearMiss: text('下記の住所にお送りください。'),
  },
  {
    rule: 'MS_BODY_CLICK_HERE',
    lang: 'en',
    what: 'click here',
    fires: text('Click here to see more.'),
    nearMiss: text('See more on our site.'),
  },
  {
    rule: 'MS_BODY_CLICK_HERE',
    lang: 'ja',
    what: 'こちらをクリック',
    fires: text('詳しくはこちらをクリック。'),
    nearMiss: text('詳しくはお電話で。'),
  },
  {
    rule: 'MS_BODY_GUARANTEE',
    lang: 'en',
    what: 'risk-free',
    fires: text('Try it risk-free for 30 days.'),
    nearMiss: text('Try it for 30 days.'),
  },
  {
    rule: 'MS_BODY_GUARANTEE',
    lang: 'ja',
    what: '全額返金',
    fires: text('ご満足いただけなければ全額返金します。'),
    nearMiss: text('ご意見をお聞かせください。'),
  },
  {
    rule: 'MS_BODY_PHARMA',
    lang: 'en',
    what: 'viagra',
    fires: text('Cheap viagra online.'),
    nearMiss: text('Cheap flights online.'),
  },
  {
    rule: 'MS_BODY_PHARMA',
    lang: 'ja',
    what: 'ED治療',
    fires: text('ＥＤ治療薬を格安で。'),
    nearMiss: text('治療の予約を承りました。'),
  },
  {
    rule: 'MS_BODY_ADULT_GAMBLING',
    lang: 'en',
    what: 'casino',
    fires: text('Best online casino bonus.'),
    nearMiss: text('Best online course bonus.'),
  },
  {
    rule: 'MS_BODY_ADULT_GAMBLING',
    lang: 'ja',
    what: 'オンラインカジノ',
    fires: text('オンラインカジノで遊ぼう。'),
    nearMiss: text('オンライン講座で学ぼう。'),
  },
  {
    rule: 'MS_BODY_CRYPTO_INVEST',
    lang: 'en',
    what: 'bitcoin',
    fires: text('Invest in bitcoin today.'),
    nearMiss: text('Invest in your team today.'),
  },
  {
    rule: 'MS_BODY_CRYPTO_INVEST',
    lang: 'ja',
    what: '仮想通貨',
    fires: text('仮想通貨で資産を増やそう。'),
    nearMiss: text('手帳で予定を管理しよう。'),
  },
  {
    rule: 'MS_BODY_CRYPTO_INVEST',
    lang: 'ja',
    what: 'ＦＸ, not a word containing fx',
    fires: text('ＦＸで稼ぐ方法'),
    nearMiss: text('Firefox の設定方法'),
  },
  {
    rule: 'MS_BODY_LOAN_DEBT',
    lang: 'en',
    what: 'bad credit',
    fires: text('Loans even with bad credit.'),
    nearMiss: text('Credits roll at the end.'),
  },
  {
    rule: 'MS_BODY_LOAN_DEBT',
    lang: 'ja',
    what: '即日融資',
    fires: text('即日融資、審査なし。'),
    nearMiss: text('即日発送いたします。'),
  },
  {
    rule: 'MS_BODY_ADVANCE_FEE',
    lang: 'en',
    what: 'next of kin',
    fires: text('You are the next of kin of the deceased.'),
    nearMiss: text('You are next in line.'),
  },
  {
    rule: 'MS_BODY_ADVANCE_FEE',
    lang: 'ja',
    what: '遺産',
    fires: text('故人の遺産をお渡しします。'),
    nearMiss: text('故障の修理をお渡しします。'),
  },
  {
    rule: 'MS_BODY_DEAR_GENERIC',
    lang: 'en',
    what: 'Dear customer',
    fires: text('Dear customer, your parcel is waiting.'),
    nearMiss: text('Dear Bob, your parcel is waiting.'),
  },
  {
    rule: 'MS_BODY_DEAR_GENERIC',
    lang: 'ja',
    what: '親愛なる',
    fires: text('親愛なるお客様へ'),
    nearMiss: text('山田様へ'),
  },
  {
    rule: 'MS_BODY_PLACEHOLDER',
    lang: 'en',
    what: '{{first_name}}',
    fires: text('Hi {{first_name}}, welcome!'),
    nearMiss: text('Hi Anna, welcome! {not a placeholder}'),
  },
  {
    rule: 'MS_BODY_PLACEHOLDER',
    lang: 'ja',
    what: '*|FNAME|*',
    fires: text('*|FNAME|* 様、ようこそ。'),
    nearMiss: text('田中様、ようこそ。'),
  },

  // Style
  {
    rule: 'MS_BODY_SHOUTING',
    lang: 'en',
    what: 'capitals',
    fires: text('THIS IS THE BEST OFFER YOU WILL EVER SEE IN YOUR ENTIRE LIFE, DO NOT MISS IT'),
    nearMiss: text('This is a normal sentence about the NASA and ESA missions, nothing shouted here at all.'),
  },
  {
    rule: 'MS_BODY_SHOUTING',
    lang: 'ja',
    what: 'English capitals in Japanese mail; Japanese alone has no case',
    fires: text('今だけ！ BUY NOW, THE OFFER ENDS TONIGHT AND NEVER COMES BACK AGAIN!'),
    nearMiss: text(LONG_JA),
  },
  {
    rule: 'MS_BODY_EXCESS_PUNCT',
    lang: 'en',
    what: 'three !!',
    fires: text('Wow!! Amazing!! Buy!!'),
    nearMiss: text('Wow! Amazing!! Buy!'),
  },
  {
    rule: 'MS_BODY_EXCESS_PUNCT',
    lang: 'ja',
    what: 'three ！！',
    fires: text('すごい！！お得！！今だけ！！'),
    nearMiss: text('すごい！お得です。'),
  },
  {
    rule: 'MS_BODY_HYPE_SYMBOLS',
    lang: 'en',
    what: 'emoji',
    fires: text('Deals 🔥🔥🔥 💰💰💰 🎁🎁 inside'),
    nearMiss: text('Deals inside 🎁'),
  },
  {
    rule: 'MS_BODY_HYPE_SYMBOLS',
    lang: 'ja',
    what: 'stars and brackets',
    fires: text('★☆★☆【激安】【特価】◆◆'),
    nearMiss: text('【重要】お知らせ ★'),
  },
  {
    rule: 'MS_BODY_SHORT_WITH_LINK',
    lang: 'en',
    what: 'a link and two words',
    fires: {
      text: 'Look: https://example.net/x',
      links: [link('https://example.net/x', 'https://example.net/x', 'text')],
    },
    nearMiss: {
      text: `${LONG_EN} https://example.net/x`,
      links: [link('https://example.net/x', 'https://example.net/x', 'text')],
    },
  },
  {
    rule: 'MS_BODY_SHORT_WITH_LINK',
    lang: 'ja',
    what: 'リンクだけ',
    fires: {
      text: 'こちら https://example.net/x',
      links: [link('https://example.net/x', 'https://example.net/x', 'text')],
    },
    nearMiss: {
      text: `${LONG_JA} https://example.net/x`,
      links: [link('https://example.net/x', 'https://example.net/x', 'text')],
    },
  },
  { rule: 'MS_BODY_EMPTY', lang: 'any', what: 'no text', fires: text(''), nearMiss: text('Hi') },

  // HTML
  {
    rule: 'MS_HTML_ONLY',
    lang: 'any',
    what: 'no text part',
    fires: html(`<p>${LONG_EN}</p>`),
    nearMiss: html(`<p>${LONG_EN}</p>`, { text: LONG_EN }),
  },
  {
    rule: 'MS_HTML_IMAGE_ONLY',
    lang: 'en',
    what: 'one image and a line',
    fires: html('<img src="https://cdn.example.com/a.png"><p>Sale</p>', {
      images: [image('https://cdn.example.com/a.png')],
    }),
    nearMiss: html(`<img src="https://cdn.example.com/a.png"><p>${LONG_EN.repeat(2)}</p>`, {
      images: [image('https://cdn.example.com/a.png')],
    }),
  },
  {
    rule: 'MS_HTML_IMAGE_ONLY',
    lang: 'ja',
    what: '画像と一行',
    fires: html('<img src="https://cdn.example.com/a.png"><p>セール開催中</p>', {
      images: [image('https://cdn.example.com/a.png')],
    }),
    nearMiss: html(`<img src="https://cdn.example.com/a.png"><p>${LONG_JA.repeat(3)}</p>`, {
      images: [image('https://cdn.example.com/a.png')],
    }),
  },
  {
    rule: 'MS_HTML_IMAGE_ONLY',
    lang: 'en',
    what: 'a tracking pixel is not an image',
    fires: html('<img src="https://cdn.example.com/a.png"><p>Sale</p>', {
      images: [image('https://cdn.example.com/a.png')],
    }),
    nearMiss: html('<p>Sale</p><img src="https://t.example.com/o.gif">', {
      images: [image('https://t.example.com/o.gif', '', 1, 1)],
    }),
  },
  {
    rule: 'MS_HTML_IMAGE_HEAVY',
    lang: 'en',
    what: 'four images, a paragraph',
    fires: html(`<p>${LONG_EN.repeat(2)}</p>`, {
      images: [1, 2, 3, 4].map((n) => image(`https://cdn.example.com/${n}.png`)),
    }),
    nearMiss: html(`<p>${LONG_EN.repeat(16)}</p>`, { images: [image('https://cdn.example.com/1.png')] }),
  },
  {
    rule: 'MS_HTML_HIDDEN_TEXT',
    lang: 'en',
    what: 'hidden after the visible text, not a preheader',
    fires: html(`<p>${LONG_EN}</p>`, {
      htmlFacts: {
        hidden: [
          { reason: 'display-none', text: 'cheap pills', chars: 40, afterVisible: true, responsive: false },
        ],
      },
    }),
    nearMiss: html(`<p>${LONG_EN}</p>`, {
      htmlFacts: {
        hidden: [
          { reason: 'display-none', text: 'Preview text', chars: 40, afterVisible: false, responsive: false },
        ],
      },
    }),
  },
  {
    rule: 'MS_HTML_HIDDEN_TEXT',
    lang: 'en',
    what: 'a responsive layout’s hidden copy is not hiding',
    fires: html(`<p>${LONG_EN}</p>`, {
      htmlFacts: {
        hidden: [
          { reason: 'visibility-hidden', text: 'x', chars: 40, afterVisible: true, responsive: false },
        ],
      },
    }),
    nearMiss: html(`<p>${LONG_EN}</p>`, {
      htmlFacts: {
        hidden: [{ reason: 'display-none', text: 'x', chars: 40, afterVisible: true, responsive: true }],
      },
    }),
  },
  {
    rule: 'MS_HTML_TINY_TEXT',
    lang: 'any',
    what: 'tiny font',
    fires: html(`<p>${LONG_EN}</p>`, {
      htmlFacts: {
        hidden: [{ reason: 'tiny-font', text: 'x', chars: 50, afterVisible: true, responsive: false }],
      },
    }),
    nearMiss: html(`<p>${LONG_EN}</p>`, {
      htmlFacts: {
        hidden: [{ reason: 'tiny-font', text: 'x', chars: 3, afterVisible: true, responsive: false }],
      },
    }),
  },
  {
    rule: 'MS_HTML_LOW_CONTRAST',
    lang: 'any',
    what: 'white on white',
    fires: html(`<p>${LONG_EN}</p>`, {
      htmlFacts: {
        hidden: [{ reason: 'low-contrast', text: 'x', chars: 50, afterVisible: true, responsive: false }],
      },
    }),
    nearMiss: html(`<p>${LONG_EN}</p>`, {
      htmlFacts: {
        hidden: [{ reason: 'tiny-font', text: 'x', chars: 50, afterVisible: true, responsive: false }],
      },
    }),
  },
  {
    rule: 'MS_HTML_FORM',
    lang: 'any',
    what: 'form',
    fires: html('<form></form>', { htmlFacts: { active: { form: 1 } } }),
    nearMiss: html('<p>x</p>'),
  },
  {
    rule: 'MS_HTML_SCRIPT',
    lang: 'any',
    what: 'script or handler',
    fires: html('<p onclick="x()">x</p>', { htmlFacts: { active: { 'event-handler': 1 } } }),
    nearMiss: html('<p>x</p>', { htmlFacts: { active: { form: 1 } } }),
  },
  {
    rule: 'MS_HTML_EMBED',
    lang: 'any',
    what: 'iframe',
    fires: html('<iframe></iframe>', { htmlFacts: { active: { iframe: 1 } } }),
    nearMiss: html('<p>x</p>'),
  },
  {
    rule: 'MS_HTML_META_REFRESH',
    lang: 'any',
    what: 'meta refresh',
    fires: html('<meta>', { htmlFacts: { active: { 'meta-refresh': 1 } } }),
    nearMiss: html('<meta>'),
  },
  {
    rule: 'MS_HTML_BASE64',
    lang: 'any',
    what: 'base64 HTML part',
    fires: html('<p>Hello</p>', {
      headers: { 'Content-Type': 'multipart/alternative; boundary="b"' },
      rawBody:
        '--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+SGVsbG88L3A+\r\n--b--',
    }),
    nearMiss: html('<p>Hello</p>', {
      headers: { 'Content-Type': 'multipart/alternative; boundary="b"' },
      rawBody:
        '--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVsbG8=\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>Hello</p>\r\n--b--',
    }),
  },
  {
    rule: 'MS_HTML_TRACKING_PIXEL',
    lang: 'any',
    what: '1x1 image',
    fires: html(`<p>${LONG_EN}</p>`, { images: [image('https://t.example.com/o.gif', '', 1, 1)] }),
    nearMiss: html(`<p>${LONG_EN}</p>`, { images: [image('https://t.example.com/o.gif', '', 1, 20)] }),
  },
  {
    rule: 'MS_HTML_IMG_NO_ALT',
    lang: 'any',
    what: 'two images without alt',
    fires: html(`<p>${LONG_EN}</p>`, {
      images: [image('https://x.example/1.png', null), image('https://x.example/2.png', '')],
    }),
    nearMiss: html(`<p>${LONG_EN}</p>`, {
      images: [image('https://x.example/1.png', null), image('https://x.example/2.png', 'Our shop')],
    }),
  },
  {
    rule: 'MS_HTML_LINK_MISMATCH',
    lang: 'en',
    what: 'paypal.com text, other target',
    fires: html('<a>x</a>', {
      links: [link('https://login.evil.example/p', 'https://www.paypal.com/signin')],
    }),
    nearMiss: html('<a>x</a>', { links: [link('https://www.paypal.com/signin', 'paypal.com')] }),
  },
  {
    rule: 'MS_HTML_LINK_MISMATCH',
    lang: 'ja',
    what: 'text that merely ends in a file name is no domain',
    fires: html('<a>x</a>', { links: [link('https://evil.example/p', 'ログイン: www.rakuten.co.jp')] }),
    nearMiss: html('<a>x</a>', {
      links: [link('https://files.example.com/a.txt', '資料 a.txt をダウンロード')],
    }),
  },
  {
    rule: 'MS_HTML_OBFUSCATED',
    lang: 'en',
    what: 'letters as entities',
    fires: html('<p>&#86;&#105;&#97;&#103;&#114;&#97;&#x61;&#x62;&#x63;&#x64;</p>'),
    nearMiss: html(
      '<p>&#169; 2025 &#8212; &#12354;&#12356;&#12358;&#12360;&#12362;&#12363;&#12365;&#12367;</p>',
    ),
  },
  {
    rule: 'MS_MPART_ALT_DIFF',
    lang: 'en',
    what: 'different texts',
    fires: html(`<p>${LONG_EN}</p>`, {
      text: 'Buy cheap watches and bags at the lowest price anywhere on the internet today only, friends.',
    }),
    nearMiss: html(`<p>${LONG_EN}</p>`, { text: LONG_EN }),
  },
  {
    rule: 'MS_MPART_ALT_DIFF',
    lang: 'ja',
    what: '異なる本文',
    fires: html(`<p>${LONG_JA}</p>`, {
      text: '激安ブランド品を今すぐ購入できます。送料無料でお届けします。お早めにどうぞ。',
    }),
    nearMiss: html(`<p>${LONG_JA}</p>`, { text: LONG_JA }),
  },

  // Links
  {
    rule: 'MS_URI_SHORTENER',
    lang: 'any',
    what: 'bit.ly',
    fires: {
      text: `${LONG_EN} https://bit.ly/3abc`,
      links: [link('https://bit.ly/3abc', 'https://bit.ly/3abc', 'text')],
    },
    nearMiss: {
      text: `${LONG_EN} https://bitly.example/3abc`,
      links: [link('https://bitly.example/3abc', 'x', 'text')],
    },
  },
  {
    rule: 'MS_URI_IP_HOST',
    lang: 'any',
    what: 'IPv4 host',
    fires: { text: LONG_EN, links: [link('http://203.0.113.5/login', 'x', 'text')] },
    nearMiss: { text: LONG_EN, links: [link('http://203.0.113.5.example.com/login', 'x', 'text')] },
  },
  {
    rule: 'MS_URI_MANY_LINKS',
    lang: 'any',
    what: 'mostly links',
    fires: html('<a>a</a>', {
      htmlText: 'Shop sale new top',
      links: Array.from({ length: 8 }, (_, n) => link(`https://shop.example/${n}`, `item ${n}`)),
    }),
    nearMiss: html('<a>a</a>', {
      htmlText: LONG_EN.repeat(2),
      links: Array.from({ length: 8 }, (_, n) => link(`https://shop.example/${n}`, `item ${n}`)),
    }),
  },
  {
    rule: 'MS_URI_AT_TRICK',
    lang: 'any',
    what: 'userinfo in the URL',
    fires: { text: LONG_EN, links: [link('https://www.paypal.com@evil.example/login')] },
    nearMiss: { text: LONG_EN, links: [link('https://evil.example/login?u=a@b.example')] },
  },
  {
    rule: 'MS_URI_PUNYCODE',
    lang: 'any',
    what: 'xn-- host',
    fires: { text: LONG_EN, links: [link('https://xn--pypal-4ve.com/')] },
    nearMiss: { text: LONG_EN, links: [link('https://paypal.com/xn--abc')] },
  },
  {
    rule: 'MS_URI_ODD_PORT',
    lang: 'any',
    what: 'port 8080',
    fires: { text: LONG_EN, links: [link('http://example.net:8080/a')] },
    nearMiss: { text: LONG_EN, links: [link('https://example.net:443/a')] },
  },
  {
    rule: 'MS_URI_ABUSED_TLD',
    lang: 'any',
    what: '.xyz',
    fires: { text: LONG_EN, links: [link('https://deals.example.xyz/')] },
    nearMiss: { text: LONG_EN, links: [link('https://xyz.example.com/')] },
  },
  {
    rule: 'MS_URI_SCRIPT_SCHEME',
    lang: 'any',
    what: 'javascript:',
    fires: html('<a>x</a>', { links: [link('javascript:alert(1)', 'x')] }),
    nearMiss: html('<a>x</a>', { links: [link('mailto:a@example.com', 'x')] }),
  },

  // Attachments
  {
    rule: 'MS_ATTACH_EXECUTABLE',
    lang: 'any',
    what: '.exe, or an MZ header',
    fires: {
      attachments: [attachment('setup.bin', 'application/octet-stream', Buffer.from('MZ\x90\x00', 'latin1'))],
    },
    nearMiss: { attachments: [attachment('report.pdf', 'application/pdf', Buffer.from('%PDF-1.7'))] },
  },
  {
    rule: 'MS_ATTACH_DOUBLE_EXT',
    lang: 'any',
    what: 'invoice.pdf.exe',
    fires: { attachments: [attachment('invoice.pdf.exe')] },
    nearMiss: { attachments: [attachment('archive.tar.gz')] },
  },
  {
    rule: 'MS_ATTACH_MACRO',
    lang: 'any',
    what: '.xlsm',
    fires: { attachments: [attachment('請求書.xlsm')] },
    nearMiss: { attachments: [attachment('請求書.xlsx')] },
  },
  {
    rule: 'MS_ATTACH_HTML',
    lang: 'any',
    what: '.html',
    fires: { attachments: [attachment('Remittance.html', 'text/html')] },
    nearMiss: { attachments: [attachment('notes.txt', 'text/plain')] },
  },

  // Signs of ordinary mail
  {
    rule: 'MS_THREAD_REPLY',
    lang: 'any',
    what: 'In-Reply-To',
    fires: { headers: { 'In-Reply-To': '<a@example.org>', Subject: 'Re: notes' } },
    nearMiss: subject('Re: notes'),
  },
  {
    rule: 'MS_MPART_ALT_MATCH',
    lang: 'ja',
    what: '同じ本文',
    fires: html(`<p>${LONG_JA}</p>`, { text: LONG_JA }),
    nearMiss: html(`<p>${LONG_JA}</p>`, {
      text: '激安ブランド品を今すぐ購入できます。送料無料でお届けします。お早めにどうぞ。',
    }),
  },
  {
    rule: 'MS_MPART_ALT_MATCH',
    lang: 'en',
    what: 'URLs written out in the text part do not count',
    fires: html(`<p>${LONG_EN} <a href="https://example.com/x">our site</a></p>`, {
      text: `${LONG_EN} our site (https://example.com/x)`,
    }),
    nearMiss: html(`<p>${LONG_EN}</p>`),
  },
  {
    rule: 'MS_ONE_CLICK_UNSUBSCRIBE',
    lang: 'any',
    what: 'RFC 8058',
    fires: {
      headers: {
        'List-Unsubscribe': '<https://example.com/u/1>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    },
    nearMiss: { headers: { 'List-Unsubscribe': '<https://example.com/u/1>' } },
  },
  {
    rule: 'MS_PLAIN_PERSONAL',
    lang: 'en',
    what: 'plain text, no links',
    fires: text(LONG_EN),
    nearMiss: { text: LONG_EN, links: [link('https://example.net/', 'https://example.net/', 'text')] },
  },
  {
    rule: 'MS_PLAIN_PERSONAL',
    lang: 'ja',
    what: 'テキストのみ',
    fires: text(LONG_JA),
    nearMiss: html(`<p>${LONG_JA}</p>`, { text: LONG_JA }),
  },
];

const fired = async (sample: Sample) => firedBuiltinRules(await buildInput(sample));

describe('built-in rules, one by one', () => {
  it.each(CASES.map((c) => [c.rule, c.lang, c.what, c] as const))(
    '%s (%s: %s)',
    async (_rule, _lang, _what, c) => {
      expect(await fired(c.fires)).toContain(c.rule);
      expect(await fired(c.nearMiss)).not.toContain(c.rule);
    },
  );

  it('has a case for every rule', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(BUILTIN_RULE_NAMES.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('covers the word rules in both languages', () => {
    const wordRules = BUILTIN_RULE_NAMES.filter((name) =>
      /^MS_(?:BODY|SUBJ)_(?!MISSING|RAW|EMPTY|SPACED|ALL_CAPS)/.test(name),
    );
    const missing = wordRules.filter(
      (name) =>
        !CASES.some((c) => c.rule === name && c.lang === 'ja') ||
        !CASES.some((c) => c.rule === name && c.lang === 'en'),
    );
    expect(missing).toEqual([]);
  });

  it('the default sample fires only signs of ordinary mail', async () => {
    expect(await fired({})).toEqual(['MS_PLAIN_PERSONAL']);
  });
});
