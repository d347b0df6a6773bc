/**
 * Sender ID (RFC 4406/4407): the Purported Responsible Address of the message, checked against the
 * PRA domain's `spf2.0/pra` record (or its `v=spf1` record, which RFC 4406 4.4 allows). The protocol
 * is historic (Microsoft retired it; receivers no longer use it), so it is reported and weighed lightly.
 *
 * mailauth has no Sender ID; its SPF evaluation is reused through a resolver that presents the selected
 * spf2.0 record to it as `v=spf1 ...` (and hides the other SPF records) for every name it evaluates,
 * so include: and redirect= targets get the same record selection.
 */
import type { DnsSession, MailauthResolver } from '../dns/session.js';
import { parseMailboxes } from '../message/parse.js';
import type { HeaderField } from '../message/types.js';
import { normalizeDomain } from '../names/org-domain.js';
import type { SenderIdAuth } from '../report/types.js';
import {
  MAX_PATH_CHARS,
  newSpfRecord,
  recordWithIp,
  runMailauthSpf,
  SPF_VERSION,
  spfIdentityDomain,
  spfRecordsOf,
  txtValue,
  type SpfEvaluation,
} from './spf.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

// --- the PRA (RFC 4407 section 2) ----------------------------------------------------------------------

export type PraOutcome =
  | { ok: true; address: string; domain: string; field: string }
  | { ok: false; field: string | null; value: string | null };

const nonEmpty = (field: HeaderField) => field.value.trim() !== '';

/** Characters of a hostile header value we show when explaining why it has no PRA. */
const SHOWN_VALUE_CHARS = 200;

/**
 * RFC 4407 section 2, step by step:
 * 1. the first non-empty Resent-Sender, unless a non-empty Resent-From comes before it with a Received
 *    or Return-Path field between the two (then that Resent-Sender belongs to an older resending);
 * 2. else the first non-empty Resent-From;
 * 3. else the non-empty Sender fields: exactly one is selected, more than one means no PRA;
 * 4. else the non-empty From fields: exactly one is selected, otherwise no PRA;
 * 5. the selected field must hold exactly one mailbox with a domain, else no PRA (6). An address longer
 *    than an SMTP path may be (RFC 5321 4.5.3.1.3) counts as "hopelessly malformed".
 */
export function purportedResponsibleAddress(headers: readonly HeaderField[]): PraOutcome {
  const selected = selectPraField(headers);
  if (selected === 'multiple-sender') return { ok: false, field: 'Sender', value: null };
  if (selected === 'none-or-multiple-from') return { ok: false, field: 'From', value: null };
  const mailboxes = parseMailboxes(selected.value);
  const address = mailboxes.length === 1 ? mailboxes[0]!.address : '';
  const domain = address.includes('@') ? normalizeDomain(address.slice(address.lastIndexOf('@') + 1)) : '';
  const malformed = address.length > MAX_PATH_CHARS || !address.slice(0, address.lastIndexOf('@'));
  if (malformed || !isDomainName(domain)) {
    return { ok: false, field: selected.name, value: selected.value.trim().slice(0, SHOWN_VALUE_CHARS) };
  }
  return { ok: true, address, domain, field: selected.name };
}

function selectPraField(
  headers: readonly HeaderField[],
): HeaderField | 'multiple-sender' | 'none-or-multiple-from' {
  const resentSenderAt = headers.findIndex((f) => f.key === 'resent-sender' && nonEmpty(f));
  const resentFromAt = headers.findIndex((f) => f.key === 'resent-from' && nonEmpty(f));
  if (resentSenderAt >= 0) {
    const tracedBetween =
      resentFromAt >= 0 &&
      resentFromAt < resentSenderAt &&
      headers
        .slice(resentFromAt + 1, resentSenderAt)
        .some((f) => f.key === 'received' || f.key === 'return-path');
    if (!tracedBetween) return headers[resentSenderAt]!;
  }
  if (resentFromAt >= 0) return headers[resentFromAt]!;
  const senders = headers.filter((f) => f.key === 'sender' && nonEmpty(f));
  if (senders.length > 1) return 'multiple-sender';
  if (senders.length === 1) return senders[0]!;
  const froms = headers.filter((f) => f.key === 'from' && nonEmpty(f));
  return froms.length === 1 ? froms[0]! : 'none-or-multiple-from';
}

/** An A-label domain name with at least two labels (what SPF can evaluate). */
const isDomainName = (domain: string): boolean =>
  /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(
    domain,
  );

// --- record selection (RFC 4406 section 3.4) -------------------------------------------------------------

const SPF2 = /^spf2\.0\/([^ ]*)(?: |$)/i;

/** True for an spf2.0 record whose scope list names "pra" (spf2.0/pra, spf2.0/mfrom,pra, ...). */
export function isPraRecord(text: string): boolean {
  const scopes = SPF2.exec(text)?.[1];
  return !!scopes && scopes.split(',').some((scope) => scope.trim().toLowerCase() === 'pra');
}

export interface RecordSelection {
  scope: SenderIdAuth['scope'];
  /** The record as published (joined character-strings); null when there is none or several. */
  record: string | null;
  /** Several records of the selected kind: permerror (RFC 4406 3.4). */
  multiple: boolean;
}

