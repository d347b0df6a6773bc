/**
 * Test addresses as both the API and the pages see them: creating one (with the daily limit) and the
 * view of one (status, report in a language, earlier messages). One place, so pages and API never diverge.
 */
import { isIP } from 'node:net';
import { isLang } from '../i18n/index.js';
import { localizeReport } from '../pipeline/analyze.js';
import type { Lang, Report } from '../report/types.js';
import type { MessageRecord, MessageStatus, TestRecord } from '../store/types.js';
import { isRandomId, randomId } from './ids.js';
import type { ServiceContext } from './types.js';

/** The contract's statuses of a test. */
export type TestStatus = 'waiting' | 'analyzing' | 'done' | 'expired';

/** Progress as the live page shows it (the SSE states): `received` is a stored message not yet analyzed. */
export type TestProgress = 'waiting' | 'received' | 'analyzing' | 'done' | 'expired';

export interface MessageListItem {
  id: string;
  receivedAt: string;
  status: MessageStatus;
  /** The report's score when the analysis is done, else null. */
  score: number | null;
}

export interface TestView {
  id: string;
  address: string;
  status: TestStatus;
  /** The shown message's report in the requested language; null until it is analyzed (or when it failed). */
  report: Report | null;
  /** Extra fields (the contract only adds): */
  progress: TestProgress;
  createdAt: string;
  expiresAt: string;
  /** The message whose report is shown (the newest unless one was asked for), null without mail. */
  messageId: string | null;
  /** True when the shown message could not be analyzed (an internal error, logged for the operator). */
  failed: boolean;
  /** Every message sent to the address, newest first. */
  messages: MessageListItem[];
  /** The human page of this test. */
  reportUrl: string;
}

export type CreateTestResult =
  { ok: true; test: TestRecord } | { ok: false; reason: 'daily-limit'; limit: number };

/** Start of the UTC day `now` falls in: the daily limit counts from there. */
export const startOfUtcDay = (now: Date): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/**
 * Whom the daily limit counts: an IPv4 address, or the /64 of an IPv6 address (one host or home gets a
 * whole /64 and can pick any address in it, so counting single IPv6 addresses would be no limit at all).
 */
export function rateLimitKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  return `${ipv6Groups(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, as lower-case hex without leading zeros. */
function ipv6Groups(ip: string): string[] {
  let text = ip.toLowerCase().split('%')[0]!;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === null ? headGroups : [...headGroups, ...Array(missing).fill('0'), ...tailGroups];
  return groups.map((group: string) => parseInt(group, 16).toString(16));
}

/** A new test address for `clientIp`, unless it already made `config.dailyTests` today (UTC). */
export async function createTestFor(ctx: ServiceContext, clientIp: string): Promise<CreateTestResult> {
  const now = ctx.now();
  const localPart = randomId();
  const test = await ctx.store.createTest(
    {
      id: randomId(),
      localPart,
      address: `${localPart}@${ctx.config.domain}`,
      creatorIp: rateLimitKey(clientIp),
      createdAt: now,
      expiresAt: new Date(now.getTime() + ctx.config.testTtlHours * 3_600_000),
    },
    { dailyLimit: ctx.config.dailyTests, since: startOfUtcDay(now) },
  );
  if (!test) {
    ctx.metrics.rateLimited.inc();
    return { ok: false, reason: 'daily-limit', limit: ctx.config.dailyTests };
  }
  ctx.metrics.testsCreated.inc();
  return { ok: true, test };
}

/**
 * Message ids come from the store; whatever their shape, an id in a URL is only ever looked up when it is
 * short and plain (letters, digits, '-', '_'), so a hostile value never reaches a query or a log as is.
 */
export const isMessageId = (value: string): boolean => /^[A-Za-z0-9_-]{1,64}$/.test(value);

/** The live state of a test: from its newest message, else from its expiry. */
export function progressOf(test: TestRecord, newest: MessageRecord | undefined, now: Date): TestProgress {
  if (!newest) return now.getTime() >= test.expiresAt.getTime() ? 'expired' : 'waiting';
  switch (newest.status) {
    case 'queued':
      return 'received';
    case 'analyzing':
      return 'analyzing';
    case 'done':
    case 'failed':
      return 'done';
  }
}

const statusOf = (progress: TestProgress): TestStatus => (progress === 'received' ? 'analyzing' : progress);

export interface TestViewOptions {
  /** Show this message's report instead of the newest one (it must belong to the test). */
  messageId?: string | null;
  /** Base URL of the pages for `reportUrl` (default: config.publicUrl, else a path without host). */
  baseUrl?: string | null;
}

/** A test as the API returns it and the page shows it; null for an unknown (or malformed) id. */
export async function testView(
  ctx: ServiceContext,
  id: string,
  lang: Lang,
  options: TestViewOptions = {},
): Promise<TestView | null> {
  if (!isRandomId(id)) return null;
  const test = await ctx.store.getTest(id);
  if (!test) return null;
  const messages = await ctx.store.listMessages(test.id);
  let shown: MessageRecord | undefined = messages[0];
  if (options.messageId != null) {
    shown = messages.find((m) => m.id === options.messageId);
    if (!shown) return null;
  }
  const progress = progressOf(test, shown, ctx.now());
  const base = (options.baseUrl ?? ctx.config.publicUrl ?? '').replace(/\/+$/, '');
  return {
    id: test.id,
    address: test.address,
    status: statusOf(progress),
    report: shown?.status === 'done' && shown.analysis ? localizeReport(shown.analysis, lang) : null,
    progress,
    createdAt: test.createdAt.toISOString(),
    expiresAt: test.expiresAt.toISOString(),
    messageId: shown?.id ?? null,
    failed: shown?.status === 'failed',
    messages: messages.map((m) => ({
      id: m.id,
      receivedAt: m.receivedAt.toISOString(),
      status: m.status,
      score: m.status === 'done' && m.analysis ? m.analysis.report.score : null,
    })),
    reportUrl: `${base}/tests/${test.id}`,
  };
}

/** Bound on the Accept-Language entries looked at (a hostile header can list thousands). */
const MAX_LANGUAGE_RANGES = 20;

/**
 * The language from `?lang=` (en or ja; anything else is an error the caller reports), else the best
 * supported Accept-Language range by q-value (RFC 9110 12.5.4), else English.
 */
export function pickLang(
  query: string | undefined,
  acceptLanguage: string | undefined,
): { lang: Lang } | { error: string } {
  if (query !== undefined) {
    const value = query.trim().toLowerCase();
    return isLang(value) ? { lang: value } : { error: 'lang must be en or ja' };
  }
  return { lang: langFromAcceptLanguage(acceptLanguage) ?? 'en' };
}

export function langFromAcceptLanguage(header: string | undefined): Lang | null {
  if (!header) return null;
  let best: { lang: Lang; q: number } | null = null;
  for (const range of header.split(',').slice(0, MAX_LANGUAGE_RANGES)) {
    const [tag = '', ...params] = range.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0]!;
    if (!isLang(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? null;
}
