/**
 * A deterministic corpus of varied messages for calibrating the built-in rules against SpamAssassin:
 * ordinary mail, replies, marketing and eight kinds of spam, in English and Japanese; plain text, HTML,
 * multipart/alternative and with attachments; Japanese in ISO-2022-JP or UTF-8, bodies in 7bit, 8bit,
 * quoted-printable or base64.
 *
 * Each message has a latent "spamminess" s (ham near 0, spam 0.5-1) and every structural trait (a missing
 * Date, a shortened link, image-only HTML, a free-mail Reply-To, ...) is switched on with a probability that
 * grows with s, independently of the others, so traits mix freely and no rule's pattern is the generator's.
 * The same seed gives the same bytes.
 */
import { base64Lines, encodedWords, encodeText, quotedPrintable } from './encode.js';
import { SPAM_KINDS, TEXTS, type LanguageTexts, type SpamKind } from './texts.js';

export type MessageKind = 'ham' | 'reply' | 'marketing' | SpamKind;
export type Format = 'plain' | 'html' | 'alternative';
type Charset = 'utf-8' | 'iso-2022-jp';
type Transfer = '7bit' | '8bit' | 'quoted-printable' | 'base64';

export interface CorpusMessage {
  id: string;
  lang: 'en' | 'ja';
  kind: MessageKind;
  /** The latent spamminess the traits were drawn from (0..1). */
  spamminess: number;
  format: Format;
  charset: Charset;
  transfer: Transfer;
  /** Traits switched on (for the per-trait breakdown). */
  traits: string[];
  raw: Buffer;
}

