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
  size: number;
  /** The first bytes (for type sniffing: ZIP, OLE2, PE, encrypted archives), bounded. */
  head: Buffer;
  /** True when the decoder had to give up on the part. */
  broken: boolean;
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
  /** Charsets met in the parts (lower case), e.g. ['iso-2022-jp']. */
  charsets: string[];
  /** True when some part or list was cut at a bound (the checks say so rather than judge half a message). */
  truncated: boolean;
  /** Why decoding failed, when it did (the structural checks in format.* already report broken MIME). */
  error: string | null;
}
