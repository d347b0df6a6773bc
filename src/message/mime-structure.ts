/**
 * A structural check of the MIME tree (RFC 2045/2046), independent of the decoder: mailparser is
 * lenient and silently drops what it cannot place (a multipart whose boundary never appears decodes
 * to an empty message), so we walk the raw lines once ourselves to say what is broken and where.
 *
 * One linear pass over the lines, with a bounded amount of work per line and bounded lists, so
 * hostile input costs linear time and constant extra memory.
 */
import { LIMITS } from '../limits.js';
import type { MimeStructure } from './types.js';

export const MAX_MIME_DEPTH = LIMITS.maxMimeDepth;
export const MAX_MIME_PARTS = LIMITS.maxMimeParts;
/** Entries kept per problem list: enough to point the sender at the fault, bounded for hostile input. */
const MAX_LISTED_PROBLEMS = 10;
/** Bytes searched for the colon of a part's header field: "Content-Transfer-Encoding" and some space. */
const MAX_NAME_SEARCH = 64;
/** Bytes of one Content-Type / Content-Transfer-Encoding field we keep (real ones are < 200 bytes). */
const MAX_FIELD_CAPTURE = 8 * 1024;

const DELIMITER_LINE = Buffer.from('\n--');
const CONTENT_TYPE = 'content-type';

const BASE64_ALPHABET = (() => {
  const table = new Uint8Array(256);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=')
    table[c.charCodeAt(0)] = 1;
  return table;
})();

interface Frame {
  /** The boundary's bytes as latin1 text (the key in OpenBoundaries). */
  boundary: string;
  label: string;
  path: string;
  children: number;
  seen: boolean;
}

interface PartHeader {
  contentType: string;
  encoding: string;
  /** Which captured field a continuation line belongs to. */
  capturing: 'contentType' | 'encoding' | null;
}

interface Base64Leaf {
  label: string;
  symbols: number;
  invalid: boolean;
}

const EMPTY_HEADER = (): PartHeader => ({ contentType: '', encoding: '', capturing: null });

/** "multipart/alternative" from a Content-Type value (lower case, parameters dropped). */
function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The boundary parameter of a Content-Type value (quoted or token), null when absent or empty. */
function boundaryOf(contentType: string): string | null {
  const match = /(?:^|;)\s*boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/i.exec(contentType);
  const value = match ? (match[1] ?? match[2] ?? '') : '';
  return value ? value.replace(/\\(.)/g, '$1') : null;
}

const pushBounded = (list: string[], entry: string) => {
  if (list.length < MAX_LISTED_PROBLEMS && !list.includes(entry)) list.push(entry);
};

/**
 * The open multiparts by boundary (its bytes as latin1 text), so that a line starting with "--" is
 * matched in one lookup instead of one comparison per open boundary: 50 nested boundaries and 30 MB
 * of near-miss lines took 5 s compared one by one.
 */
class OpenBoundaries {
  private readonly stacks = new Map<string, number[]>();
  private longest = 0;

  add(boundary: string, index: number): void {
    const indexes = this.stacks.get(boundary);
    if (indexes) indexes.push(index);
    else this.stacks.set(boundary, [index]);
    this.longest = Math.max(this.longest, boundary.length);
  }

  remove(boundary: string): void {
    const indexes = this.stacks.get(boundary);
    indexes?.pop();
    if (indexes && !indexes.length) this.stacks.delete(boundary);
  }

  /** The innermost open multipart this line delimits ('open': --b, 'close': --b--), transport padding allowed. */
  match(raw: Buffer, start: number, end: number): { index: number; kind: 'open' | 'close' } | null {
    while (end > start + 2 && (raw[end - 1] === 0x20 || raw[end - 1] === 0x09)) end--;
    const length = end - start - 2;
    if (length <= 0 || length > this.longest + 2) return null;
    const text = raw.toString('latin1', start + 2, end);
    const open = this.stacks.get(text)?.at(-1) ?? -1;
    const close = text.endsWith('--') ? (this.stacks.get(text.slice(0, -2))?.at(-1) ?? -1) : -1;
    if (open < 0 && close < 0) return null;
    return open > close ? { index: open, kind: 'open' } : { index: close, kind: 'close' };
  }
}

/**
 * Walks the MIME tree of a whole message (header section included) and reports structural faults:
 * multiparts without a boundary, boundaries that never appear or are never closed, base64 data that
 * is not base64, nesting deeper than MAX_MIME_DEPTH.
 */
