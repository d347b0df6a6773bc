/**
 * Inspecting a received message, start to end: unwrap a forward-as-attachment, run the usual pipeline on
 * the message (its own checks, re-verified now, links never fetched), then the four parts (authenticity,
 * hops, sender, danger) concurrently on one InspectContext, then the verdict (src/inspect/verdict.ts).
 *
 * The envelope. A received message has no SMTP session for us to see: the sending IP is the first external
 * hop of its Received fields (src/pipeline/client-ip.ts). A message saved from a mail program may have none
 * that qualifies; it is still inspected, with a documented placeholder address (PLACEHOLDER_IP, RFC 5737
 * TEST-NET-1, which no real server sends from) and the checks that depend on the sending server dropped, so
 * only the recorded Authentication-Results and DKIM (which needs no IP) speak for the sender. The finding
 * inspect.no-external-hop says so.
 */
import type { Finding } from '../checks/types.js';
import { extractContent } from '../content/extract.js';
import type { ContentAttachment } from '../content/types.js';
import type { DnsResolver } from '../dns/resolver.js';
import { DnsSession } from '../dns/session.js';
import { LIMITS } from '../limits.js';
import { parseMessage } from '../message/parse.js';
import type { ParsedMessage } from '../message/types.js';
import { analyzeParsed, type Analysis } from '../pipeline/analyze.js';
import { NoClientIpError, type TrustedRelay } from '../pipeline/client-ip.js';
import type { Lang, Report } from '../report/types.js';
import type { BlocklistZone } from '../blocklists/types.js';
import { DEFAULT_BLOCKLIST_ZONES } from '../blocklists/zones.js';
import type { Area } from '../scoring/deductions.js';
import { scoreOf, toCheckResults } from '../scoring/score.js';
import { inspectAuthenticity } from './authenticity.js';
import { inspectDanger } from './danger.js';
import { inspectHops } from './hops.js';
import { inspectSender } from './sender.js';
import type {
  AuthenticityData,
  DangerData,
  HopData,
  InspectContext,
  InspectPart,
  SenderData,
} from './types.js';
import { judge } from './verdict.js';

/** RFC 5737 TEST-NET-1: the envelope's address when no Received field names the sending server. */
export const PLACEHOLDER_IP = '192.0.2.0';

export interface InspectOptions {
  resolver: DnsResolver;
  lang: Lang;
  /** authserv-ids the user trusts (any case); the well-known providers' are trusted by the authenticity part. */
  trust?: readonly string[];
  trustedRelays?: readonly TrustedRelay[];
  blocklists?: readonly BlocklistZone[];
  deadlineMs?: number;
  now?: Date;
  /** The upload was kept (the caller stores it; the report only says so). */
  kept?: boolean;
}

/** The report (with its `inspection` block) and every finding behind it, for rendering in another language. */
export interface InspectAnalysis extends Analysis {
  /** The part findings and the orchestrator's own (inspect.*), apart from the report's checks. */
  inspectFindings: Finding[];
}

/** The checks whose answer depends on the sending server's address: meaningless with the placeholder. */
const SENDING_SERVER_AREAS: ReadonlySet<Area> = new Set<Area>([
  'envelope',
  'spf',
  'senderId',
  'iprev',
  'helo',
  'tls',
  'alignment',
  'blocklists',
]);

