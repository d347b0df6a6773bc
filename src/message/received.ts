/**
 * Received fields (RFC 5321 4.4 trace information, RFC 5322 3.6.7) parsed as real MTAs write them:
 *
 *   Received: from <helo> (<rdns> [<ip>]) by <host> (<software>) with <protocol> id <id> for <rcpt>; <date>
 *
 * The grammar is loose in practice: Postfix, Sendmail and Gmail put the reverse DNS name and the address in
 * the comment after the HELO name; Exim writes its verified name first and `helo=` in the comment; qmail
 * writes `(HELO x)` and a bare address; Microsoft writes bare addresses after both hosts and a multi-word
 * `with Microsoft SMTP Server`. TLS is told by the protocol (ESMTPS, RFC 3848) or by a comment (Postfix
 * "using TLSv1.3 with cipher …", Gmail/Sendmail/Microsoft "version=… cipher=…", Exim "(TLS1.3) tls …").
 *
 * So the field is tokenized (words, nested comments, angle addresses, quoted strings, the last top-level
 * ";" before the date), the tokens are grouped into clauses by their keywords, and each clause is read by
 * the conventions above. The field is cut at LIMITS.receivedFieldChars, the scan is linear, and nothing
 * here throws: what cannot be read is null.
 */
import { isIP } from 'node:net';
import { LIMITS } from '../limits.js';
import type { HeaderField, ParsedMessage } from './types.js';

/** The sending side of a hop, as the receiving server recorded it. */
export interface ReceivedFrom {
  /** The word after `from`, as written (a HELO name, a verified name, or an address literal). */
  name: string | null;
  /** The HELO/EHLO name the client gave (the sender chose it). */
  helo: string | null;
  /** The client's reverse DNS name when the field records one apart from the HELO name; null when unknown. */
  rdns: string | null;
  /** The client's address as written (without brackets or the IPv6: tag), null when the field names none. */
  ip: string | null;
}

export interface ReceivedBy {
  host: string | null;
  /** The receiving server's own address, when it wrote one (Microsoft does). */
  ip: string | null;
  /** Its first other comment, usually the software: "Postfix", "8.18.1/8.18.1", "Exim 4.97". */
  software: string | null;
}

export interface ReceivedTls {
  /** true: the hop was encrypted; false: the field says it was not; null: the field does not tell. */
  encrypted: boolean | null;
  /** As OpenSSL names them: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3, SSLv3; null when not recorded. */
  protocol: string | null;
  cipher: string | null;
}

export interface ReceivedHop {
  /** Position among the Received fields, 1 = the topmost (the last one added). */
  index: number;
  /** The field value, unfolded (runs of blanks as one space), control characters replaced, cut at LIMITS.receivedFieldChars. */
  text: string;
  /** The value was longer than the bound. */
  truncated: boolean;
  from: ReceivedFrom | null;
  by: ReceivedBy | null;
  /** `with`: the protocol word as written (ESMTPS, esmtpsa, LMTP, HTTP) or Microsoft's "Microsoft SMTP Server". */
  with: string | null;
  via: string | null;
  id: string | null;
  /** `for`: the recipient, without angle brackets. */
  for: string | null;
  tls: ReceivedTls;
  /** The client authenticated (ESMTPA, ESMTPSA, Postfix's "Authenticated sender", Sendmail's "authenticated"). */
  authenticated: boolean;
  /** The date after the last ";", as written. */
  date: string | null;
  /** That date in milliseconds since the epoch, null when it does not parse. */
  time: number | null;
}

