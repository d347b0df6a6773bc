/**
 * The message's content, decoded once for every content check, the built-in rules, the link checks and
 * the URI blocklists: every part decoded (transfer encodings, charsets including ISO-2022-JP, Shift_JIS and
 * EUC-JP), links and images pulled out of the HTML and the text. Bounded: see LIMITS.
 */

export interface ContentLink {
  /** The URL as written (after HTML entity decoding), bounded in length. */
  href: string;
  /** The visible text of the link (HTML), or the URL itself (plain text). */
  text: string;
  source: 'html' | 'text';
  /** Lower-case host of the URL ('' when it has none, e.g. mailto:). */
  host: string;
  /** Registered (organizational) domain of the host; '' for IP hosts and hosts without a public suffix. */
  domain: string;
  scheme: string;
}

export interface ContentImage {
  src: string;
  alt: string | null;
  /** Width × height when the HTML states them (tracking pixels are 1×1). */
  width: number | null;
  height: number | null;
}

export interface ContentAttachment {
  filename: string | null;
  contentType: string;
  /** Decoded size in bytes (of what was decoded: see ContentModel.truncated). */
  size: number;
  /** The first bytes (for type sniffing: ZIP, OLE2, PE, encrypted archives), LIMITS.contentAttachmentHeadBytes at most. */
  head: Buffer;
  /**
   * All the decoded bytes (bounded by the decode limit, LIMITS.maxMimeParseBytes): archive and OLE2 directories
   * sit at the end of the file, so sniffing the head alone cannot see them. Shares memory with the decoder's buffer.
   */
  data: Buffer;
  /** An image embedded for the HTML (Content-ID, multipart/related or inline disposition), not a file to open. */
  inline: boolean;
  /** True when the decoder had to give up on the part. */
  broken: boolean;
}

/** Why a piece of HTML text is not seen by the reader. */
export type HiddenReason =
  'display-none' | 'visibility-hidden' | 'collapsed' | 'transparent' | 'tiny-font' | 'low-contrast';

export interface HiddenText {
  reason: HiddenReason;
  /** The hidden text (whitespace collapsed), bounded. */
  text: string;
  /** Characters other than whitespace and zero-width ones (the whole segment, not just the bounded sample). */
  chars: number;
  /** Some visible text came before it (a preheader comes first, before anything visible). */
  afterVisible: boolean;
  /** Hidden by display:none / max-height:0 on an element with a class while a <style> has @media rules: the
   * responsive "show on mobile only" pattern, which a media query reveals. */
  responsive: boolean;
}

/** Active content mail clients strip or refuse (each a count of occurrences). */
export type ActiveKind =
  | 'script'
  | 'event-handler'
  | 'javascript-url'
  | 'iframe'
  | 'frame'
  | 'object'
  | 'embed'
  | 'applet'
  | 'meta-refresh'
  | 'form';

/** What reading the HTML found beyond its text, links and images. */
export interface HtmlFacts {
  active: Partial<Record<ActiveKind, number>>;
  /** Hidden text segments, LIMITS.contentMaxHiddenSegments at most. */
  hidden: HiddenText[];
  /** Elements opened (a measure of markup size). */
  elements: number;
  /** A <style> element holds @media rules (responsive layout: some hidden parts are shown by it). */
  mediaQueries: boolean;
}

export interface ContentModel {
  /** The plain-text alternative (all text/plain parts), decoded; null when there is none. */
  text: string | null;
  /** The HTML (all text/html parts), decoded; null when there is none. */
  html: string | null;
  /** The text a reader sees in the HTML (tags, scripts and styles removed, entities decoded). */
  htmlText: string | null;
  links: ContentLink[];
  images: ContentImage[];
  attachments: ContentAttachment[];
  /** What reading the HTML found (active content, hidden text); null without HTML. */
  htmlFacts: HtmlFacts | null;
  /** Charsets met in the parts (lower case), e.g. ['iso-2022-jp']. */
  charsets: string[];
  /** True when some part or list was cut at a bound (the checks say so rather than judge half a message). */
  truncated: boolean;
  /** Why decoding failed, when it did (the structural checks in format.* already report broken MIME). */
  error: string | null;
}