/** The spf2.0 records with the pra scope when there are any, else the v=spf1 records. */
export function selectSenderIdRecord(txt: readonly string[][]): RecordSelection {
  const texts = txt.map((parts) => parts.join(''));
  const pra = texts.filter(isPraRecord);
  if (pra.length)
    return { scope: 'spf2.0', record: pra.length === 1 ? pra[0]! : null, multiple: pra.length > 1 };
  const spf1 = texts.filter((t) => SPF_VERSION.test(t));
  if (spf1.length)
    return { scope: 'spf1', record: spf1.length === 1 ? spf1[0]! : null, multiple: spf1.length > 1 };
  return { scope: null, record: null, multiple: false };
}

/**
 * The TXT answer as mailauth should see it for Sender ID: the pra-scoped spf2.0 records rewritten to
 * "v=spf1 <terms>" with the v=spf1 records hidden, or (without them) the answer minus spf2.0 records.
 * Other TXT records (explanation texts) pass through.
 */
export function presentForPra(txt: readonly string[][]): string[][] {
  const texts = txt.map((parts) => parts.join(''));
  const hasPra = texts.some(isPraRecord);
  const out: string[][] = [];
  txt.forEach((parts, i) => {
    const text = texts[i]!;
    if (SPF2.test(text)) {
      if (hasPra && isPraRecord(text))
        out.push([text.replace(SPF2, (m) => (m.endsWith(' ') ? 'v=spf1 ' : 'v=spf1'))]);
      return;
    }
    if (hasPra && SPF_VERSION.test(text)) return;
    out.push([...parts]);
  });
  return out;
}

/** Our resolver, with every TXT answer presented as Sender ID selects records. */
const praResolver =
  (dns: DnsSession): MailauthResolver =>
  async (name, type) => {
    const answer = await dns.mailauthResolver(name, type);
    return String(type).toUpperCase() === 'TXT' ? presentForPra(answer as string[][]) : answer;
  };

// --- the check ----------------------------------------------------------------------------------------

export async function checkSenderId(ctx: CheckContext): Promise<CheckOutput<SenderIdAuth>> {
  const ip = ctx.envelope.clientIp;
  const pra = purportedResponsibleAddress(ctx.message.headers);
  if (!pra.ok) {
    return {
      result: { result: 'permerror', pra: null, domain: null, record: null, scope: null },
      findings: [{ id: 'senderId.no-pra', params: { field: pra.field, value: pra.value } }],
    };
  }
  try {
    const mailFromDomain = spfIdentityDomain(ctx.envelope);
    const [selection, evaluation, mailFromHasSpf] = await Promise.all([
      lookupSelection(pra.domain, ctx.dns),
      runMailauthSpf({ ip, sender: pra.address, helo: ctx.envelope.helo, resolver: praResolver(ctx.dns) }),
      mailFromDomain && mailFromDomain !== pra.domain
        ? spfRecordsOf(mailFromDomain, ctx.dns).then((records) => records.length > 0)
        : false,
    ]);
    const auth: SenderIdAuth = {
      result: evaluation.result,
      pra: pra.address,
      domain: pra.domain,
      // The record as published (mailauth saw spf2.0 rewritten), null when several decided nothing.
      record: selection.record,
      scope: selection.scope,
    };
    const finding = senderIdFinding(auth, pra, evaluation, ip, mailFromHasSpf ? mailFromDomain : null);
    return { result: auth, findings: [finding] };
  } catch (err) {
    // Nothing above should throw; if it does, the report still arrives.
    const reason = err instanceof Error ? err.message : String(err);
    return {
      result: { result: 'temperror', pra: pra.address, domain: pra.domain, record: null, scope: null },
      findings: [
        {
          id: 'senderId.error',
          params: { pra: pra.address, domain: pra.domain, result: 'temperror', reason },
        },
      ],
    };
  }
}

/** The one finding, with the values its words need. `spfDomain`: the envelope domain when it has SPF. */
function senderIdFinding(
  auth: SenderIdAuth,
  pra: { address: string; field: string },
  evaluation: SpfEvaluation,
  ip: string,
  spfDomain: string | null,
): Finding {
  const { result, record, scope } = auth;
  const params = {
    pra: pra.address,
    field: pra.field,
    domain: auth.domain,
    ip,
    scope: scope === 'spf2.0' ? 'spf2.0/pra' : scope === 'spf1' ? 'v=spf1' : null,
    record: record ? txtValue(record) : null,
    mechanism: evaluation.mechanism,
  };
  switch (result) {
    case 'pass':
      return { id: 'senderId.pass', params };
    case 'fail':
    case 'softfail':
    case 'neutral':
      return {
        id: result === 'fail' ? 'senderId.fail' : 'senderId.weak',
        params: {
          ...params,
          result,
          suggested: txtValue(record ? recordWithIp(record, ip) : newSpfRecord(ip)),
        },
      };
    case 'none':
      return spfDomain
        ? {
            id: 'senderId.none',
            params: { ...params, mailFromDomain: spfDomain, suggested: newSpfRecord(ip) },
          }
        : { id: 'senderId.not-applicable', params };
    default:
      return { id: 'senderId.error', params: { ...params, result, reason: evaluation.reason } };
  }
}

async function lookupSelection(domain: string, dns: DnsSession): Promise<RecordSelection> {
  try {
    return selectSenderIdRecord(await dns.records(domain, 'TXT'));
  } catch {
    // The evaluation makes the same lookup and turns the failure into its result.
    return { scope: null, record: null, multiple: false };
  }
}