/** mulberry32: a small, fast, well-mixed 32-bit generator; the same seed gives the same sequence. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Draw {
  constructor(private readonly random: () => number) {}
  chance = (p: number) => this.random() < p;
  between = (low: number, high: number) => low + (high - low) * this.random();
  int = (low: number, high: number) => Math.floor(this.between(low, high + 1));
  pick = <T>(list: readonly T[]): T => list[Math.floor(this.random() * list.length)]!;
  some = <T>(list: readonly T[], count: number): T[] => {
    const pool = [...list];
    const out: T[] = [];
    while (out.length < count && pool.length)
      out.push(pool.splice(Math.floor(this.random() * pool.length), 1)[0]!);
    return out;
  };
  hex = (length: number) =>
    Array.from({ length }, () => Math.floor(this.random() * 16).toString(16)).join('');
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const JA_DOMAINS: Record<string, string> = {
  さくら商事: 'sakura-shoji.co.jp',
  青葉書店: 'aoba-shoten.co.jp',
  北斗工業: 'hokuto-kogyo.co.jp',
  みなと旅行: 'minato-travel.jp',
  ひかり電機: 'hikari-denki.co.jp',
};
const SPAM_DOMAINS = [
  'promo-deals24.com',
  'secure-verify-center.net',
  'mail-notice.info',
  'best-offers.biz',
  'global-rewards.org',
  'winner-claims.com',
  'account-service-jp.com',
  'rx-pharma-online.net',
];
const FREEMAIL = ['gmail.com', 'yahoo.com', 'outlook.com', 'yahoo.co.jp', 'hotmail.com'];
const SHORTENERS = ['bit.ly', 'tinyurl.com', 'cutt.ly', 'is.gd', 't.ly'];
const ABUSED = ['xyz', 'top', 'click', 'icu', 'buzz'];

function rfc5322Date(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]}, ${two(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** Lines of at most `width` characters (Japanese has no spaces: it is cut by count). */
function wrap(text: string, width: number, ja: boolean): string[] {
  if (ja) {
    const chars = [...text];
    const lines: string[] = [];
    for (let i = 0; i < chars.length; i += width) lines.push(chars.slice(i, i + width).join(''));
    return lines;
  }
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Link {
  href: string;
  /** What the reader sees (a domain-looking text for a mismatched link). */
  label: string;
}

interface Plan {
  lang: 'en' | 'ja';
  kind: MessageKind;
  s: number;
  texts: LanguageTexts;
  traits: Set<string>;
}

function chooseKind(draw: Draw): MessageKind {
  const r = draw.between(0, 1);
  if (r < 0.33) return 'ham';
  if (r < 0.43) return 'reply';
  if (r < 0.63) return 'marketing';
  return draw.pick(SPAM_KINDS);
}

function spamminessOf(kind: MessageKind, draw: Draw): number {
  if (kind === 'ham') return draw.between(0, 0.15);
  if (kind === 'reply') return draw.between(0, 0.1);
  if (kind === 'marketing') return draw.between(0.15, 0.5);
  return draw.between(0.45, 1);
}

const isSpam = (kind: MessageKind) => kind !== 'ham' && kind !== 'reply' && kind !== 'marketing';

/** Switches traits on, each with a probability that grows with the spamminess (a few are kind-specific). */
function drawTraits(plan: Plan, draw: Draw, decorrelated: boolean): void {
  const { kind, lang } = plan;
  // Decorrelated: the traits follow a spamminess of their own, so structure and words no longer rise together.
  const s = decorrelated ? draw.between(0, 1) : plan.s;
  const on = (trait: string, p: number) => {
    if (draw.chance(Math.min(1, Math.max(0, p)))) plan.traits.add(trait);
  };
  const spam = isSpam(kind);
  on('no-date', 0.02 + 0.12 * s);
  on('no-message-id', 0.02 + 0.15 * s);
  on('random-local', spam ? 0.15 + 0.3 * s : 0.02);
  on('brand-name', kind === 'phishing' ? 0.7 : spam ? 0.1 : 0);
  on('address-in-name', spam ? 0.15 * s : 0);
  on('reply-to-freemail', spam ? 0.1 + 0.3 * s : 0.01);
  on('reply-to-other', kind === 'marketing' ? 0.2 : 0.05);
  on('undisclosed', spam ? 0.25 * s : 0.01);
  on('no-to', spam ? 0.08 * s : 0);
  on('priority-high', 0.02 + 0.2 * s);
  on('subject-caps', lang === 'en' && spam ? 0.45 * s : 0.01);
  on('subject-punct', spam ? 0.5 * s : 0.05 * s);
  on('subject-hype', lang === 'ja' ? 0.15 + 0.6 * s : 0.1 * s);
  on('subject-emoji', spam || kind === 'marketing' ? 0.25 * s : 0);
  on('fake-reply', spam ? 0.15 * s : 0);
  on('generic-greeting', spam ? 0.2 + 0.5 * s : 0.05);
  on('body-punct', spam ? 0.45 * s : 0.03);
  on('body-shout', lang === 'en' && spam ? 0.25 * s : 0);
  on('body-hype', lang === 'ja' ? 0.6 * s : 0.15 * s);
  on('poison', spam ? 0.25 : 0);
  on('mixed-spam', spam ? 0.3 : 0);
  on('shortener', 0.01 + 0.3 * s);
  on('ip-link', spam ? 0.2 * s : 0);
  on('mismatch', kind === 'phishing' ? 0.6 : spam ? 0.15 * s : 0);
  on('abused-tld', spam ? 0.35 * s : 0);
  on('punycode', spam ? 0.05 : 0);
  on('image-only', spam ? 0.3 * s : kind === 'marketing' ? 0.1 : 0);
  on('hidden-text', spam ? 0.25 * s : 0);
  on('preheader', kind === 'marketing' ? 0.5 : 0.05);
  on('tiny-text', spam ? 0.15 * s : 0);
  on('white-text', spam ? 0.1 * s : 0);
  on('form', kind === 'phishing' ? 0.3 : spam ? 0.03 : 0);
  on('script', spam ? 0.08 * s : 0);
  on('tracking-pixel', kind === 'marketing' ? 0.7 : spam ? 0.4 : 0.02);
  on('alt-diff', spam ? 0.35 * s : 0.02);
  on('html-base64', spam ? 0.35 * s : 0.05);
  on('no-alt', kind === 'marketing' || spam ? 0.4 : 0);
  on('many-links', kind === 'marketing' ? 0.4 : spam ? 0.2 : 0);
  on('list-unsubscribe', kind === 'marketing' ? 0.85 : spam ? 0.1 : 0);
  on('one-click', kind === 'marketing' ? 0.6 : 0);
  on('unsubscribe-text', kind === 'marketing' ? 0.85 : spam ? 0.25 : 0);
  on('precedence-bulk', kind === 'marketing' ? 0.3 : spam ? 0.05 : 0);
  on('esp-headers', kind === 'marketing' ? 0.6 : 0);
  on('attach-pdf', kind === 'ham' ? 0.15 : 0.02);
  on('attach-exe', spam ? 0.06 : 0);
  on('attach-macro', spam ? 0.06 : 0.01);
  on('attach-html', kind === 'phishing' ? 0.2 : 0);
  on('emoji', (spam || kind === 'marketing') && lang === 'en' ? 0.3 * s : 0);
  // Rarer tricks, so that every rule meets SpamAssassin at least a few times.
  on('placeholder', kind === 'marketing' ? 0.06 : spam ? 0.04 : 0.01);
  on('spaced-subject', lang === 'en' && spam ? 0.15 * s : 0);
  on('entities', spam ? 0.15 * s : 0);
  on('at-trick', kind === 'phishing' ? 0.2 : spam ? 0.03 : 0);
  on('odd-port', spam ? 0.08 * s : 0);
  on('iframe', spam ? 0.05 * s : 0);
  on('meta-refresh', spam ? 0.05 * s : 0);
  on('js-link', spam ? 0.05 * s : 0);
  on('raw-subject', 0.03 + 0.05 * s);
  on('empty-body', spam ? 0.03 : 0);
}

function chooseFormat(plan: Plan, draw: Draw): Format {
  const { kind, traits } = plan;
  const plainShare = kind === 'reply' ? 0.85 : kind === 'ham' ? 0.6 : kind === 'marketing' ? 0.05 : 0.35;
  if (draw.chance(plainShare) && !traits.has('image-only')) return 'plain';
  const altShare = kind === 'marketing' || kind === 'ham' ? 0.75 : 0.45;
  return draw.chance(altShare) ? 'alternative' : 'html';
}

function chooseCharset(plan: Plan, draw: Draw): Charset {
  if (plan.lang === 'en') return 'utf-8';
  return draw.chance(0.5) ? 'iso-2022-jp' : 'utf-8';
}

function chooseTransfer(plan: Plan, charset: Charset, draw: Draw): Transfer {
  if (charset === 'iso-2022-jp') return '7bit';
  const r = draw.between(0, 1);
  if (plan.lang === 'ja') return r < 0.45 ? 'base64' : r < 0.65 ? 'quoted-printable' : '8bit';
  return r < 0.15 ? 'base64' : r < 0.45 ? 'quoted-printable' : '7bit';
}

interface Sender {
  name: string;
  address: string;
  domain: string;
}

function chooseSender(plan: Plan, draw: Draw): Sender {
  const { texts, kind, traits } = plan;
  const spam = isSpam(kind);
  const company = draw.pick(texts.companies);
  const domain = spam ? draw.pick(SPAM_DOMAINS) : (JA_DOMAINS[company] ?? `${slug(company)}.com`);
  let local =
    kind === 'marketing'
      ? draw.pick(['news', 'info', 'shop', 'hello'])
      : slug(draw.pick(TEXTS.en.firstNames));
  if (spam) local = draw.pick(['info', 'support', 'service', 'notice', 'admin', 'claims']);
  if (traits.has('random-local'))
    local = draw.chance(0.5) ? `user${draw.int(100000, 99999999)}` : `xk${draw.hex(3)}qzvbt`;
  let name = kind === 'marketing' || spam ? company : draw.pick(texts.firstNames);
  if (traits.has('brand-name')) name = draw.pick(texts.brands);
  if (traits.has('address-in-name'))
    name = `${draw.pick(['service', 'security', 'billing'])}@${draw.pick(['paypal.com', 'amazon.co.jp', 'apple.com'])}`;
  return { name, address: `${local}@${domain}`, domain };
}

function link(plan: Plan, sender: Sender, draw: Draw, path: string): Link {
  const { traits } = plan;
  const own = `https://www.${sender.domain}/${path}`;
  const roll = draw.between(0, 1);
  if (traits.has('shortener') && roll < 0.5) {
    const href = `https://${draw.pick(SHORTENERS)}/${draw.hex(6)}`;
    return { href, label: href };
  }
  if (traits.has('ip-link') && roll < 0.6)
    return { href: `http://203.0.113.${draw.int(2, 250)}/${path}`, label: '' };
  if (traits.has('abused-tld') && roll < 0.7)
    return { href: `https://${slug(path)}-${draw.hex(4)}.${draw.pick(ABUSED)}/login`, label: '' };
  if (traits.has('punycode') && roll < 0.75) return { href: 'https://xn--pypal-4ve.com/signin', label: '' };
  if (traits.has('at-trick') && roll < 0.8)
    return { href: `https://www.paypal.com@${draw.pick(SPAM_DOMAINS)}/signin`, label: '' };
  if (traits.has('odd-port') && roll < 0.85)
    return { href: `http://www.${sender.domain}:${draw.pick([8080, 8443, 2095])}/${path}`, label: '' };
  if (traits.has('mismatch') && roll < 0.9) {
    const shown = draw.pick([
      'www.paypal.com',
      'www.amazon.co.jp',
      'www.rakuten-card.co.jp',
      'login.microsoftonline.com',
    ]);
    return {
      href: `http://${shown.replace(/\./g, '-')}.${draw.pick(SPAM_DOMAINS)}/verify`,
      label: `https://${shown}/`,
    };
  }
  return { href: own, label: '' };
}

interface Body {
  subject: string;
  paragraphs: string[];
  greeting: string;
  signoff: string;
  cta: string;
  links: Link[];
  footer: string[];
}

function writeBody(plan: Plan, sender: Sender, draw: Draw): Body {
  const { texts, kind, traits, lang } = plan;
  const pool =
    kind === 'ham'
      ? texts.ham
      : kind === 'reply'
        ? texts.replies
        : kind === 'marketing'
          ? texts.marketing
          : texts.spam[kind];
  let subject = draw.pick(pool.subjects);
  let paragraphs = draw.some(pool.paragraphs, kind === 'reply' ? 1 : draw.int(1, kind === 'ham' ? 2 : 3));
  if (kind === 'reply')
    paragraphs.push(...draw.some(texts.ham.paragraphs, 1).map((p) => (lang === 'ja' ? `> ${p}` : `> ${p}`)));
  if (traits.has('mixed-spam')) paragraphs.push(draw.pick(texts.spam[draw.pick(SPAM_KINDS)].paragraphs));
  if (traits.has('poison')) paragraphs.push(draw.pick(texts.ham.paragraphs));
  if (traits.has('subject-caps')) subject = subject.toUpperCase();
  if (traits.has('subject-punct')) subject += lang === 'ja' ? '！！' : '!!!';
  if (traits.has('subject-hype'))
    subject =
      lang === 'ja' ? `【${draw.pick(['緊急', '限定', '重要', '速報'])}】★${subject}★` : `*** ${subject} ***`;
  if (traits.has('subject-emoji')) subject = `🔥 ${subject} 🎁`;
  if (traits.has('fake-reply')) subject = `${draw.pick(['Re: ', 'RE: ', 'Fwd: '])}${subject}`;
  if (traits.has('body-punct'))
    paragraphs = paragraphs.map((p) => p.replace(/[.。]$/, lang === 'ja' ? '！！' : '!!!'));
  if (traits.has('body-shout')) paragraphs = paragraphs.map((p) => p.toUpperCase());
  if (traits.has('spaced-subject'))
    subject = `${draw.pick(['F R E E', 'W I N N E R', 'C A S H'])} ${subject}`;
  if (traits.has('empty-body')) paragraphs = [];
  if (traits.has('body-hype'))
    paragraphs = paragraphs.map((p) => (lang === 'ja' ? `★☆${p}☆★` : `*** ${p} ***`));
  if (traits.has('emoji')) paragraphs = paragraphs.map((p) => `${p} 💰🔥`);
  const linkCount =
    kind === 'reply'
      ? 0
      : kind === 'ham'
        ? draw.chance(0.4)
          ? 1
          : 0
        : traits.has('many-links')
          ? draw.int(8, 14)
          : draw.int(1, 3);
  const links = Array.from({ length: linkCount }, (_, i) =>
    link(plan, sender, draw, `${draw.pick(['offer', 'account', 'p', 'news', 'item'])}/${i + 1}`),
  );
  const footer: string[] = [];
  if (traits.has('unsubscribe-text')) footer.push(draw.pick(texts.unsubscribe));
  if (kind === 'marketing' || isSpam(kind))
    footer.push(`${sender.name} · ${lang === 'ja' ? '東京都千代田区1-1' : '1 Market Street, Springfield'}`);
  const name = draw.pick(texts.firstNames);
  return {
    subject,
    paragraphs,
    greeting: traits.has('placeholder')
      ? texts.greeting(draw.pick(['{{first_name}}', '*|FNAME|*', '%%FIRSTNAME%%']))
      : traits.has('generic-greeting')
        ? draw.pick(texts.genericGreetings)
        : texts.greeting(name),
    signoff: draw.pick(texts.signoffs),
    cta: draw.pick(texts.callsToAction),
    links,
    footer,
  };
}

function plainText(plan: Plan, body: Body, sender: Sender): string {
  if (plan.traits.has('empty-body')) return '';
  const ja = plan.lang === 'ja';
  const width = ja ? 36 : 72;
  const blocks = [body.greeting, ...body.paragraphs];
  if (plan.traits.has('alt-diff')) {
    blocks.splice(
      1,
      blocks.length,
      ...(ja
        ? ['このメールはHTML形式です。お使いのメールソフトでは表示できません。']
        : ['This message is in HTML format. Your email program cannot display it.']),
    );
  }
  const lines = blocks.flatMap((block) => [...wrap(block, width, ja), '']);
  for (const target of body.links) lines.push(`${body.cta}: ${target.href}`, '');
  lines.push(body.signoff, sender.name);
  if (body.footer.length) lines.push('', '--', ...body.footer.flatMap((f) => wrap(f, width, ja)));
  return lines.join('\r\n');
}

function htmlText(plan: Plan, body: Body, sender: Sender, draw: Draw): string {
  if (plan.traits.has('empty-body')) return '<html><body></body></html>';
  const { traits, lang } = plan;
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${lang}"><head><meta http-equiv="Content-Type" content="text/html"><title>${escapeHtml(body.subject)}</title></head>`,
    '<body style="margin:0;font-family:Arial,sans-serif;color:#222222">',
  ];
  if (traits.has('preheader'))
    out.push(
      `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(body.paragraphs[0]!.slice(0, 60))}</div>`,
    );
  out.push('<table width="600" align="center" cellpadding="0" cellspacing="0"><tr><td>');
  const logoAlt = traits.has('no-alt') ? '' : ` alt="${escapeHtml(sender.name)}"`;
  if (plan.kind === 'marketing' || isSpam(plan.kind))
    out.push(`<img src="https://img.${sender.domain}/logo.png" width="200" height="60"${logoAlt}>`);
  const href = (i: number) => escapeHtml(body.links[i]?.href ?? `https://www.${sender.domain}/`);
  if (traits.has('image-only')) {
    out.push(
      `<a href="${href(0)}"><img src="https://img.${sender.domain}/banner-${draw.hex(4)}.jpg" width="600" height="900"${logoAlt}></a>`,
    );
    out.push(`<p>${escapeHtml(body.cta)}</p>`);
  } else {
    out.push(`<p>${escapeHtml(body.greeting)}</p>`);
    body.paragraphs.forEach((paragraph, i) => {
      // Entities: the first paragraph's letters spelled as numeric character references (&#86;&#105;...).
      const markup =
        traits.has('entities') && i === 0
          ? [...paragraph].map((c) => (/[A-Za-z]/.test(c) ? `&#${c.charCodeAt(0)};` : escapeHtml(c))).join('')
          : escapeHtml(paragraph);
      out.push(`<p>${markup}</p>`);
    });
    body.links.forEach((target, i) => {
      const label = target.label || body.cta;
      out.push(
        `<p><a href="${href(i)}" style="background:#0069d9;color:#ffffff;padding:10px 20px;text-decoration:none">${escapeHtml(label)}</a></p>`,
      );
    });
    out.push(`<p>${escapeHtml(body.signoff)}<br>${escapeHtml(sender.name)}</p>`);
  }
  if (traits.has('hidden-text'))
    out.push(`<div style="display:none">${escapeHtml(draw.pick(plan.texts.ham.paragraphs))}</div>`);
  if (traits.has('tiny-text'))
    out.push(`<p style="font-size:1px">${escapeHtml(draw.pick(plan.texts.ham.paragraphs))}</p>`);
  if (traits.has('white-text'))
    out.push(
      `<p style="color:#ffffff;background-color:#ffffff">${escapeHtml(draw.pick(TEXTS.en.ham.paragraphs))}</p>`,
    );
  if (traits.has('form'))
    out.push(
      `<form action="https://${draw.pick(SPAM_DOMAINS)}/collect" method="post"><input name="email"><input type="password" name="password"><button>${escapeHtml(body.cta)}</button></form>`,
    );
  if (traits.has('script')) out.push('<script>window.location="https://promo-deals24.com/r"</script>');
  if (traits.has('iframe'))
    out.push(`<iframe src="https://${draw.pick(SPAM_DOMAINS)}/frame" width="1" height="1"></iframe>`);
  if (traits.has('meta-refresh'))
    out.splice(2, 0, `<meta http-equiv="refresh" content="0;url=https://${draw.pick(SPAM_DOMAINS)}/go">`);
  if (traits.has('js-link'))
    out.push(
      `<p><a href="javascript:void(location='https://${draw.pick(SPAM_DOMAINS)}/x')">${escapeHtml(body.cta)}</a></p>`,
    );
  for (const line of body.footer) {
    const unsubscribe = traits.has('unsubscribe-text') && line === body.footer[0];
    out.push(
      `<p style="font-size:12px;color:#666666">${unsubscribe ? `<a href="https://www.${sender.domain}/unsubscribe?u=${draw.hex(8)}">${escapeHtml(line)}</a>` : escapeHtml(line)}</p>`,
    );
  }
  if (traits.has('tracking-pixel'))
    out.push(`<img src="https://t.${sender.domain}/open/${draw.hex(12)}.gif" width="1" height="1" alt="">`);
  out.push('</td></tr></table></body></html>');
  return out.join('\r\n');
}