export interface ReceivedChain {
  /** The first LIMITS.maxReceivedFields Received fields, topmost first. */
  hops: ReceivedHop[];
  /** All Received fields the message has (among the header fields read). */
  total: number;
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Token = { kind: 'word'; text: string } | { kind: 'comment'; text: string } | { kind: 'semicolon' };

/** Tokens kept from one field: real fields have 10-60; the field is already cut, this keeps arrays small. */
const MAX_TOKENS = 512;
const WORD_END = /[\s();"<]/;

/** Where the comment opening at `start` closes (nested comments and quoted pairs included); -1 if never. */
function commentClose(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length && tokens.length < MAX_TOKENS) {
    const ch = text[i]!;
    if (/\s/.test(ch) || ch === ')') {
      i++;
    } else if (ch === '(') {
      const close = commentClose(text, i);
      const end = close < 0 ? text.length : close;
      tokens.push({ kind: 'comment', text: text.slice(i + 1, end).trim() });
      i = end + 1;
    } else if (ch === ';') {
      tokens.push({ kind: 'semicolon' });
      i++;
    } else if (ch === '"' || ch === '<') {
      const closer = ch === '"' ? '"' : '>';
      let end = text.indexOf(closer, i + 1);
      end = end < 0 ? text.length : end + 1;
      tokens.push({ kind: 'word', text: ch === '"' ? text.slice(i + 1, end - 1) : text.slice(i, end) });
      i = end;
    } else {
      let end = i + 1;
      while (end < text.length && !WORD_END.test(text[end]!)) end++;
      tokens.push({ kind: 'word', text: text.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Clauses

type Keyword = 'from' | 'by' | 'via' | 'with' | 'id' | 'for';
const KEYWORDS: ReadonlySet<string> = new Set<Keyword>(['from', 'by', 'via', 'with', 'id', 'for']);

interface Clause {
  words: string[];
  comments: string[];
}

interface Clauses {
  clauses: Partial<Record<Keyword, Clause>>;
  /** Every comment of the field, in order (TLS and authentication notes can sit in any clause). */
  comments: string[];
  date: string | null;
}

/** Groups the tokens by keyword; only a keyword's first appearance starts its clause. */
function toClauses(tokens: Token[]): Clauses {
  let last = -1;
  tokens.forEach((token, i) => {
    if (token.kind === 'semicolon') last = i;
  });
  const clauses: Partial<Record<Keyword, Clause>> = {};
  const comments: string[] = [];
  let current: Clause | null = null;
  for (const token of last < 0 ? tokens : tokens.slice(0, last)) {
    if (token.kind === 'comment') {
      comments.push(token.text);
      current?.comments.push(token.text);
    } else if (token.kind === 'word') {
      const key = token.text.toLowerCase();
      if (KEYWORDS.has(key) && !clauses[key as Keyword]) {
        current = { words: [], comments: [] };
        clauses[key as Keyword] = current;
      } else current?.words.push(token.text);
    }
  }
  return { clauses, comments, date: last < 0 ? null : dateText(tokens.slice(last + 1)) };
}

/** A date longer than this is not one (the longest RFC 5322 date is about 40 characters). */
const MAX_DATE_CHARS = 100;

/** The date's words (its comments, such as "(UTC)", left out). */
function dateText(tokens: Token[]): string | null {
  const words = tokens.flatMap((t) => (t.kind === 'word' ? [t.text] : []));
  return words.length ? words.join(' ').slice(0, MAX_DATE_CHARS) : null;
}

export function parseReceivedDate(date: string | null): number | null {
  if (!date) return null;
  const time = Date.parse(date);
  return Number.isFinite(time) ? time : null;
}

// ---------------------------------------------------------------------------------------------
// Addresses and names

/** An address as written in a field: `1.2.3.4`, `IPv6:2001:db8::1`, with brackets or a zone; null if none. */
export function addressOf(text: string): string | null {
  const bare = text
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/^ipv6:/i, '')
    .replace(/%.*$/, '');
  return isIP(bare) ? bare : null;
}

const BRACKETED = /\[([0-9A-Za-z:.%]{2,60})\]/g;

/** The first address in a comment: in brackets (Postfix, Gmail, Exim), else a bare word (qmail, Microsoft). */
interface CommentAddress {
  ip: string;
  /** The comment's text before the address (Postfix's reverse DNS name), '' when none. */
  before: string;
}

function addressInComment(comment: string): CommentAddress | null {
  for (const match of comment.matchAll(BRACKETED)) {
    const ip = addressOf(match[1]!);
    if (ip) return { ip, before: comment.slice(0, match.index).trim() };
  }
  for (const word of comment.split(/[\s,]+/)) {
    // qmail writes the ident user before the address: (user@192.0.2.1).
    const ip = addressOf(word.slice(word.lastIndexOf('@') + 1));
    if (ip) return { ip, before: '' };
  }
  return null;
}

const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$/;
/** "unknown" is what Postfix, Sendmail and qmail write for a client without a (verified) name. */
const isUnknown = (name: string) => name.toLowerCase() === 'unknown';
const hostName = (name: string | undefined): string | null =>
  name && HOST_NAME.test(name) && !isUnknown(name) ? name.replace(/\.$/, '') : null;

/** Exim's comment marks: "[ip]:port", "port=", "helo=", "ident=". */
const EXIM_MARK = /^\[[^\]]*\]:\d+|\b(?:port|helo|ident)=/i;
const MAX_NAME = 255;
/** Software comments, `with` and `via` text kept (real ones are under 60 characters). */
const MAX_SOFTWARE = 200;

function readFrom(clause: Clause): ReceivedFrom {
  const name = clause.words[0]?.slice(0, MAX_NAME) ?? null;
  let ip: string | null = null;
  let rdns: string | null = null;
  let heloGiven: string | null = null;
  let qmailHelo = false;
  for (const comment of clause.comments) {
    const helo = /(?:^|\s)helo=(\S+)/i.exec(comment) ?? /^HELO\s+(\S+)/.exec(comment);
    if (helo && !heloGiven) {
      heloGiven = helo[1]!.slice(0, MAX_NAME);
      qmailHelo ||= /^HELO\s/.test(comment);
    }
    if (ip) continue;
    const found = addressInComment(comment);
    if (!found) continue;
    ip = found.ip;
    if (found.before) {
      // Postfix, Sendmail, Gmail: "(rdns [ip])"; Sendmail adds "(may be forged)" when it did not confirm.
      const rdnsWord = found.before.split(/\s+/)[0];
      if (!/may be forged/i.test(comment)) rdns = hostName(rdnsWord);
    } else if (EXIM_MARK.test(comment) && name && !name.startsWith('[')) {
      // Exim: "from <verified name> ([ip]:port helo=x)".
      rdns = hostName(name);
    }
  }
  // qmail: "from <rdns> (HELO x) (ip)".
  if (qmailHelo && name) rdns = hostName(name);
  // Exim without a name: "from [ip] (port=… helo=…)" — the word is the address itself.
  ip ??= name ? addressOf(name) : null;
  const helo = heloGiven ?? (name && !isUnknown(name) ? name : null);
  return { name, helo, rdns, ip };
}

function readBy(clause: Clause): ReceivedBy {
  let ip: string | null = null;
  let software: string | null = null;
  for (const comment of clause.comments) {
    const found: CommentAddress | null = ip ? null : addressInComment(comment);
    if (found && !found.before) ip = found.ip;
    else software ??= comment.slice(0, MAX_SOFTWARE);
  }
  return { host: clause.words[0]?.slice(0, MAX_NAME) ?? null, ip, software };
}

// ---------------------------------------------------------------------------------------------
// TLS and authentication

/** "TLS1_3", "TLSv1.3", "TLS1.3", "tls1.0", "SSLv3" → OpenSSL's names (TLSv1.3, TLSv1, SSLv3); else null. */
export function normalizeTlsVersion(raw: string): string | null {
  const m = /^(TLS|SSL)\s*v?(\d)(?:[._](\d))?$/i.exec(raw.trim());
  if (!m) return null;
  if (m[1]!.toUpperCase() === 'SSL') return `SSLv${m[2]}`;
  if (m[2] !== '1') return null;
  return !m[3] || m[3] === '0' ? 'TLSv1' : `TLSv1.${m[3]}`;
}

const VERSION = '((?:TLS|SSL)v?\\d(?:[._]\\d)?)';
const CIPHER = '([A-Za-z0-9_-]{3,80})';
/** Postfix: "using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) …". */
const POSTFIX_TLS = new RegExp(`\\busing\\s+${VERSION}\\s+with\\s+cipher\\s+${CIPHER}`, 'i');
/** Gmail, Sendmail, Microsoft: "version=TLS1_3 cipher=…", "version=TLS1_2, cipher=…". */
const VERSION_PARAM = new RegExp(`\\bversion=${VERSION}\\b`, 'i');
const CIPHER_PARAM = new RegExp(`\\bcipher=${CIPHER}`, 'i');
/** Exim's comment after the protocol: "(TLS1.3)" or, before 4.93, "(TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256)". */
const EXIM_TLS = new RegExp(`^${VERSION}(?::${CIPHER}(?::\\d+)?)?$`, 'i');

/** The SMTP family's protocol words (RFC 3848, RFC 6531): the S means TLS, the A authentication. */
const SMTP_PROTOCOL = /^(?:UTF8)?(?:E?SMTP|LMTP)(S?)(A?)$/i;
/** Gmail records its web interface as "with HTTP" although browsers reach it over HTTPS: only HTTPS tells. */
const HTTPS_PROTOCOL = /^HTTPS$/i;

function readTls(clauses: Clauses): ReceivedTls {
  let protocol: string | null = null;
  let cipher: string | null = null;
  for (const comment of clauses.comments) {
    const postfix = POSTFIX_TLS.exec(comment);
    const version = postfix ?? VERSION_PARAM.exec(comment) ?? EXIM_TLS.exec(comment);
    if (!version) continue;
    protocol = normalizeTlsVersion(version[1]!);
    cipher = postfix?.[2] ?? CIPHER_PARAM.exec(comment)?.[1] ?? version[2] ?? null;
    if (protocol) break;
  }
  const words = clauses.clauses.with?.words ?? [];
  // Exim 4.93+: "with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384".
  const tlsWord = words.findIndex((w, i) => i > 0 && w.toLowerCase() === 'tls');
  if (tlsWord > 0 && !cipher) cipher = words[tlsWord + 1]?.slice(0, 80) ?? null;
  const word = words[0] ?? '';
  const smtp = SMTP_PROTOCOL.exec(word);
  let encrypted: boolean | null = null;
  if (protocol || HTTPS_PROTOCOL.test(word)) encrypted = true;
  else if (smtp) encrypted = smtp[1] !== '';
  // Microsoft always records version= when the hop was encrypted.
  else if (/^Microsoft SMTP Server\b/i.test(words.join(' '))) encrypted = false;
  return { encrypted, protocol, cipher: encrypted ? cipher : null };
}

function readAuthenticated(clauses: Clauses): boolean {
  const smtp = SMTP_PROTOCOL.exec(clauses.clauses.with?.words[0] ?? '');
  if (smtp?.[2]) return true;
  return clauses.comments.some((c) => /^authenticated\b/i.test(c) || /^Authenticated sender:/i.test(c));
}

// ---------------------------------------------------------------------------------------------
// Fields

/** C0 controls and DEL (a terminal escape in a header must not reach a report or a terminal). */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/g;

const firstWord = (clause: Clause | undefined, max = MAX_NAME) => clause?.words[0]?.slice(0, max) ?? null;

const emptyHop = (index: number, text: string, truncated: boolean): ReceivedHop => ({
  index,
  text,
  truncated,
  from: null,
  by: null,
  with: null,
  via: null,
  id: null,
  for: null,
  tls: { encrypted: null, protocol: null, cipher: null },
  authenticated: false,
  date: null,
  time: null,
});

/** One Received field value (unfolded). `index`: its position, 1 = topmost. Never throws. */
export function parseReceived(value: string, index = 1): ReceivedHop {
  const truncated = value.length > LIMITS.receivedFieldChars;
  // Folding leaves runs of spaces and tabs: one space each, as the field reads.
  const text = value
    .slice(0, LIMITS.receivedFieldChars)
    .replace(/[ \t]+/g, ' ')
    .replace(CONTROL, '\ufffd');
  try {
    const parsed = toClauses(tokenize(text));
    const { clauses } = parsed;
    const withWords = clauses.with?.words ?? [];
    const tlsAt = withWords.findIndex((w, i) => i > 0 && w.toLowerCase() === 'tls');
    return {
      ...emptyHop(index, text, truncated),
      from: clauses.from ? readFrom(clauses.from) : null,
      by: clauses.by ? readBy(clauses.by) : null,
      with: withWords.length
        ? withWords
            .slice(0, tlsAt > 0 ? tlsAt : undefined)
            .join(' ')
            .slice(0, MAX_SOFTWARE)
        : null,
      via: clauses.via?.words.join(' ').slice(0, MAX_SOFTWARE) || null,
      id: firstWord(clauses.id),
      for: firstWord(clauses.for)?.replace(/^<(.*)>$/, '$1') ?? null,
      tls: readTls(parsed),
      authenticated: readAuthenticated(parsed),
      date: parsed.date,
      time: parseReceivedDate(parsed.date),
    };
  } catch {
    // Unreachable by design (every step is total); a parser fault must still not end the report.
    return emptyHop(index, text, truncated);
  }
}

/** The message's Received fields, topmost first, at most LIMITS.maxReceivedFields of them parsed. */
export function receivedChain(message: Pick<ParsedMessage, 'headers'>): ReceivedChain {
  const fields: HeaderField[] = message.headers.filter((f) => f.key === 'received');
  return {
    hops: fields.slice(0, LIMITS.maxReceivedFields).map((f, i) => parseReceived(f.value, i + 1)),
    total: fields.length,
  };
}
