/**
 * Reads an HTML body once, the way a mail client shows it: the visible text (scripts, styles, the head
 * and comments dropped; entities decoded), the links with their visible text, the images, the text a
 * reader cannot see (and why), and active content clients strip. htmlparser2 tokenizes (it is what
 * mailparser's html-to-text uses, and copes with broken markup; its work per tag grows with the nesting
 * depth, which is bounded below); this file only keeps a stack of inherited styles. Only inline styles and legacy attributes are read: a <style> sheet's
 * selectors are not matched (that would need a CSS engine), which errs towards "visible".
 */
import { Parser } from 'htmlparser2';
import { LIMITS } from '../limits.js';
import { findTextUrls, linkOf } from './urls.js';
import type { ActiveKind, ContentImage, ContentLink, HiddenReason, HiddenText, HtmlFacts } from './types.js';
import { visibleChars } from './words.js';

export interface HtmlReading {
  text: string;
  links: ContentLink[];
  images: ContentImage[];
  /** URLs written as text outside any link (a client linkifies them). */
  textUrls: string[];
  facts: HtmlFacts;
  /** A list or the text was cut at its bound. */
  truncated: boolean;
}

type Rgb = readonly [number, number, number];
/** A color, 'transparent', or null when unknown (an image, a keyword we do not know). */
type Color = Rgb | 'transparent' | null;

interface Frame {
  /** Text inside is not rendered at all (head, script, style, title, template). */
  skip: boolean;
  color: Color;
  /** The background behind the text; null when unknown (an image, or a color we cannot read). */
  background: Color;
  hidden: HiddenReason | null;
  /** The element that made the text hidden, so its text gathers into one segment. */
  hiddenBy: number;
  responsive: boolean;
  tiny: boolean;
  /** The text color is (nearly) the background's: worked out when either changes, not per text. */
  lowContrast: boolean;
}

/** Elements whose text is never shown in a mail client. */
const NOT_RENDERED = new Set(['head', 'script', 'style', 'title', 'template', 'noembed', 'noframes', 'xml']);
/** Elements that start a new line in the text (so words on both sides do not run together). */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav',
  'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]); // prettier-ignore
const ACTIVE_ELEMENTS: Partial<Record<string, ActiveKind>> = {
  script: 'script',
  iframe: 'iframe',
  frame: 'frame',
  frameset: 'frame',
  object: 'object',
  embed: 'embed',
  applet: 'applet',
  form: 'form',
};
/** Attributes holding a URL a click or a load would follow. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'data', 'background', 'poster'];
const SCRIPT_URL = /^(?:javascript|vbscript|livescript):/i;

const NAMED_COLORS: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  silver: [192, 192, 192],
  whitesmoke: [245, 245, 245],
  snow: [255, 250, 250],
  ivory: [255, 255, 240],
  navy: [0, 0, 128],
  maroon: [128, 0, 0],
  orange: [255, 165, 0],
  purple: [128, 0, 128],
  lightgray: [211, 211, 211],
  lightgrey: [211, 211, 211],
  gainsboro: [220, 220, 220],
  darkgray: [169, 169, 169],
  darkgrey: [169, 169, 169],
};
const DEFAULT_TEXT: Rgb = [0, 0, 0];
const DEFAULT_BACKGROUND: Rgb = [255, 255, 255];
/** Gmail's link blue: links are not black by default. */
const DEFAULT_LINK: Rgb = [17, 85, 204];
/** Below this WCAG contrast ratio text is as good as invisible (#eee on white is 1.16, #ddd is 1.36). */
const MIN_CONTRAST = 1.2;
/** Inline style bytes read per element (real ones are a few hundred). */
const MAX_STYLE_CHARS = 4_096;
/** HTML fed to the parser at a time, so the nesting bound is checked often. */
const WRITE_CHUNK_CHARS = 4_096;
/** Characters kept of one hidden segment and of one link's text (enough to show what it says). */
const MAX_SAMPLE_CHARS = 200;
const MAX_LINK_TEXT_CHARS = 500;

/** A CSS or legacy HTML color; null when it cannot be read. */
export function parseColor(value: string): Color {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/\s*!important$/, '');
  if (v === 'transparent') return 'transparent';
  const named = Object.hasOwn(NAMED_COLORS, v) ? NAMED_COLORS[v] : undefined;
  if (named) return named;
  const hex = /^#?([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(v)?.[1];
  // Legacy attributes (bgcolor=ffffff) may omit the '#'; CSS may not, but clients accept it.
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    if (full.length === 8 && full.endsWith('00')) return 'transparent';
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
  }
  const rgb = /^rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(v);
  if (rgb) {
    const channel = (s: string) =>
      Math.max(0, Math.min(255, s.endsWith('%') ? (parseFloat(s) * 255) / 100 : parseFloat(s)));
    const alpha = rgb[4];
    if (alpha !== undefined && parseFloat(alpha) === 0) return 'transparent';
    return [channel(rgb[1]!), channel(rgb[2]!), channel(rgb[3]!)];
  }
  return null;
}

