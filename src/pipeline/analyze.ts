/**
 * The one pipeline every entry point calls (CLI analyze, SMTP intake, POST /api/analyze):
 * raw bytes + envelope → parsed message → checks (concurrently, in the order their data allows)
 * → findings → scoring → report. Nothing here renders words except through src/i18n.
 */
import { checkAlignment } from '../checks/alignment.js';
import { checkArc } from '../checks/arc.js';
import { checkDkim } from '../checks/dkim.js';
import { checkDmarc, prefetchDmarc } from '../checks/dmarc.js';
import { checkFormat } from '../checks/format.js';
import { checkHelo } from '../checks/helo.js';
import { checkIprev } from '../checks/iprev.js';
import { checkSenderId } from '../checks/sender-id.js';
import { checkSpf } from '../checks/spf.js';
import { checkTls } from '../checks/tls.js';
import { checkAttachments } from '../checks/attachments.js';
import { checkBlocklists } from '../checks/blocklists.js';
import type { BlocklistZone } from '../blocklists/types.js';
import { DEFAULT_BLOCKLIST_ZONES } from '../blocklists/zones.js';
import { uriZonesOf } from '../checks/links/uri-blocklists.js';
import { checkContent } from '../checks/content.js';
import { checkLinks, type LinkCheckOptions } from '../checks/links.js';
import { checkSpamFilter } from '../checks/spam-filter.js';
import { checkUnsubscribe } from '../checks/unsubscribe.js';
import { extractContent } from '../content/extract.js';
import { builtinFilter, describeBuiltinRule } from '../content/filters/builtin.js';
import type { SpamFilterEngine } from '../content/filters/types.js';
import type { CheckContext, Finding } from '../checks/types.js';
import type { DnsResolver } from '../dns/resolver.js';
import { DnsSession } from '../dns/session.js';
import { LIMITS } from '../limits.js';
import { fieldsNamed, parseMailboxes, parseMessage } from '../message/parse.js';
import type { ParsedMessage } from '../message/types.js';
import { predictGmail } from '../report/gmail.js';
import { senderRequirements } from '../report/requirements.js';
import type { Auth, Envelope, Lang, Report, SpamFilterResult } from '../report/types.js';
import { scoreOf, toCheckResults } from '../scoring/score.js';
import { checkEnvelope, resolveSending, type SendingInput } from './client-ip.js';

export interface EnvelopeInput extends SendingInput {
  /** undefined: not known, take the Return-Path field; '' is the null sender. */
  mailFrom?: string | null;
  rcptTo?: string[];
}

export interface AnalyzeOptions {
  resolver: DnsResolver;
  lang: Lang;
  deadlineMs?: number;
  now?: Date;
  /** The content filter (default: the built-in rules). */
  spamFilter?: SpamFilterEngine;
  /** Link checks; reachability (fetching links) is off unless asked for (the service turns it on). */
  links?: LinkCheckOptions;
  /** The DNS lists (default: the default set of src/blocklists/zones.ts; the operator's with --blocklists). */
  blocklists?: readonly BlocklistZone[];
}

/**
 * The envelope the checks see: MAIL FROM from the Return-Path field when the caller did not know it; the
 * client IP (and HELO, TLS) from the Received fields when the caller gave no IP (throws NoClientIpError).
 */
function resolveEnvelope(input: EnvelopeInput, message: ParsedMessage): Envelope {
  let mailFrom = input.mailFrom ?? null;
  if (input.mailFrom === undefined || input.mailFrom === null) {
    const returnPath = fieldsNamed(message, 'return-path')[0];
    if (returnPath) {
      mailFrom = /^<\s*>$/.test(returnPath.value.trim())
        ? ''
        : (parseMailboxes(returnPath.value)[0]?.address ?? null);
    }
  }
  const { clientIp, helo, tls, clientIpSource } = resolveSending(input, message);
  return { clientIp, helo, mailFrom, rcptTo: input.rcptTo ?? [], tls, clientIpSource };
}

/** A report and the findings it was rendered from (kept, so it can be shown again in another language). */
export interface Analysis {
  report: Report;
  findings: Finding[];
}

export async function analyze(
  raw: Buffer,
  envelopeInput: EnvelopeInput,
  options: AnalyzeOptions,
): Promise<Analysis> {
  return analyzeParsed(await parseMessage(raw), envelopeInput, options);
}

/** analyze() of a message already parsed (inspect reuses the parse and, through it, the decoded content). */
export async function analyzeParsed(
  message: ParsedMessage,
  envelopeInput: EnvelopeInput,
  options: AnalyzeOptions,
): Promise<Analysis> {
  const dns = new DnsSession(options.resolver, options.deadlineMs ?? LIMITS.dnsDeadlineMs);
  try {
    const ctx: CheckContext = {
      message,
      envelope: resolveEnvelope(envelopeInput, message),
      dns,
      now: options.now ?? new Date(),
    };
    return await runChecks(ctx, options);
  } finally {
    dns.close();
  }
}

