/**
 * Finds the text a fix asks the sender to publish or paste (DNS records, zone lines, commands), so the
 * page can put each in a box with a copy button. Two sources, in any language:
 *  - the finding's record parameters (`suggested`, `suggestedRecord`), found where the fix quotes them;
 *  - quoted passages ("…", “…”, 「…」) that look like a record: `v=spf1 …`, `name. PTR host.`, `dig …`.
 */
import type { FindingParams } from '../../checks/types.js';

export type FixPart = { text: string } | { record: string };

/** Parameters whose value is a record to publish as it stands. */
const RECORD_PARAMS = ['suggested', 'suggestedRecord', 'policy'] as const;

const QUOTED = /"([^"\n]{3,})"|“([^”\n]{3,})”|「([^」\n]{3,})」/g;

/** A record value (SPF, Sender ID, DKIM key, DMARC), a zone-file line, or a dig command. */
const RECORD_LIKE =
  /(?:^|[\s;])v=(?:spf1|DKIM1|DMARC1)\b|^spf2\.0\/|^\S+\.\s+(?:A|AAAA|PTR|TXT|MX|CNAME)\s+\S|^dig\s/i;

interface Span {
  start: number;
  end: number;
  record: string;
}

function paramSpans(fix: string, params: FindingParams | undefined): Span[] {
  const spans: Span[] = [];
  for (const key of RECORD_PARAMS) {
    const value = params?.[key];
    if (typeof value !== 'string' || value.trim().length < 3) continue;
    const start = fix.indexOf(value);
    if (start >= 0) spans.push({ start, end: start + value.length, record: value });
  }
  return spans;
}

function quotedSpans(fix: string): Span[] {
  const spans: Span[] = [];
  for (const match of fix.matchAll(QUOTED)) {
    const inner = match[1] ?? match[2] ?? match[3] ?? '';
    if (RECORD_LIKE.test(inner.trim())) {
      spans.push({ start: match.index, end: match.index + match[0].length, record: inner.trim() });
    }
  }
  return spans;
}

/** The fix as text and record parts, in order; a fix without records is one text part. */
export function splitFix(fix: string, params?: FindingParams): FixPart[] {
  const spans = [...quotedSpans(fix), ...paramSpans(fix, params)].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const parts: FixPart[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // inside a record already taken
    if (span.start > at) parts.push({ text: fix.slice(at, span.start) });
    parts.push({ record: span.record });
    at = span.end;
  }
  if (at < fix.length) parts.push({ text: fix.slice(at) });
  return parts;
}
