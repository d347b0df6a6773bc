/**
 * Text and HTML checks, on the decoded content: the text alternative against the HTML, image-only mail,
 * images without alt text, hidden text, link-stuffed mail, active content (scripts, frames, plugins,
 * refreshes, forms), template placeholders left unreplaced, and shouting subjects.
 *
 * Several of these are also SpamAssassin rules (MPART_ALT_DIFF, HTML_IMAGE_ONLY_*, SUBJ_ALL_CAPS,
 * HTML_FONT_LOW_CONTRAST); their weights in src/scoring/deductions.ts say how the two are kept from
 * counting the same fault twice.
 */
import type { ContentImage, ContentModel, HiddenText } from '../content/types.js';
import { similarity, tokensOf, wordCount } from '../content/words.js';
import { LIMITS } from '../limits.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

/** Tokens compared per side: a few thousand words say whether two texts are the same message. */
const MAX_COMPARED_TOKENS = 2_000;
/** The text alternative differs when the word bags' cosine similarity is below this (a generated text part scores > 0.9). */
const MIN_ALTERNATIVE_SIMILARITY = 0.5;
/** Below this many words on a side there is too little to compare. */
const MIN_COMPARED_WORDS = 10;
/** Image-only: fewer words than this in the HTML (SpamAssassin's HTML_IMAGE_ONLY_* stop at 3 200 bytes of words). */
const IMAGE_ONLY_MAX_WORDS = 30;
/** An image this small in both directions is a tracking pixel or a spacer, not content. */
const PIXEL_MAX = 2;
/** Too many links: more than this in one message (newsletters have 20-150)... */
const MAX_LINKS = 150;
/** ...or at least this many links with fewer than WORDS_PER_LINK words of text per link. */
const MIN_LINKS_FOR_RATIO = 10;
const WORDS_PER_LINK = 5;
/** A preheader: a hidden text before anything visible, this long at most (Litmus advises 40-130 characters). */
const PREHEADER_MAX_CHARS = 250;
/** Hidden text worth reporting (after the preheader and responsive variants are set aside). */
const MIN_HIDDEN_CHARS = 20;
/** Characters of the Subject read (RFC 5322 lines stop at 998 octets; folded ones rarely pass 1 000) and shown. */
const MAX_SUBJECT_CHARS = 2_000;
const MAX_SHOWN_SUBJECT_CHARS = 200;
/** Placeholders listed in one finding. */
const MAX_LISTED = 5;
/** Subject in capitals: at least this many cased letters, this share of them upper case, two words. */
const CAPS_MIN_LETTERS = 8;
const CAPS_MIN_SHARE = 0.9;
/** Exclamation (and question) marks: this many in the Subject (！ counts as !). */
const SHOUT_MIN_MARKS = 3;
/** Decorations (★, ♪, ■ …) or 【】 pairs in one Subject that read as hype. */
const HYPE_MIN_DECORATIONS = 3;

/** Unreplaced merge tags of the common template languages and ESPs. */
const PLACEHOLDERS: readonly RegExp[] = [
  /\{\{\s*[^{}\n]{1,40}?\s*\}\}/g, // {{name}}: Handlebars, Mustache, Liquid, Jinja
  /\{%[^%\n]{1,40}%\}/g, // {% if %}: Liquid, Jinja tags
  /%%[^%\s]{1,40}%%/g, // %%FNAME%%: Salesforce Marketing Cloud, AMPscript
  /\*\|[A-Za-z0-9_:-]{1,40}\|\*/g, // *|FNAME|*: Mailchimp
  /\$\{[A-Za-z_][\w.]{0,40}\}/g, // ${name}: JavaScript templates, Java EL
  /\{\$[A-Za-z_]\w{0,40}\}/g, // {$name}: Smarty
  /<%=?[^%\n]{1,40}%>/g, // <%= name %>: ERB, ASP
  /(?<![\w%])%[A-Z][A-Z0-9_]{2,30}%(?![\w%])/g, // %FIRSTNAME%: Outlook mail merge, many ESPs
  /\[(?:first[ _-]?name|last[ _-]?name|full[ _-]?name|name|fname|lname|e-?mail|company|unsubscribe|お名前|氏名|会社名)\]/gi,
  /[○〇●◯×]{2,}\s*(?:様|さま|さん|殿)/g, // ○○様: the Japanese "so-and-so" left in a template
];