export async function analyzeMessage(
  raw: Buffer,
  envelopeInput: EnvelopeInput,
  options: AnalyzeOptions,
): Promise<Report> {
  return (await analyze(raw, envelopeInput, options)).report;
}

/** The same report in another language: the words are rendered again from the findings, nothing else changes. */
export function localizeReport({ report, findings }: Analysis, lang: Lang): Report {
  if (report.lang === lang) return report;
  return {
    ...report,
    lang,
    checks: toCheckResults(findings, lang),
    spamFilter: report.spamFilter && localizeFilter(report.spamFilter, lang),
  };
}

/** The built-in rules' descriptions are ours, so they follow the report's language; other engines' are theirs. */
function localizeFilter(result: SpamFilterResult, lang: Lang): SpamFilterResult {
  if (result.engine !== 'builtin') return result;
  return {
    ...result,
    rules: result.rules.map((rule) => ({
      ...rule,
      description: describeBuiltinRule(rule.name, lang) ?? rule.description,
    })),
  };
}

async function runChecks(ctx: CheckContext, options: AnalyzeOptions): Promise<Analysis> {
  const { lang } = options;
  prefetchDmarc(ctx);
  // Every check starts as soon as what it reads is known, and one Promise.all awaits them all (so a
  // failure in one never leaves another's rejection unhandled).
  const spfRun = checkSpf(ctx);
  const senderIdRun = checkSenderId(ctx);
  const dkimRun = checkDkim(ctx);
  const iprevRun = checkIprev(ctx);
  const arcRun = dkimRun.then((dkim) => checkArc(ctx, dkim.arcInput));
  const dmarcRun = Promise.all([spfRun, dkimRun, arcRun]).then(([spf, dkim, arc]) =>
    checkDmarc(ctx, { spf: spf.result, dkim: dkim.result, arc: arc.result }),
  );
  // HELO's own lookups start now; only its PTR comparison waits for iprev.
  const heloRun = checkHelo(
    ctx,
    iprevRun.then((iprev) => iprev.result),
  );
  // The content is decoded once; the filter, the content checks and the link checks share it.
  const contentRun = extractContent(ctx.message);
  const spamFilterRun = contentRun.then((content) =>
    checkSpamFilter(ctx, content, options.spamFilter ?? builtinFilter),
  );
  const blocklistZones = options.blocklists ?? DEFAULT_BLOCKLIST_ZONES;
  const linksRun = contentRun.then((content) =>
    checkLinks(ctx, content, {
      uriZones: uriZonesOf(blocklistZones),
      ...(options.links ?? { reachability: false }),
    }),
  );
  // The IP and sender-domain lists need only the envelope and header fields: asked from t=0 with the rest.
  const blocklistsRun = checkBlocklists(ctx, blocklistZones);
  const [spf, senderId, dkim, arc, iprev, dmarc, helo, content, spamFilter, links, blocklists] =
    await Promise.all([
      spfRun,
      senderIdRun,
      dkimRun,
      arcRun,
      iprevRun,
      dmarcRun,
      heloRun,
      contentRun,
      spamFilterRun,
      linksRun,
      blocklistsRun,
    ]);
  const tls = checkTls(ctx);
  const contentChecks = checkContent(ctx, content);
  const attachments = checkAttachments(ctx, content);
  const unsubscribe = checkUnsubscribe(ctx, content, dmarc.dkim);

  const auth: Auth = {
    spf: spf.result,
    senderId: senderId.result,
    dkim: dmarc.dkim,
    dmarc: dmarc.result,
    arc: arc.result,
    iprev: iprev.result,
  };
  const alignment = checkAlignment(ctx, auth);
  const format = checkFormat(ctx, dmarc.result);

  const findings: Finding[] = [
    checkEnvelope(ctx),
    spf,
    senderId,
    dkim,
    dmarc,
    arc,
    iprev,
    helo,
    tls,
    alignment,
    format,
    spamFilter,
    contentChecks,
    links,
    attachments,
    unsubscribe,
    blocklists,
  ].flatMap((output) => output.findings);
  const checks = toCheckResults(findings, lang);
  const { message, envelope } = ctx;
  const report: Report = {
    schema: 'mailscore.report/1',
    score: scoreOf(checks),
    envelope,
    message: {
      from: message.from[0]?.address || null,
      subject: message.subject,
      messageId: message.messageId,
      size: message.size,
    },
    auth,
    blocklists: blocklists.result,
    spamFilter: spamFilter.result && localizeFilter(spamFilter.result, lang),
    gmail: predictGmail({
      fromDomain: message.from[0]?.domain ?? '',
      spf: auth.spf,
      dkim: auth.dkim,
      tls: envelope.tls,
    }),
    checks,
    requirements: senderRequirements({ auth, findings, unsubscribe: unsubscribe.result }),
    lang,
    generatedAt: ctx.now.toISOString(),
    dns: ctx.dns.stats(),
  };
  return { report, findings };
}