function leaf(type: 'plain' | 'html', text: string, charset: Charset, transfer: Transfer): string[] {
  const bytes = encodeText(text, charset);
  // 7bit is a promise: a part with 8-bit bytes (a ’ or a ·) goes as 8bit, as mail programs send it.
  const declared = transfer === '7bit' && bytes.some((byte) => byte >= 0x80) ? '8bit' : transfer;
  const data =
    declared === 'base64'
      ? base64Lines(bytes)
      : declared === 'quoted-printable'
        ? quotedPrintable(bytes)
        : bytes.toString('latin1');
  return [
    `Content-Type: text/${type}; charset=${charset === 'utf-8' ? 'utf-8' : 'ISO-2022-JP'}`,
    `Content-Transfer-Encoding: ${declared}`,
    '',
    data,
  ];
}

function attachmentPart(kind: string, lang: 'en' | 'ja', draw: Draw): string[] {
  const files: Record<string, { name: string; type: string; bytes: Buffer }> = {
    pdf: {
      name: lang === 'ja' ? '請求書_0612.pdf' : 'invoice_0612.pdf',
      type: 'application/pdf',
      bytes: Buffer.from(`%PDF-1.4\n%${draw.hex(32)}\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n`),
    },
    exe: {
      name: draw.chance(0.5) ? 'invoice.pdf.exe' : 'setup.exe',
      type: 'application/octet-stream',
      bytes: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), Buffer.from(draw.hex(64), 'hex')]),
    },
    macro: {
      name: lang === 'ja' ? '見積書.xlsm' : 'quote.docm',
      type: 'application/vnd.ms-excel.sheet.macroEnabled.12',
      bytes: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from(draw.hex(64), 'hex')]),
    },
    html: {
      name: 'Secure_Message.html',
      type: 'text/html',
      bytes: Buffer.from(
        '<html><body><form action="https://secure-verify-center.net/x"><input type="password"></form></body></html>',
      ),
    },
  };
  const file = files[kind]!;
  const name = encodedWords(file.name, 'utf-8');
  return [
    `Content-Type: ${file.type}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(file.bytes),
  ];
}

function multipart(subtype: string, boundary: string, parts: string[][]): string[] {
  return [
    `Content-Type: multipart/${subtype}; boundary="${boundary}"`,
    '',
    ...parts.flatMap((part) => [`--${boundary}`, ...part]),
    `--${boundary}--`,
  ];
}

/** X-Mailer values by sender ('' for none: most bulk mailers and many servers write none). */
const MAILERS = {
  person: ['Thunderbird 128.3', 'Microsoft Outlook 16.0', 'Apple Mail (2.3774)', 'Becky! ver. 2.81', ''],
  marketing: ['', '', 'Mailchimp Mailer - **CID1a2b3c**'],
  spam: ['PHPMailer 6.9.1', '', '', 'Microsoft Outlook 16.0'],
} as const;
const isPerson = (mailer: string) => MAILERS.person.some((name) => name !== '' && name === mailer);

function headerLines(
  plan: Plan,
  sender: Sender,
  body: Body,
  charset: Charset,
  index: number,
  draw: Draw,
): string[] {
  const { traits, texts } = plan;
  const date = new Date(Date.UTC(2025, 5, 2, 8, 0, 0) + index * 37 * 60_000);
  // No Received field: spamd gets the message as our SMTP server received it, before any trace field of ours
  // (src/content/filters/spamd.ts), and SpamAssassin's relay rules are mailscore's iprev and helo checks' work.
  const lines = [
    `From: ${/[^\x20-\x7e]/.test(sender.name) ? encodedWords(sender.name, charset) : `"${sender.name}"`} <${sender.address}>`,
  ];
  const mailer = draw.pick(
    MAILERS[isSpam(plan.kind) ? 'spam' : plan.kind === 'marketing' ? 'marketing' : 'person'],
  );
  const recipient = slug(draw.pick(TEXTS.en.firstNames));
  // Mail programs write the recipient's name; scripts and bulk mailers often write the bare address.
  const to =
    mailer && isPerson(mailer)
      ? `"${recipient[0]!.toUpperCase()}${recipient.slice(1)}" <${recipient}@example.org>`
      : `${recipient}@example.org`;
  if (!traits.has('no-to')) lines.push(`To: ${traits.has('undisclosed') ? 'undisclosed-recipients:;' : to}`);
  // Some mailers still write the Subject in raw UTF-8 instead of encoded words.
  lines.push(
    `Subject: ${traits.has('raw-subject') ? Buffer.from(body.subject, 'utf8').toString('latin1') : encodedWords(body.subject, charset)}`,
  );
  if (!traits.has('no-date')) lines.push(`Date: ${rfc5322Date(date)}`);
  if (!traits.has('no-message-id')) lines.push(`Message-ID: <${draw.hex(16)}.${index}@${sender.domain}>`);
  if (traits.has('reply-to-freemail'))
    lines.push(
      `Reply-To: ${draw.pick(['claims.office', 'agent.desk', 'support.team'])}${draw.int(1, 99)}@${draw.pick(FREEMAIL)}`,
    );
  else if (traits.has('reply-to-other'))
    lines.push(`Reply-To: replies@${draw.pick(['mailer-relay.net', 'crm-replies.com'])}`);
  if (plan.kind === 'reply') {
    lines.push(`In-Reply-To: <${draw.hex(16)}@example.org>`, `References: <${draw.hex(16)}@example.org>`);
  }
  if (traits.has('list-unsubscribe'))
    lines.push(
      `List-Unsubscribe: <https://www.${sender.domain}/u/${draw.hex(12)}>, <mailto:unsubscribe@${sender.domain}>`,
    );
  if (traits.has('one-click') && traits.has('list-unsubscribe'))
    lines.push('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  if (traits.has('precedence-bulk')) lines.push('Precedence: bulk');
  if (traits.has('esp-headers'))
    lines.push(
      `List-Id: <news.${sender.domain}>`,
      `Feedback-ID: ${draw.int(1000, 9999)}:campaign:${slug(texts.companies[0]!)}`,
    );
  if (traits.has('priority-high')) lines.push('X-Priority: 1 (Highest)', 'Importance: High');
  lines.push(
    `X-Mailer: ${draw.pick(['Thunderbird 128.3', 'Microsoft Outlook 16.0', 'Apple Mail (2.3774)', 'PHPMailer 6.9.1', 'Becky! ver. 2.81'])}`,
  );
  lines.push('MIME-Version: 1.0');
  return lines;
}

