/**
 * Authentication-Results fields (RFC 8601) read by a small tokenizer, not by regexes:
 *
 *   authserv-id [version] ( ";" "none" / 1*( ";" method[/version] "=" result [reason=value] *(ptype.property=value) ) )
 *
 * with CFWS (blanks and nested comments) allowed between any two tokens and values that are tokens or quoted
 * strings. Real writers bend the grammar: Gmail puts the DMARC policy in a comment ("(p=REJECT sp=REJECT
 * dis=NONE)"), Microsoft writes no authserv-id and adds bare `action=none`; both are read. The field is cut
 * at LIMITS.authResultsFieldChars, at most LIMITS.authResultsPerField results are kept, the scan is linear,
 * and nothing here throws: what cannot be read is skipped up to the next ";".
 */
import { LIMITS } from '../limits.js';

export interface AuthResultEntry {
  /** Lower case: spf, dkim, dmarc, arc, iprev, auth, compauth, ... */
  method: string;
  /** Lower case: pass, fail, softfail, neutral, none, temperror, permerror, policy, ... */
  result: string;
  reason: string | null;
  /** ptype.property (lower case) → value as written: header.d, header.i, header.from, smtp.mailfrom, ... */
  properties: Record<string, string>;
  /** The comments inside this result, as written (Gmail's DMARC policy lives there). */
  comments: string[];
}

export interface ParsedAuthResults {
  /** Lower case, without a trailing dot; '' when the field names none (Microsoft's own fields). */
  authservId: string;
  /** `none` or no result at all. */
  results: AuthResultEntry[];
  /** The field was longer than LIMITS.authResultsFieldChars or had more results than kept. */
  truncated: boolean;
}

/** Comments kept per result, and their length: they are only read for a policy word. */
const MAX_COMMENTS = 4;
const MAX_COMMENT_CHARS = 200;
/** Properties kept per result (real ones have 2-5). */
const MAX_PROPERTIES = 16;
/** Longest value kept (a header.b is 8-12 characters, a header.i an address). */
const MAX_VALUE_CHARS = 512;

const isBlank = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
/** Characters ending a bare value: blanks, comments, the separators of the grammar. */
const VALUE_END = new Set([' ', '\t', '\r', '\n', '(', ')', ';', '"']);
/** Keywords (method, result, ptype, property): letters, digits, '-', '_' (RFC 8601 Keyword, plus '_' seen in the wild). */
const KEYWORD_CHAR = /[A-Za-z0-9_-]/;

/** A cursor over one field; every read moves forward, so each parse is one pass. */
class Cursor {
  pos = 0;
  comments: string[] = [];
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  /** Blanks and comments (nested, with quoted pairs); the comments are kept for the current result. */
  skipCfws(): void {
    while (!this.done) {
      const ch = this.peek();
      if (isBlank(ch)) this.pos++;
      else if (ch === '(') this.readComment();
      else return;
    }
  }

  private readComment(): void {
    const start = this.pos + 1;
    let depth = 0;
    while (!this.done) {
      const ch = this.text[this.pos++]!;
      if (ch === '\\') this.pos++;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) break;
    }
    if (this.comments.length < MAX_COMMENTS) {
      this.comments.push(this.text.slice(start, Math.min(this.pos - 1, start + MAX_COMMENT_CHARS)).trim());
    }
  }

  keyword(): string {
    const start = this.pos;
    while (!this.done && KEYWORD_CHAR.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos).toLowerCase();
  }

  /** A value: a quoted string (quoted pairs undone) or a run of characters up to a blank, comment or ';'. */
  value(): string {
    if (this.peek() === '"') {
      this.pos++;
      let out = '';
      while (!this.done && this.peek() !== '"') {
        let ch = this.text[this.pos++]!;
        if (ch === '\\' && !this.done) ch = this.text[this.pos++]!;
        if (out.length < MAX_VALUE_CHARS) out += ch;
      }
      this.pos++;
      return out;
    }
    const start = this.pos;
    while (!this.done && !VALUE_END.has(this.peek())) this.pos++;
    return this.text.slice(start, Math.min(this.pos, start + MAX_VALUE_CHARS));
  }

  /** Consumes `ch` after optional CFWS; false (nothing consumed but the CFWS) when it is not next. */
  expect(ch: string): boolean {
    this.skipCfws();
    if (this.peek() !== ch) return false;
    this.pos++;
    this.skipCfws();
    return true;
  }

  /** Moves to the next top-level ';' (or the end) after something unreadable. */
  skipToSemicolon(): void {
    while (!this.done && this.peek() !== ';') {
      if (this.peek() === '(') this.skipCfws();
      else if (this.peek() === '"') this.value();
      else this.pos++;
    }
  }
}