export function scanMimeStructure(raw: Buffer): MimeStructure {
  const result: MimeStructure = {
    parts: 0,
    depth: 0,
    tooDeep: false,
    truncated: false,
    noBoundary: [],
    boundaryNeverSeen: [],
    unterminated: [],
    badBase64: [],
    leafTypes: [],
  };
  const stack: Frame[] = [];
  const open = new OpenBoundaries();
  const pop = (): Frame => {
    const frame = stack.pop()!;
    open.remove(frame.boundary);
    return frame;
  };
  // The walk's state, changed by the helpers below (cast so the compiler does not narrow it here).
  let mode = 'header' as 'header' | 'body';
  let header = EMPTY_HEADER();
  let path = '';
  let leaf = null as Base64Leaf | null;

  const finishLeaf = () => {
    if (leaf && (leaf.invalid || leaf.symbols % 4 !== 0)) pushBounded(result.badBase64, leaf.label);
    leaf = null;
  };

  const endHeader = () => {
    const type = mediaTypeOf(header.contentType) || 'text/plain';
    const label = path ? `${path} ${type}` : type;
    mode = 'body';
    if (type.startsWith('multipart/')) {
      const boundary = boundaryOf(header.contentType);
      if (!boundary) {
        pushBounded(result.noBoundary, label);
      } else if (stack.length >= MAX_MIME_DEPTH) {
        result.tooDeep = true;
      } else {
        const key = Buffer.from(boundary, 'utf8').toString('latin1');
        open.add(key, stack.length);
        stack.push({
          boundary: key,
          label: `${label}; boundary="${boundary}"`,
          path,
          children: 0,
          seen: false,
        });
        result.depth = Math.max(result.depth, stack.length);
        return;
      }
    }
    pushBounded(result.leafTypes, type);
    if (header.encoding.trim().toLowerCase() === 'base64') leaf = { label, symbols: 0, invalid: false };
  };

  /** A delimiter line of an open multipart (the innermost it matches); frames inside it end here, unclosed. */
  const onDelimiter = (lineStart: number, lineEnd: number): boolean => {
    const match = open.match(raw, lineStart, lineEnd);
    if (!match) return false;
    const frame = stack[match.index]!;
    finishLeaf();
    while (stack.length > match.index + 1) reportUnclosed(pop());
    frame.seen = true;
    if (match.kind === 'close') {
      pop();
      mode = 'body';
      return true;
    }
    frame.children++;
    result.parts++;
    path = frame.path ? `${frame.path}.${frame.children}` : String(frame.children);
    mode = 'header';
    header = EMPTY_HEADER();
    return true;
  };

  const reportUnclosed = (frame: Frame) =>
    pushBounded(frame.seen ? result.unterminated : result.boundaryNeverSeen, frame.label);

  const onHeaderLine = (lineStart: number, lineEnd: number) => {
    const first = raw[lineStart];
    if (first === 0x20 || first === 0x09) {
      const field = header.capturing;
      // Nothing more is copied once the capture is full: 7 million continuation lines took 4 s.
      const room = field ? MAX_FIELD_CAPTURE - header[field].length : 0;
      if (field && room > 0)
        header[field] += raw.toString('latin1', lineStart, Math.min(lineEnd, lineStart + room));
      return;
    }
    header.capturing = null;
    // Only the start of the line is searched: the two names we want are short, and an unbounded
    // search per line would be quadratic on colon-less input.
    const searchEnd = Math.min(lineEnd, lineStart + MAX_NAME_SEARCH);
    let colon = lineStart;
    while (colon < searchEnd && raw[colon] !== 0x3a) colon++;
    // Shorter names cannot be "content-type" (12) or "content-transfer-encoding": no string is made for them.
    if (colon === searchEnd || colon - lineStart < CONTENT_TYPE.length) return;
    const name = raw.toString('latin1', lineStart, colon).trim().toLowerCase();
    const field =
      name === CONTENT_TYPE ? 'contentType' : name === 'content-transfer-encoding' ? 'encoding' : null;
    // The first instance wins, as in mailparser.
    if (!field || header[field]) return;
    header[field] = raw.toString('latin1', colon + 1, Math.min(lineEnd, colon + 1 + MAX_FIELD_CAPTURE));
    header.capturing = field;
  };

  const onBase64Line = (base64: Base64Leaf, lineStart: number, lineEnd: number) => {
    for (let i = lineStart; i < lineEnd; i++) {
      const byte = raw[i]!;
      if (BASE64_ALPHABET[byte]) base64.symbols++;
      else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) base64.invalid = true;
    }
  };

  let pos = 0;
  while (pos <= raw.length) {
    if (mode === 'body' && !leaf && !(raw[pos] === 0x2d && raw[pos + 1] === 0x2d)) {
      // Outside base64 data only delimiter lines matter: jump to the next line starting with "--".
      const next = stack.length ? raw.indexOf(DELIMITER_LINE, pos) : -1;
      if (next < 0) break;
      pos = next + 1;
      continue;
    }
    let nl = raw.indexOf(0x0a, pos);
    if (nl < 0) nl = raw.length;
    let lineEnd = nl;
    if (lineEnd > pos && raw[lineEnd - 1] === 0x0d) lineEnd--;
    if (mode === 'header') {
      if (lineEnd === pos) endHeader();
      else onHeaderLine(pos, lineEnd);
    } else if (!(stack.length && raw[pos] === 0x2d && raw[pos + 1] === 0x2d && onDelimiter(pos, lineEnd))) {
      if (leaf) onBase64Line(leaf, pos, lineEnd);
    }
    if (result.parts > MAX_MIME_PARTS) {
      result.truncated = true;
      break;
    }
    pos = nl + 1;
  }
  if (mode === 'header' && !result.truncated) endHeader();
  finishLeaf();
  if (!result.truncated) while (stack.length) reportUnclosed(pop());
  return result;
}

/** True when the structure scan found a fault worth telling the sender about. */
export const hasStructuralFault = (s: MimeStructure): boolean =>
  s.tooDeep ||
  s.noBoundary.length > 0 ||
  s.boundaryNeverSeen.length > 0 ||
  s.unterminated.length > 0 ||
  s.badBase64.length > 0;