function buildMessage(seed: number, index: number, draw: Draw, decorrelated: boolean): CorpusMessage {
  const lang = draw.chance(0.5) ? 'en' : 'ja';
  const kind = chooseKind(draw);
  const plan: Plan = { lang, kind, s: spamminessOf(kind, draw), texts: TEXTS[lang], traits: new Set() };
  drawTraits(plan, draw, decorrelated);
  const format = chooseFormat(plan, draw);
  const charset = chooseCharset(plan, draw);
  const transfer = chooseTransfer(plan, charset, draw);
  const htmlTransfer: Transfer = plan.traits.has('html-base64') && charset === 'utf-8' ? 'base64' : transfer;
  const sender = chooseSender(plan, draw);
  const body = writeBody(plan, sender, draw);
  const text = plainText(plan, body, sender);
  const html = format === 'plain' ? '' : htmlText(plan, body, sender, draw);
  let content: string[] =
    format === 'plain'
      ? leaf('plain', text, charset, transfer)
      : format === 'html'
        ? leaf('html', html, charset, htmlTransfer)
        : multipart('alternative', `alt-${draw.hex(12)}`, [
            leaf('plain', text, charset, transfer),
            leaf('html', html, charset, htmlTransfer),
          ]);
  const attachments = ['pdf', 'exe', 'macro', 'html'].filter((a) => plan.traits.has(`attach-${a}`));
  if (attachments.length) {
    content = multipart('mixed', `mix-${draw.hex(12)}`, [
      content,
      ...attachments.map((a) => attachmentPart(a, lang, draw)),
    ]);
  }
  const raw = Buffer.from(
    [...headerLines(plan, sender, body, charset, index, draw), ...content, ''].join('\r\n'),
    'latin1',
  );
  // The body parts were made as latin1 strings of their bytes; the header's encoded words are ASCII.
  return {
    id: `s${seed}-${String(index).padStart(4, '0')}`,
    lang,
    kind,
    spamminess: Math.round(plan.s * 1000) / 1000,
    format,
    charset,
    transfer,
    traits: [...plan.traits].sort(),
    raw,
  };
}

export interface CorpusOptions {
  /**
   * Draw the structural traits from a spamminess independent of the message's kind: a check that weights
   * fitted on the ordinary corpus did not just learn which traits come with which words there.
   */
  decorrelated?: boolean;
}

/** `count` messages from `seed`; the same arguments give the same bytes. */
export function generateCorpus(seed: number, count: number, options: CorpusOptions = {}): CorpusMessage[] {
  const draw = new Draw(randomSource(seed));
  return Array.from({ length: count }, (_, index) =>
    buildMessage(seed, index, draw, options.decorrelated ?? false),
  );
}