/** Words that make a 【】 label hype rather than a category (【お知らせ】 is ordinary). */
const HYPE_WORDS =
  /緊急|至急|激安|無料|限定|最終|今だけ|衝撃|驚愕|必見|大特価|本日限り|残りわずか|爆安|当選|大幅値下げ|現金|儲|稼/;
const DECORATIONS = /[★☆♪♫◆◇■□▼▲●◎※❤♥✨🔥💰🎁‼⁉]/gu;

export interface AlternativeComparison {
  similarity: number;
  textWords: number;
  htmlWords: number;
}

/** How alike the text alternative and the HTML's visible text are; null when one side is missing or too short. */
export function compareAlternatives(content: ContentModel): AlternativeComparison | null {
  if (content.text === null || content.htmlText === null) return null;
  const textTokens = tokensOf(content.text, MAX_COMPARED_TOKENS);
  const htmlTokens = tokensOf(content.htmlText, MAX_COMPARED_TOKENS);
  if (textTokens.length < MIN_COMPARED_WORDS || htmlTokens.length < MIN_COMPARED_WORDS) return null;
  return {
    similarity: similarity(textTokens, htmlTokens),
    textWords: wordCount(content.text.slice(0, LIMITS.contentCheckChars)),
    htmlWords: wordCount(content.htmlText.slice(0, LIMITS.contentCheckChars)),
  };
}

export const isPixel = (image: ContentImage): boolean =>
  (image.width !== null && image.width <= PIXEL_MAX) || (image.height !== null && image.height <= PIXEL_MAX);

/** Hidden text a sender should look at: not the preheader, not a responsive variant, not a few characters. */
export function suspiciousHidden(hidden: readonly HiddenText[]): HiddenText[] {
  const preheader = hidden.find((h) => !h.afterVisible && h.chars <= PREHEADER_MAX_CHARS);
  return hidden.filter((h) => h !== preheader && !h.responsive);
}

export function findPlaceholders(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const pattern of PLACEHOLDERS) {
      for (const match of text.matchAll(pattern)) {
        found.add(match[0]);
        if (found.size >= MAX_LISTED) return [...found];
      }
    }
  }
  return [...found];
}

/** A URL's placeholders hide behind percent-encoding (%7B%7Bname%7D%7D). */
const decodedUrl = (href: string): string => {
  try {
    return decodeURIComponent(href);
  } catch {
    return href;
  }
};

export type ShoutReason = 'caps' | 'exclamation' | 'hype';

/** Why a Subject shouts, or null. NFKC first: full-width ＦＲＥＥ and ！ are the same shouting. */
export function shouting(subject: string): ShoutReason | null {
  const s = subject.normalize('NFKC');
  const cased = [...s].filter((c) => c.toLowerCase() !== c.toUpperCase());
  const upper = cased.filter((c) => c === c.toUpperCase()).length;
  const casedWords = s.split(/\s+/).filter((w) => /\p{L}/u.test(w) && w.toLowerCase() !== w.toUpperCase());
  if (cased.length >= CAPS_MIN_LETTERS && upper / cased.length >= CAPS_MIN_SHARE && casedWords.length >= 2) {
    return 'caps';
  }
  if ((s.match(/[!?]/g) ?? []).length >= SHOUT_MIN_MARKS && /!/.test(s)) return 'exclamation';
  const labels = [...subject.matchAll(/【([^】]{0,20})】/g)].map((m) => m[1] ?? '');
  const decorations = (subject.match(DECORATIONS) ?? []).length;
  if (labels.some((l) => HYPE_WORDS.test(l)) || labels.length + decorations >= HYPE_MIN_DECORATIONS)
    return 'hype';
  return null;
}

/** Active content by kind, as the markup writes it (language-neutral: these are HTML tokens). */
const ACTIVE_TOKENS: Record<string, string> = {
  script: '<script>',
  'event-handler': 'on…=',
  'javascript-url': 'javascript:',
  iframe: '<iframe>',
  frame: '<frame>',
  object: '<object>',
  embed: '<embed>',
  applet: '<applet>',
  'meta-refresh': '<meta http-equiv="refresh">',
};