const luminance = ([r, g, b]: Rgb): number => {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};

/** WCAG 2 contrast ratio: 1 (same color) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Inline style declarations, property → value (lower-case property, the last one wins as in CSS). */
export function parseStyle(style: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const declaration of style.slice(0, MAX_STYLE_CHARS).split(';')) {
    const colon = declaration.indexOf(':');
    if (colon <= 0) continue;
    out.set(
      declaration.slice(0, colon).trim().toLowerCase(),
      declaration
        .slice(colon + 1)
        .trim()
        .toLowerCase(),
    );
  }
  return out;
}

const NO_STYLE: ReadonlyMap<string, string> = new Map();

/** A CSS number with its unit ('' when none), or null when the value is not one. */
function cssNumber(value: string | undefined): { size: number; unit: string } | null {
  const m = /^(\d*\.?\d+)\s*(px|pt|em|rem|%)?(?:\s*!important)?$/.exec(value?.trim() ?? '');
  return m ? { size: parseFloat(m[1]!), unit: m[2] ?? '' } : null;
}

/** A CSS length under one pixel: 0, 0px, 0em, 0%. */
const isZeroLength = (value: string | undefined): boolean => {
  const n = cssNumber(value);
  return n !== null && (n.size === 0 || ((n.unit === 'px' || n.unit === '') && n.size < 1));
};

/** A font size nobody can read: at most 2px / 1.5pt / 0.2em / 20% (font-size:1px is the classic trick). */
export function isTinyFontSize(value: string): boolean {
  const n = cssNumber(value);
  if (!n) return false;
  switch (n.unit) {
    case 'pt':
      return n.size <= 1.5;
    case 'em':
    case 'rem':
      return n.size <= 0.2;
    case '%':
      return n.size <= 20;
    default:
      return n.size <= 2;
  }
}

/** Opacity under 0.1: nothing shows. */
const isTransparent = (value: string | undefined): boolean => {
  const n = cssNumber(value);
  return n !== null && (n.unit === '%' ? n.size < 10 : n.unit === '' && n.size < 0.1);
};

/** The background an element paints: a color, null when it paints an image (unknown), undefined when none. */
function backgroundOf(
  attribs: Record<string, string>,
  style: ReadonlyMap<string, string>,
): Color | undefined {
  if (attr(attribs, 'background')) return null;
  const shorthand = style.get('background');
  const color = style.get('background-color');
  if (style.get('background-image')?.includes('url(') || shorthand?.includes('url(')) return null;
  if (color !== undefined) return parseColor(color);
  if (shorthand !== undefined) {
    const whole = parseColor(shorthand);
    if (whole) return whole;
    for (const token of shorthand.match(/rgba?\([^)]*\)|#[0-9a-f]+|[a-z]+/g) ?? []) {
      const parsed = parseColor(token);
      if (parsed) return parsed;
    }
    return shorthand === 'none' ? undefined : null;
  }
  const legacy = attr(attribs, 'bgcolor');
  return legacy !== undefined ? parseColor(legacy) : undefined;
}

const attr = (attribs: Record<string, string>, name: string): string | undefined =>
  Object.hasOwn(attribs, name) ? attribs[name] : undefined;

/** A pixel size from width="600", width="600px" or style width:600px; null when not stated in pixels. */
function dimension(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^\s*(\d{1,6})(?:\.\d+)?\s*(?:px)?\s*$/i.exec(value);
  return m ? parseInt(m[1]!, 10) : null;
}

/** Why an element hides its content, from its style and attributes; null when it does not. */
function hiddenBy(attribs: Record<string, string>, style: ReadonlyMap<string, string>): HiddenReason | null {
  if (attr(attribs, 'hidden') !== undefined || style.get('display')?.startsWith('none'))
    return 'display-none';
  const visibility = style.get('visibility');
  if (visibility?.startsWith('hidden') || visibility?.startsWith('collapse')) return 'visibility-hidden';
  if (isTransparent(style.get('opacity'))) return 'transparent';
  const clipped = style.get('overflow')?.startsWith('hidden');
  if (clipped && (isZeroLength(style.get('max-height')) || isZeroLength(style.get('height'))))
    return 'collapsed';
  return null;
}

