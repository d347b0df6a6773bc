/**
 * Format: what RFC 5322 (and RFC 2045 for MIME) requires of a message, and what Gmail's sender
 * guidelines ask beyond it. Reads the parsed message only, plus the DMARC result for free-mail From
 * addresses. Pure and synchronous: every input was bounded by the parser.
 */
import { LIMITS } from '../limits.js';
import { MAX_MIME_DEPTH, hasStructuralFault } from '../message/mime-structure.js';
import { fieldsNamed } from '../message/parse.js';
import type { Mailbox, ParsedMessage } from '../message/types.js';
import { domainOf, normalizeDomain } from '../names/org-domain.js';
import type { DmarcAuth } from '../report/types.js';
import { CHECK_RULES } from '../scoring/deductions.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

/** A Date up to this far ahead of our clock is clock skew between hosts, not a fault. */
const DATE_FUTURE_SKEW_MS = 15 * 60 * 1000;
/** A Date older than this is "years past": a broken clock, a replayed message or a spam trait. */
const DATE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;
/** Gmail clips a message whose HTML is over about 102 KB ("[Message clipped] View entire message"). */
const GMAIL_CLIP_BYTES = 102 * 1024;
/** Size worth mentioning: many receivers cap at 10-25 MB (Gmail 25 MB, counted after encoding). */
const LARGE_MESSAGE_BYTES = 10 * 1024 * 1024;
/** Gmail's limit on a received message, counted on the encoded message (what we measure). */
const GMAIL_MAX_MB = 25;
/** Longest header value we copy into a finding (a hostile field may be a megabyte). */
const MAX_SHOWN_CHARS = 200;
/** Most entries we copy into a list param. */
const MAX_SHOWN_ITEMS = 10;
/** Longer values cannot be what they claim (a date-time is < 40 chars, an address < 320): rejected unread. */
const MAX_DATE_CHARS = 200;
const MAX_ADDRESS_CHARS = 320;
const MAX_MESSAGE_ID_CHARS = 998;

/** RFC 5322 3.6: fields that may appear at most once (From is checked on its own, as from-repeated). */
const SINGLE_INSTANCE_FIELDS = [
  'Date',
  'Sender',
  'Reply-To',
  'To',
  'Cc',
  'Bcc',
  'Message-ID',
  'In-Reply-To',
  'References',
  'Subject',
] as const;

/**
 * Free-mail domains whose owners publish an enforcing DMARC policy, so mail claiming them is rejected
 * or junked unless it really left the provider's servers. Only domains with a public, dated
 * announcement are listed (the DMARC check reads the live record too; this list names the provider):
 * - gmail.com, googlemail.com: Google's sender guidelines (2024): "Gmail is starting to use a DMARC
 *   quarantine enforcement policy" — do not impersonate Gmail From headers.
 * - yahoo.com (April 2014), aol.com (April 2014), ymail.com and rocketmail.com (November 2015): p=reject.
 * - icloud.com, me.com, mac.com: p=quarantine since July 2018 (Apple's iCloud Mail postmaster page).
 * Microsoft's consumer domains (outlook.com, hotmail.com) are left out: they have published p=none.
 */
const FREEMAIL_DMARC: Readonly<Record<string, { provider: string; policy: 'reject' | 'quarantine' }>> = {
  'gmail.com': { provider: 'Gmail', policy: 'quarantine' },
  'googlemail.com': { provider: 'Gmail', policy: 'quarantine' },
  'yahoo.com': { provider: 'Yahoo Mail', policy: 'reject' },
  'ymail.com': { provider: 'Yahoo Mail', policy: 'reject' },
  'rocketmail.com': { provider: 'Yahoo Mail', policy: 'reject' },
  'aol.com': { provider: 'AOL Mail', policy: 'reject' },
  'icloud.com': { provider: 'iCloud Mail', policy: 'quarantine' },
  'me.com': { provider: 'iCloud Mail', policy: 'quarantine' },
  'mac.com': { provider: 'iCloud Mail', policy: 'quarantine' },
};