export function checkContent(ctx: CheckContext, content: ContentModel): CheckOutput<null> {
  const findings: Finding[] = [];
  const notes: Finding[] = [];

  const alternatives = compareAlternatives(content);
  if (alternatives && alternatives.similarity < MIN_ALTERNATIVE_SIMILARITY) {
    findings.push({
      id: 'content.text-html-differ',
      params: {
        similarity: Math.round(alternatives.similarity * 100),
        textWords: alternatives.textWords,
        htmlWords: alternatives.htmlWords,
      },
    });
  }

  const pictures = content.images.filter((image) => !isPixel(image));
  const htmlWords =
    content.htmlText === null ? 0 : wordCount(content.htmlText.slice(0, LIMITS.contentCheckChars));
  if (content.html !== null && pictures.length > 0 && htmlWords < IMAGE_ONLY_MAX_WORDS) {
    findings.push({ id: 'content.image-only', params: { words: htmlWords, images: pictures.length } });
  }

  const withoutAlt = pictures.filter((image) => image.alt === null);
  if (withoutAlt.length > 0) {
    findings.push({
      id: 'content.images-no-alt',
      params: { count: withoutAlt.length, images: pictures.length },
    });
  }

  const hidden = suspiciousHidden(content.htmlFacts?.hidden ?? []);
  const hiddenChars = hidden.reduce((sum, h) => sum + h.chars, 0);
  if (hiddenChars >= MIN_HIDDEN_CHARS) {
    const largest = hidden.reduce((a, b) => (b.chars > a.chars ? b : a));
    findings.push({
      id: 'content.hidden-text',
      params: { chars: hiddenChars, reason: largest.reason, sample: largest.text },
    });
  }

  const webLinks = content.links.filter(
    (l) => l.source === 'html' && (l.scheme === 'http' || l.scheme === 'https'),
  );
  const words =
    content.htmlText !== null
      ? htmlWords
      : content.text !== null
        ? wordCount(content.text.slice(0, LIMITS.contentCheckChars))
        : 0;
  const linkCount =
    content.html !== null ? webLinks.length : content.links.filter((l) => l.source === 'text').length;
  if (linkCount > MAX_LINKS || (linkCount >= MIN_LINKS_FOR_RATIO && words < linkCount * WORDS_PER_LINK)) {
    findings.push({ id: 'content.too-many-links', params: { links: linkCount, words } });
  }

  const active = content.htmlFacts?.active ?? {};
  const activeTokens = Object.entries(ACTIVE_TOKENS)
    .filter(([kind]) => (active[kind as keyof typeof active] ?? 0) > 0)
    .map(([kind, token]) => `${token} ×${active[kind as keyof typeof active]}`);
  if (activeTokens.length > 0) findings.push({ id: 'content.active-html', params: { tags: activeTokens } });
  if (active.form) findings.push({ id: 'content.form', params: { count: active.form } });

  const searched = [
    (ctx.message.subject ?? '').slice(0, MAX_SUBJECT_CHARS),
    (content.text ?? '').slice(0, LIMITS.contentCheckChars),
    (content.htmlText ?? '').slice(0, LIMITS.contentCheckChars),
    ...(content.htmlFacts?.hidden ?? []).map((h) => h.text),
    ...content.links.map((l) => decodedUrl(l.href)),
    ...content.images.map((i) => `${i.alt ?? ''} ${decodedUrl(i.src)}`),
  ];
  const placeholders = findPlaceholders(searched);
  if (placeholders.length > 0) findings.push({ id: 'content.placeholders', params: { placeholders } });

  const subject = (ctx.message.subject ?? '').slice(0, MAX_SUBJECT_CHARS);
  const shout = shouting(subject);
  if (shout) {
    findings.push({
      id: 'content.subject-shouting',
      params: { reason: shout, subject: subject.slice(0, MAX_SHOWN_SUBJECT_CHARS) },
    });
  }

  if (content.truncated || content.error) {
    notes.push({ id: 'content.partial', params: { why: content.error ? 'decoder' : 'bounds' } });
  }
  if (findings.length === 0) findings.push({ id: 'content.pass' });
  return { result: null, findings: [...findings, ...notes] };
}
