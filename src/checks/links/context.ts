/**
 * The words around each link in the HTML. Japanese mail links only "こちら" (here) in
 * "配信停止は<a>こちら</a>から", and English mail "click <a>here</a> to unsubscribe": the link text alone
 * does not say what the link does, the words next to it do. The link checker reads them so that it never
 * fetches an unsubscribe link.
 *
 * One pass over the HTML, at most LIMITS.linkMaxInspected anchors, each regular expression bounded, so a
 * hostile body costs linear time.
 */
import { LIMITS } from '../../limits.js';

/** Characters of HTML source read on each side of an anchor's opening tag, and visible characters kept. */
const SOURCE_WINDOW = 400;
const BEFORE_CHARS = 30;
const AFTER_CHARS = 40;

/** Longest opening tag read; a longer one (or one never closed) is skipped. */
const MAX_TAG = 4_096;
const ANCHOR_START = /<a\s/gi;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: ' ',
};

/** The few entities that appear in hrefs and short texts. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    const code = lower.startsWith('#x')
      ? parseInt(lower.slice(2), 16)
      : lower.startsWith('#')
        ? Number(lower.slice(1))
        : NaN;
    if (Number.isFinite(code)) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return ENTITIES[lower] ?? whole;
  });
}

/** Tags that end a line or a block: the words beyond them belong to another sentence. */
const BLOCK_TAG =
  /<\/?(?:p|div|br|hr|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer|blockquote)\b[^>]*>/gi;

/**
 * What a reader sees of a piece of HTML source, as the blocks (paragraphs, cells, lines) it shows: tags and
 * the cut tag at either end dropped, entities decoded, spaces collapsed.
 */
const visibleBlocks = (source: string): string[] =>
  decodeEntities(
    source
      .replace(/^[^<]*>/, '')
      .replace(/<[^>]*$/, '')
      .replace(BLOCK_TAG, '\n')
      .replace(/<[^>]*>/g, ' '),
  )
    .split('\n')
    .map((block) => block.replace(/\s+/g, ' ').trim());

/** href (entities decoded, trimmed) → the visible words just before and after its anchor, for every anchor. */
export function linkContexts(html: string | null): Map<string, string> {
  const contexts = new Map<string, string>();
  if (!html) return contexts;
  let seen = 0;
  // A plain scan, not one regular expression over the whole body: every step is bounded (MAX_TAG, the
  // source windows, LIMITS.linkMaxInspected anchors), so a hostile body cannot make it backtrack.
  for (const match of html.matchAll(ANCHOR_START)) {
    if (++seen > LIMITS.linkMaxInspected) break;
    const start = match.index;
    const close = html.slice(start, start + MAX_TAG).indexOf('>');
    if (close < 0) continue;
    const tag = html.slice(start, start + close + 1);
    const found = HREF.exec(tag);
    if (!found) continue;
    const href = decodeEntities((found[1] ?? found[2] ?? found[3] ?? '').trim());
    const end = start + tag.length;
    // The words of the same block only: before the anchor back to the block's start, after it (its own text
    // included) up to the block's end.
    const before = (visibleBlocks(html.slice(Math.max(0, start - SOURCE_WINDOW), start)).at(-1) ?? '').slice(
      -BEFORE_CHARS,
    );
    const after = (visibleBlocks(html.slice(end, end + SOURCE_WINDOW))[0] ?? '').slice(0, AFTER_CHARS);
    contexts.set(
      href,
      `${contexts.get(href) ?? ''}\n${before} … ${after}`.slice(-4 * (BEFORE_CHARS + AFTER_CHARS)),
    );
  }
  return contexts;
}