const clip = (value: string): string =>
  value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}…` : value;

// ---------------------------------------------------------------------------------------------
// Addresses (RFC 5322 3.4.1 addr-spec; RFC 6532 allows UTF-8 in the local part)

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uffff]";
const DOT_ATOM = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`);
const QUOTED_STRING = /^"(?:[^"\\\r\n]|\\.)*"$/;
const LDH_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A domain name a receiver can look up: two or more LDH labels (IDNs as A-labels), not all-numeric TLD. */
function isValidMailDomain(domain: string): boolean {
  if (!domain || domain.startsWith('[')) return false;
  const ascii = normalizeDomain(domain);
  if (!ascii || ascii.length > 253) return false;
  const labels = ascii.split('.');
  return labels.length >= 2 && labels.every((l) => LDH_LABEL.test(l)) && !/^\d+$/.test(labels.at(-1)!);
}

/** local@domain with a dot-atom or quoted local part and a resolvable-looking domain. */
export function isValidAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.length > MAX_ADDRESS_CHARS) return false;
  const local = address.slice(0, at);
  return (DOT_ATOM.test(local) || QUOTED_STRING.test(local)) && isValidMailDomain(address.slice(at + 1));
}

// ---------------------------------------------------------------------------------------------
// Date (RFC 5322 3.3, with the obsolete forms of 4.3)

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Obsolete zone names (RFC 5322 4.3), in minutes east of UTC. Military letters count as -0000. */
const NAMED_ZONES: Record<string, number> = {
  ut: 0,
  gmt: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};