export async function inspectMessage(raw: Buffer, options: InspectOptions): Promise<InspectAnalysis> {
  const { message, unwrappedFrom } = await unwrapForwarded(await parseMessage(raw));
  const now = options.now ?? new Date();
  const analyzeOptions = {
    resolver: options.resolver,
    lang: options.lang,
    now,
    links: { reachability: false },
    ...(options.deadlineMs !== undefined && { deadlineMs: options.deadlineMs }),
    ...(options.blocklists && { blocklists: options.blocklists }),
  };
  const own: Finding[] = [];
  if (unwrappedFrom) own.push({ id: 'inspect.unwrapped', params: { name: unwrappedFrom } });
  let analysis: Analysis;
  try {
    analysis = await analyzeParsed(message, { trustedRelays: options.trustedRelays ?? [] }, analyzeOptions);
  } catch (err) {
    if (!(err instanceof NoClientIpError)) throw err;
    // The IP lists would only be asked about the placeholder: the domain lists (From, links) still are.
    const zones = (options.blocklists ?? DEFAULT_BLOCKLIST_ZONES).filter((zone) => zone.kind !== 'ip');
    const placeholder = await analyzeParsed(
      message,
      { clientIp: PLACEHOLDER_IP, tls: null },
      { ...analyzeOptions, blocklists: zones },
    );
    analysis = withoutSendingServer(placeholder, options.lang);
    own.push({ id: 'inspect.no-external-hop', params: { received: err.received } });
  }

  const dns = new DnsSession(options.resolver, options.deadlineMs ?? LIMITS.dnsDeadlineMs);
  try {
    const ctx: InspectContext = {
      message,
      content: await extractContent(message),
      report: analysis.report,
      dns,
      now,
      trust: (options.trust ?? []).map((id) => id.trim().toLowerCase()).filter(Boolean),
    };
    const [authenticity, hops, sender, danger] = await Promise.all([
      safely(() => inspectAuthenticity(ctx), EMPTY_AUTHENTICITY),
      safely(() => inspectHops(ctx), EMPTY_HOPS),
      safely(() => inspectSender(ctx), EMPTY_SENDER),
      safely(() => inspectDanger(ctx), EMPTY_DANGER),
    ]);
    const inspectFindings = [
      ...own,
      ...authenticity.findings,
      ...hops.findings,
      ...sender.findings,
      ...danger.findings,
    ];
    const judged = judge({
      inspectFindings,
      reportFindings: analysis.findings,
      report: analysis.report,
      authenticity: authenticity.data,
      danger: danger.data,
      lang: options.lang,
    });
    const report: Report = {
      ...analysis.report,
      inspection: {
        verdict: judged.verdict,
        reasons: judged.reasons,
        advice: judged.advice,
        authenticity: authenticity.data,
        hops: hops.data,
        sender: sender.data,
        danger: danger.data,
        unwrapped: unwrappedFrom !== null,
        kept: options.kept ?? false,
      },
    };
    return { report, findings: analysis.findings, inspectFindings };
  } finally {
    dns.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Forwarded as an attachment

/** An attached message: message/rfc822, or a .eml file under whatever type the mail program gave it. */
const isAttachedMessage = (attachment: ContentAttachment): boolean =>
  attachment.contentType.toLowerCase() === 'message/rfc822' || /\.eml$/i.test(attachment.filename ?? '');

/**
 * The attached message when it is the upload's only real content: one attached message, no other file, at
 * most a short note beside it, all of it decoded. Anything else is judged as it is (a message that carries an
 * .eml among other things is itself what the recipient received).
 */
export function forwardedOriginal(
  content: Awaited<ReturnType<typeof extractContent>>,
): ContentAttachment | null {
  if (content.truncated || content.attachments.length !== 1) return null;
  const [attachment] = content.attachments;
  if (!attachment || !isAttachedMessage(attachment) || attachment.data.length === 0) return null;
  const note = (content.text ?? '').trim();
  return note.length <= LIMITS.inspectForwardNoteChars ? attachment : null;
}

/** Unwraps forwards of forwards up to LIMITS.inspectUnwrapDepth; says the outermost attachment's name. */
async function unwrapForwarded(
  outer: ParsedMessage,
): Promise<{ message: ParsedMessage; unwrappedFrom: string | null }> {
  let message = outer;
  let unwrappedFrom: string | null = null;
  for (let depth = 0; depth < LIMITS.inspectUnwrapDepth; depth++) {
    const attached = forwardedOriginal(await extractContent(message));
    if (!attached) break;
    const inner = await parseMessage(attached.data).catch(() => null);
    // Not a message after all (no header fields): judge what was uploaded.
    if (!inner || inner.headers.length === 0) break;
    unwrappedFrom ??= displayName(attached);
    message = inner;
  }
  return { message, unwrappedFrom };
}

/** The name shown for an attachment: its file name (control characters removed, bounded) or its type. */
const displayName = (attachment: ContentAttachment): string =>
  (attachment.filename ?? attachment.contentType)
    .replace(/[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]/g, '')
    .slice(0, 200);

// ---------------------------------------------------------------------------------------------
// No external hop

/** The placeholder analysis without the checks that judged the placeholder address instead of a server. */
function withoutSendingServer(analysis: Analysis, lang: Lang): Analysis {
  const findings = analysis.findings.filter((finding) => {
    const area = finding.id.slice(0, finding.id.indexOf('.')) as Area;
    // DMARC judged SPF for the placeholder: only a pass (through aligned DKIM) still means something.
    if (area === 'dmarc') return finding.id === 'dmarc.pass';
    return !SENDING_SERVER_AREAS.has(area);
  });
  const checks = toCheckResults(findings, lang);
  return {
    findings,
    report: {
      ...analysis.report,
      score: scoreOf(checks),
      checks,
      blocklists: [],
      envelope: { ...analysis.report.envelope, helo: null, tls: null },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Parts never throw out of the inspection

const EMPTY_AUTHENTICITY: AuthenticityData = { trusted: null, headers: [], arc: null, brokenSince: [] };
const EMPTY_HOPS: HopData = { hops: [], firstExternal: null, delays: [] };
const EMPTY_SENDER: SenderData = {
  fromDomain: null,
  displayName: null,
  lookalikes: [],
  replyToDomains: [],
  returnPathDomain: null,
};
const EMPTY_DANGER: DangerData = {
  attachments: 0,
  dangerousAttachments: 0,
  links: 0,
  deceptiveLinks: 0,
  pressureWords: [],
};

/** A part that fails judges nothing (its data empty) rather than failing the whole inspection. */
async function safely<T>(
  run: () => InspectPart<T> | Promise<InspectPart<T>>,
  empty: T,
): Promise<InspectPart<T>> {
  try {
    return await run();
  } catch {
    return { data: empty, findings: [] };
  }
}
