/** A message parsed once, for every check to read. Nothing outside src/message parses MIME or headers. */

export interface HeaderField {
  /** The name as written. */
  name: string;
  /** Lower-case name, for lookups. */
  key: string;
  /** The value after the colon, unfolded (CRLF+WSP → WSP), bytes read as UTF-8. */
  value: string;
  /** The whole field as received (name, colon, value, folding), without the final line break. */
  raw: Buffer;
  /** Any byte ≥ 0x80 in the field. */
  eightBit: boolean;
}

export interface Mailbox {
  /** addr-spec, as written (local@domain). Empty when the mailbox has no address. */
  address: string;
  name: string;
  /** Lower-case domain after the last '@' ('' when none). */
  domain: string;
}

/** What the structural MIME walk (mime-structure.ts) found; every list is bounded. */
export interface MimeStructure {
  /** Body parts seen (children of multiparts). */
  parts: number;
  /** Deepest multipart nesting followed. */
  depth: number;
  /** A multipart nested deeper than MAX_MIME_DEPTH (not followed further). */
  tooDeep: boolean;
  /** More parts than MAX_MIME_PARTS: the rest of the message was not scanned. */
  truncated: boolean;
  /** Multiparts without a boundary parameter ("path type", e.g. "2 multipart/related"). */
  noBoundary: string[];
  /** Multiparts whose boundary never appears as a delimiter line (type and boundary). */
  boundaryNeverSeen: string[];
  /** Multiparts whose close delimiter (--boundary--) never comes. */
  unterminated: string[];
  /** Base64 parts whose data holds characters outside the alphabet or is cut short ("path type"). */
  badBase64: string[];
  /** Media types of the leaf parts, first seen first. */
  leafTypes: string[];
}

export interface MimeSummary {
  /**
   * False when the body was not decoded: over the parse limit ('too-large'), the parser failed (error),
   * or no check needs it (no text/html part; error null). text/html/attachments are then empty.
   */
  parsed: boolean;
  text: string | null;
  html: string | null;
  /** Size of the decoded HTML in bytes (UTF-8). */
  htmlBytes: number;
  hasTextPart: boolean;
  hasHtmlPart: boolean;
  attachments: Array<{ filename: string | null; contentType: string; size: number }>;
  /** Why MIME decoding failed, when it did ('too-large' when skipped for size: see LIMITS.maxMimeParseBytes). */
  error: string | null;
  /** Structural faults, found on the raw lines whatever the size. */
  structure: MimeStructure;
}

export interface ParsedMessage {
  /**
   * The message bytes, with bare LF line ends made CRLF (RFC 5322 line ends; DKIM and ARC
   * canonicalize the same way). Otherwise exactly as received.
   */
  raw: Buffer;
  /** Size as received, before any line-end conversion. */
  size: number;
  /** Header fields in order, up to LIMITS.maxHeaderFields. */
  headers: HeaderField[];
  /** All header fields seen, including those past the limit. */
  headerFieldCount: number;
  /** Bytes of the header section. */
  headerBytes: number;
  /** Offset of the body in raw (after the blank line), raw.length when there is none. */
  bodyOffset: number;
  /** Longest line in octets, and how many lines exceed 998 octets (RFC 5322 2.1.1). */
  longestLine: number;
  longLines: number;
  /** The first line over 998 octets: 1-based line number, its length, its byte offset in raw. */
  firstLongLine: { line: number; length: number; offset: number } | null;
  /** The header section ran past LIMITS.maxHeaderBytes; fields after it were not read. */
  headerTruncated: boolean;
  /** Lines in the header section that are neither fields nor continuations. */
  malformedHeaderLines: number;
  /** Decoded (RFC 2047) values of the common fields. */
  from: Mailbox[];
  fromFieldCount: number;
  sender: Mailbox | null;
  replyTo: Mailbox[];
  subject: string | null;
  messageId: string | null;
  date: string | null;
  mime: MimeSummary;
}