const DATE_TIME =
  /^(?:([a-z]{3})\s*,\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{2,4})\s+(\d{2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?\s+([+-]\d{4}|[a-z]{1,3})$/i;

export interface ParsedDate {
  /** Milliseconds since the epoch. */
  time: number;
  /** The weekday written in the field (e.g. "Mon"), null when absent. */
  statedWeekday: string | null;
  /** The weekday of the date as written (in its own zone). */
  actualWeekday: string;
}

const zoneMinutes = (zone: string): number | null => {
  if (/^[+-]\d{4}$/.test(zone)) {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(3, 5));
    if (minutes > 59) return null;
    return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const lower = zone.toLowerCase();
  if (Object.hasOwn(NAMED_ZONES, lower)) return NAMED_ZONES[lower]!;
  return /^[a-ik-z]$/.test(lower) ? 0 : null;
};

const fullYear = (digits: string): number => {
  const year = Number(digits);
  if (digits.length === 4) return year;
  if (digits.length === 3) return 1900 + year;
  return year < 50 ? 2000 + year : 1900 + year;
};

/** Parses an RFC 5322 date-time (obsolete forms included); null when it is not one or names an impossible time. */
export function parseRfc5322Date(value: string): ParsedDate | null {
  // Bounded first: the comment pattern below backtracks on long hostile values.
  if (value.length > MAX_DATE_CHARS) return null;
  // Comments at the end, like "(UTC)" or "(JST)", are CFWS and carry no meaning.
  const text = value
    .replace(/(?:\s*\([^()]*\))+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [, weekday, dayText, monthText, yearText, hourText, minuteText, secondText, zoneText] = match;
  const month = MONTHS.indexOf(monthText!.toLowerCase());
  const year = fullYear(yearText!);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText ?? '0');
  const zone = zoneMinutes(zoneText!);
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (month < 0 || year < 1900 || zone === null) return null;
  if (day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) return null;
  const statedWeekday = weekday ? DAY_NAMES.find((d) => d.toLowerCase() === weekday.toLowerCase()) : null;
  if (statedWeekday === undefined) return null;
  const actualWeekday = DAY_NAMES[new Date(Date.UTC(year, month, day)).getUTCDay()]!;
  // A leap second (":60") is read as :59; the minute's precision is all a Date check needs.
  const time = Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) - zone * 60_000;
  return { time, statedWeekday, actualWeekday };
}

// ---------------------------------------------------------------------------------------------
// Message-ID (RFC 5322 3.6.4: "<" id-left "@" id-right ">")

const DOT_ATOM_ASCII = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*";
const MSG_ID = new RegExp(
  `^<(?:${DOT_ATOM_ASCII}|"(?:[^"\\\\\\r\\n]|\\\\.)*")@(?:${DOT_ATOM_ASCII}|\\[[\\x21-\\x5a\\x5e-\\x7e]*\\])>$`,
);

export const isValidMessageId = (value: string): boolean =>
  value.length <= MAX_MESSAGE_ID_CHARS && MSG_ID.test(value.trim());

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A time as an RFC 5322 date-time in UTC, e.g. "Tue, 01 Jul 2025 09:30:00 +0000". */
export function formatRfc5322Date(time: number): string {
  const d = new Date(time);
  const month = MONTHS[d.getUTCMonth()]!;
  const monthName = month[0]!.toUpperCase() + month.slice(1);
  const clock = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${DAY_NAMES[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${monthName} ${d.getUTCFullYear()} ${clock} +0000`;
}

// ---------------------------------------------------------------------------------------------
// The check

/** The sender's own domain (From, else MAIL FROM) for the examples in the fixes; example.com when there is none. */
function exampleDomain(ctx: CheckContext): string {
  const fromDomain = ctx.message.from.map((m) => m.domain).find(isValidMailDomain);
  return fromDomain || domainOf(ctx.envelope.mailFrom) || 'example.com';
}

function fromFindings(message: ParsedMessage, domain: string): Finding[] {
  const fields = fieldsNamed(message, 'from');
  const values = fields.map((f) => clip(f.value));
  if (fields.length > 1) {
    return [
      {
        id: 'format.from-repeated',
        params: { count: fields.length, values: values.slice(0, MAX_SHOWN_ITEMS), domain },
      },
    ];
  }
  const boxes: Mailbox[] = message.from;
  if (fields.length === 1 && boxes.length === 1 && isValidAddress(boxes[0]!.address)) return [];
  const addresses = boxes.map((b) => b.address).filter(Boolean);
  const problem = !fields.length
    ? 'missing'
    : boxes.length > 1
      ? 'multiple'
      : addresses.length
        ? 'invalid'
        : 'no-address';
  const params = {
    problem,
    value: values[0] ?? null,
    count: boxes.length,
    addresses: addresses.slice(0, MAX_SHOWN_ITEMS).map(clip),
    domain,
  };
  return [{ id: 'format.from-invalid', params }];
}

function dateFindings(message: ParsedMessage, now: Date): Finding[] {
  const field = fieldsNamed(message, 'date')[0];
  if (!field) return [{ id: 'format.no-date', params: { example: formatRfc5322Date(now.getTime()) } }];
  const value = clip(field.value);
  const parsed = parseRfc5322Date(field.value);
  if (!parsed || (parsed.statedWeekday && parsed.statedWeekday !== parsed.actualWeekday)) {
    // The example is their own date written correctly when it could be read, else the current time.
    const example = formatRfc5322Date(parsed?.time ?? now.getTime());
    const problem = parsed ? 'weekday' : 'syntax';
    return [
      { id: 'format.bad-date', params: { problem, value, weekday: parsed?.actualWeekday ?? null, example } },
    ];
  }
  const example = formatRfc5322Date(now.getTime());
  const params = { value, parsed: new Date(parsed.time).toISOString(), now: now.toISOString(), example };
  const ahead = parsed.time - now.getTime();
  if (ahead > DATE_FUTURE_SKEW_MS) {
    return [{ id: 'format.date-future', params: { ...params, hours: Math.round(ahead / 360_000) / 10 } }];
  }
  if (-ahead > DATE_MAX_AGE_MS) {
    return [{ id: 'format.date-old', params: { ...params, days: Math.floor(-ahead / 86_400_000) } }];
  }
  return [];
}

function messageIdFindings(message: ParsedMessage, domain: string): Finding[] {
  const field = fieldsNamed(message, 'message-id')[0];
  if (!field) return [{ id: 'format.no-message-id', params: { domain } }];
  if (!isValidMessageId(field.value)) {
    return [{ id: 'format.bad-message-id', params: { value: clip(field.value), domain } }];
  }
  return [];
}

function subjectFindings(message: ParsedMessage): Finding[] {
  const field = fieldsNamed(message, 'subject')[0];
  if (field && field.value.trim() && (message.subject ?? field.value).trim()) return [];
  return [{ id: 'format.no-subject', params: { present: Boolean(field) } }];
}

function mimeVersionFindings(message: ParsedMessage): Finding[] {
  if (fieldsNamed(message, 'mime-version').length) return [];
  const mimeField = message.headers.find(
    (f) => f.key === 'content-type' || f.key === 'content-transfer-encoding',
  );
  return mimeField ? [{ id: 'format.no-mime-version', params: { field: mimeField.name } }] : [];
}

function repeatedFindings(message: ParsedMessage): Finding[] {
  const counts = SINGLE_INSTANCE_FIELDS.map((name) => [name, fieldsNamed(message, name).length] as const);
  const repeated = counts.filter(([, count]) => count > 1);
  if (!repeated.length) return [];
  return [
    {
      id: 'format.repeated-header',
      params: {
        fields: repeated.map(([name, count]) => `${name} ×${count}`),
        names: repeated.map(([name]) => name),
      },
    },
  ];
}

function eightBitFindings(message: ParsedMessage): Finding[] {
  const names = [...new Set(message.headers.filter((f) => f.eightBit).map((f) => f.name))];
  if (!names.length) return [];
  const count = message.headers.filter((f) => f.eightBit).length;
  return [{ id: 'format.eight-bit-header', params: { fields: names.slice(0, MAX_SHOWN_ITEMS), count } }];
}

function lineFindings(message: ParsedMessage): Finding[] {
  const first = message.firstLongLine;
  if (!first) return [];
  const params = {
    count: message.longLines,
    line: first.line,
    length: first.length,
    longest: message.longestLine,
    inHeader: first.offset < message.bodyOffset,
  };
  return [{ id: 'format.long-line', params }];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

function bodyFindings(message: ParsedMessage): Finding[] {
  const { mime } = message;
  const findings: Finding[] = [];
  if (mime.parsed && mime.hasHtmlPart && !mime.hasTextPart) findings.push({ id: 'format.html-only' });
  if (mime.parsed && mime.htmlBytes > GMAIL_CLIP_BYTES) {
    findings.push({
      id: 'format.html-clipped',
      params: { sizeKb: kb(mime.htmlBytes), limitKb: kb(GMAIL_CLIP_BYTES) },
    });
  }
  const { structure } = mime;
  const decoderError = mime.error && mime.error !== 'too-large' ? clip(mime.error) : null;
  if (decoderError || hasStructuralFault(structure)) {
    findings.push({
      id: 'format.mime-broken',
      params: {
        error: decoderError,
        noBoundary: structure.noBoundary,
        boundaryNeverSeen: structure.boundaryNeverSeen,
        unterminated: structure.unterminated,
        badBase64: structure.badBase64,
        depth: structure.tooDeep ? `${MAX_MIME_DEPTH}+` : structure.depth,
        maxDepth: MAX_MIME_DEPTH,
      },
    });
  }
  if (message.size > LARGE_MESSAGE_BYTES) {
    findings.push({
      id: 'format.large',
      params: { sizeMb: mb(message.size), limitMb: GMAIL_MAX_MB, decoded: mime.error !== 'too-large' },
    });
  }
  return findings;
}

function headerCountFindings(message: ParsedMessage): Finding[] {
  if (message.headerFieldCount <= LIMITS.maxHeaderFields && !message.headerTruncated) return [];
  const count = message.headerTruncated ? `${message.headerFieldCount}+` : message.headerFieldCount;
  const params = {
    count,
    limit: LIMITS.maxHeaderFields,
    headerKb: kb(message.headerBytes),
    limitKb: kb(LIMITS.maxHeaderBytes),
  };
  return [{ id: 'format.too-many-headers', params }];
}

function freemailFindings(message: ParsedMessage, dmarc: DmarcAuth): Finding[] {
  const domain = message.from[0]?.domain ?? '';
  const known = Object.hasOwn(FREEMAIL_DMARC, domain) ? FREEMAIL_DMARC[domain] : undefined;
  // A transient DNS failure says nothing about the message; the DMARC row reports it.
  if (!known || dmarc.result === 'pass' || dmarc.result === 'temperror') return [];
  return [
    {
      id: 'format.freemail-from',
      // The provider's stance, not the live record: Gmail enforces quarantine on gmail.com itself.
      params: { domain, provider: known.provider, policy: known.policy, dmarc: dmarc.result },
    },
  ];
}

export function checkFormat(ctx: CheckContext, dmarc: DmarcAuth): CheckOutput<null> {
  const { message } = ctx;
  const domain = exampleDomain(ctx);
  const findings: Finding[] = [
    ...freemailFindings(message, dmarc),
    ...fromFindings(message, domain),
    ...dateFindings(message, ctx.now),
    ...messageIdFindings(message, domain),
    ...subjectFindings(message),
    ...mimeVersionFindings(message),
    ...repeatedFindings(message),
    ...eightBitFindings(message),
    ...lineFindings(message),
    ...headerCountFindings(message),
    ...bodyFindings(message),
  ];
  // Informational rows (size) are not faults: the format still passes.
  if (findings.every((f) => CHECK_RULES[f.id].status === 'info')) findings.unshift({ id: 'format.pass' });
  return { result: null, findings };
}