/** One resinfo, the cursor just past its ';'; null when it is not `method=result` (or is `none`). */
function readResult(cursor: Cursor): AuthResultEntry | null {
  cursor.comments = [];
  cursor.skipCfws();
  const method = cursor.keyword();
  if (!method) return null;
  if (cursor.expect('/')) cursor.keyword(); // method-version (RFC 8601 2.2), not needed
  if (!cursor.expect('=')) return null;
  const result = cursor.keyword();
  if (!result) return null;
  const entry: AuthResultEntry = { method, result, reason: null, properties: {}, comments: cursor.comments };
  let count = 0;
  for (;;) {
    cursor.skipCfws();
    if (cursor.done || cursor.peek() === ';') break;
    const before = cursor.pos;
    const name = readPropertyName(cursor);
    if (name && cursor.expect('=')) {
      const value = cursor.value();
      if (name === 'reason') entry.reason ??= value;
      else if (count < MAX_PROPERTIES && !(name in entry.properties)) {
        entry.properties[name] = value;
        count++;
      }
    } else {
      cursor.skipToSemicolon();
    }
    if (cursor.pos === before) cursor.pos++; // always move on, whatever the input
  }
  return entry;
}

/** `ptype.property` (CFWS allowed around the dot) or a bare keyword (`reason`, Microsoft's `action`). */
function readPropertyName(cursor: Cursor): string {
  const ptype = cursor.keyword();
  if (!ptype) return '';
  const save = cursor.pos;
  if (cursor.expect('.')) {
    const property = cursor.keyword();
    if (property) return `${ptype}.${property}`;
  }
  cursor.pos = save;
  return ptype;
}

/** The authserv-id (and its version); '' when the field starts with a result instead (Microsoft). */
function readAuthservId(cursor: Cursor): string {
  cursor.skipCfws();
  const start = cursor.pos;
  const id = cursor.value();
  if (id.includes('=')) {
    cursor.pos = start;
    return '';
  }
  cursor.skipCfws();
  if (/\d/.test(cursor.peek())) cursor.keyword(); // authres-version
  return id.toLowerCase().replace(/\.$/, '');
}

/** One field value (unfolded); never throws. */
export function parseAuthResults(value: string): ParsedAuthResults {
  const truncated = value.length > LIMITS.authResultsFieldChars;
  const cursor = new Cursor(truncated ? value.slice(0, LIMITS.authResultsFieldChars) : value);
  const parsed: ParsedAuthResults = { authservId: '', results: [], truncated };
  try {
    parsed.authservId = readAuthservId(cursor);
    // Without an id the first result is not preceded by ';'.
    let first = parsed.authservId === '';
    while (!cursor.done) {
      cursor.skipCfws();
      if (!first) {
        if (cursor.peek() !== ';') cursor.skipToSemicolon();
        if (cursor.done) break;
        cursor.pos++;
      }
      first = false;
      if (parsed.results.length >= LIMITS.authResultsPerField) {
        parsed.truncated = true;
        break;
      }
      const entry = readResult(cursor);
      if (entry) parsed.results.push(entry); // `none` reads as no entry
    }
  } catch {
    // A parser bug must not take the inspection down: what was read so far stands.
  }
  return parsed;
}