const emptyFacts = (): HtmlFacts => ({ active: {}, hidden: [], elements: 0, mediaQueries: false });

export function readHtml(html: string): HtmlReading {
  const textParts: string[] = [];
  let textLength = 0;
  const outsideLinkText: string[] = [];
  let outsideLength = 0;
  const links: ContentLink[] = [];
  const images: ContentImage[] = [];
  const facts = emptyFacts();
  let truncated = false;
  let sawVisible = false;
  let sheetPaintsBackgrounds = false;

  const root: Frame = {
    skip: false,
    color: DEFAULT_TEXT,
    background: DEFAULT_BACKGROUND,
    hidden: null,
    hiddenBy: -1,
    responsive: false,
    tiny: false,
    lowContrast: false,
  };
  const stack: Frame[] = [root];
  let open: { href: string; text: string[]; length: number; depth: number } | null = null;
  let segment: { owner: number; entry: HiddenText } | null = null;

  const count = (kind: ActiveKind) => {
    facts.active[kind] = (facts.active[kind] ?? 0) + 1;
  };
  const addText = (text: string) => {
    if (textLength >= LIMITS.contentMaxTextChars) {
      truncated = true;
      return;
    }
    textParts.push(text);
    textLength += text.length;
  };
  const closeLink = () => {
    if (!open) return;
    if (links.length < LIMITS.contentMaxLinks) {
      const text = open.text.join('').replace(/\s+/g, ' ').trim().slice(0, MAX_LINK_TEXT_CHARS);
      links.push(linkOf(open.href, text, 'html'));
    } else truncated = true;
    open = null;
  };
  const addHidden = (frame: Frame, reason: HiddenReason, text: string) => {
    const chars = visibleChars(text);
    if (chars === 0) return;
    if (segment && segment.owner === frame.hiddenBy && segment.entry.reason === reason) {
      const entry = segment.entry;
      entry.chars += chars;
      if (entry.text.length < MAX_SAMPLE_CHARS)
        entry.text = `${entry.text} ${text}`.slice(0, MAX_SAMPLE_CHARS);
      return;
    }
    if (facts.hidden.length >= LIMITS.contentMaxHiddenSegments) {
      truncated = true;
      return;
    }
    const entry: HiddenText = {
      reason,
      text: text.replace(/\s+/g, ' ').trim().slice(0, MAX_SAMPLE_CHARS),
      chars,
      afterVisible: sawVisible,
      responsive: frame.responsive,
    };
    facts.hidden.push(entry);
    segment = { owner: frame.hiddenBy, entry };
  };

  const onOpen = (name: string, attribs: Record<string, string>) => {
    facts.elements++;
    const parent = stack[stack.length - 1]!;
    const styleText = attr(attribs, 'style');
    const style = styleText ? parseStyle(styleText) : NO_STYLE;
    const activeKind = Object.hasOwn(ACTIVE_ELEMENTS, name) ? ACTIVE_ELEMENTS[name] : undefined;
    if (activeKind) count(activeKind);
    if (name === 'meta' && /refresh/i.test(attr(attribs, 'http-equiv') ?? '')) count('meta-refresh');
    for (const key of Object.keys(attribs)) {
      if (/^on[a-z]{3,}$/.test(key)) count('event-handler');
    }
    for (const key of URL_ATTRIBUTES) {
      const value = attr(attribs, key);
      if (value !== undefined && SCRIPT_URL.test(value.replace(/[\u0000-\u0020]/g, '')))
        count('javascript-url');
    }

    const frame: Frame = { ...parent };
    frame.skip ||= NOT_RENDERED.has(name);
    // A transparent background shows the parent's.
    const background = backgroundOf(attribs, style);
    if (background !== undefined && background !== 'transparent') frame.background = background;
    // A style sheet may paint a classed element's background: white text there is not judged.
    else if (sheetPaintsBackgrounds && attr(attribs, 'class') !== undefined) frame.background = null;
    const color = style.get('color') ?? (name === 'font' ? attr(attribs, 'color') : undefined);
    if (color !== undefined) frame.color = parseColor(color);
    else if (name === 'a') frame.color = DEFAULT_LINK;
    else if (name === 'body' && attr(attribs, 'text') !== undefined) frame.color = parseColor(attribs.text!);
    if (frame.color !== parent.color || frame.background !== parent.background) {
      frame.lowContrast = isLowContrast(frame.color, frame.background);
    }
    const fontSize = style.get('font-size');
    if (fontSize !== undefined) frame.tiny = isTinyFontSize(fontSize);
    const reason = parent.hidden ? null : hiddenBy(attribs, style);
    if (reason) {
      frame.hidden = reason;
      frame.hiddenBy = facts.elements;
      frame.responsive =
        (reason === 'display-none' || reason === 'collapsed') && attr(attribs, 'class') !== undefined;
    }
    stack.push(frame);

    if (name === 'a' || name === 'area') {
      // A new link ends the one still open (HTML: <a> inside <a> is not nested).
      closeLink();
      const href = attr(attribs, 'href');
      if (href !== undefined) {
        if (name === 'a') open = { href, text: [], length: 0, depth: stack.length };
        else if (links.length < LIMITS.contentMaxLinks)
          links.push(linkOf(href, attr(attribs, 'alt') ?? '', 'html'));
        else truncated = true;
      }
    }
    if (name === 'img') {
      if (images.length < LIMITS.contentMaxImages) {
        images.push({
          src: (attr(attribs, 'src') ?? '').trim().slice(0, LIMITS.contentMaxUrlChars),
          alt: attr(attribs, 'alt') ?? null,
          width: dimension(attr(attribs, 'width')) ?? dimension(style.get('width')),
          height: dimension(attr(attribs, 'height')) ?? dimension(style.get('height')),
        });
      } else truncated = true;
    }
    if (BLOCK.has(name)) addText('\n');
  };

  const onClose = (name: string) => {
    if (stack.length > 1) stack.pop();
    if (open && stack.length < open.depth) closeLink();
    if (BLOCK.has(name)) addText('\n');
  };

  const onText = (raw: string) => {
    const frame = stack[stack.length - 1]!;
    // HTML whitespace (not U+3000, which Japanese text uses as a character) collapses to one space.
    const data = frame.skip ? raw : raw.replace(/[ \t\n\r\f]+/g, ' ');
    if (frame.skip) {
      // Only the text of <style> matters here: @media rules reveal parts the inline styles hide, and
      // background rules paint behind classed elements (which we cannot match).
      if (!facts.mediaQueries && data.includes('@media')) facts.mediaQueries = true;
      if (!sheetPaintsBackgrounds && /background/i.test(data)) sheetPaintsBackgrounds = true;
      return;
    }
    const reason: HiddenReason | null =
      frame.hidden ??
      (frame.tiny
        ? 'tiny-font'
        : frame.color === 'transparent'
          ? 'transparent'
          : frame.lowContrast
            ? 'low-contrast'
            : null);
    if (reason) {
      addHidden(frame, reason, data);
      return;
    }
    addText(data);
    if (!sawVisible && visibleChars(data) > 0) sawVisible = true;
    if (open) {
      if (open.length < MAX_LINK_TEXT_CHARS) {
        open.text.push(data);
        open.length += data.length;
      }
    } else if (outsideLength < LIMITS.contentMaxTextChars) {
      outsideLinkText.push(data);
      outsideLength += data.length;
    }
  };

  const parser = new Parser(
    {
      onopentag: onOpen,
      onclosetag: onClose,
      ontext: onText,
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  // htmlparser2 keeps its open elements in an array it shifts and searches: work per tag grows with the
  // nesting depth, so a hostile run of unclosed tags is quadratic. Fed in chunks, reading stops once the
  // nesting passes the bound (real mail nests tens of levels deep).
  for (let at = 0; at < html.length; at += WRITE_CHUNK_CHARS) {
    if (stack.length > LIMITS.contentMaxHtmlDepth) {
      truncated = true;
      break;
    }
    parser.write(html.slice(at, at + WRITE_CHUNK_CHARS));
  }
  parser.end();
  closeLink();

  // Responsive layouts hide one variant inline and reveal it with a media query.
  if (!facts.mediaQueries) for (const h of facts.hidden) h.responsive = false;

  const text = tidy(textParts.join(''));
  const textUrls = findTextUrls(outsideLinkText.join(' '), LIMITS.contentMaxLinks);
  return { text, links, images, textUrls, facts, truncated };
}

/** Text color too close to the background to read; unknown colors (images, keywords) count as readable. */
function isLowContrast(color: Color, background: Color): boolean {
  if (!color || !background || color === 'transparent' || background === 'transparent') return false;
  return contrastRatio(color, background) < MIN_CONTRAST;
}

/** Whitespace as a reader sees it: runs of spaces collapsed, blank lines dropped. */
export const tidy = (text: string): string =>
  text
    .replace(/[ \t\r\f\u00a0]+/g, ' ')
    .replace(/ ?\n[ \n]*/g, '\n')
    .replace(/^[ \n]+|[ \n]+$/g, '');
