/**
 * What in the message is dangerous: attachments (executables, double extensions, RTL override, macros,
 * archives holding those, encrypted archives with the password in the body, HTML attachments with forms),
 * links (text naming another domain, shorteners, IP hosts, credential forms, DBL/SURBL/URIBL listings;
 * never fetched), and words of pressure in Japanese and English.
 *
 * The report's own attachment and link checks already judge files and links; they are not judged again
 * here. Their check ids carry their own rows in src/scoring/inspection.ts, so the orchestrator takes them
 * from report.checks as reasons; this part counts them for the summary and adds only what they do not
 * cover: the password written next to an encrypted archive (PPAP), forms asking for a password, and
 * words of pressure. Nothing is fetched: a link's target is never looked at.
 */
import type { Finding } from '../checks/types.js';
import { HTML_EXTENSIONS } from '../content/file-types.js';
import type { ContentAttachment } from '../content/types.js';
import { MAX_PRESSURE_SHOWN, PRESSURE_TEXT_CHARS, pressurePhrases } from './pressure.js';
import { lookalikesOf, recipientDomains } from './sender.js';
import type { DangerData, InspectContext, InspectPart } from './types.js';

/** The report's attachment checks that speak of a dangerous file (the rest say "none" or "not all read"). */
export const DANGEROUS_ATTACHMENT_CHECKS: ReadonlySet<string> = new Set([
  'attachments.executable',
  'attachments.disguised',
  'attachments.double-extension',
  'attachments.rtl-override',
  'attachments.macro',
  'attachments.encrypted',
  'attachments.html-form',
]);
/** The report's link checks that speak of a deceptive or listed link. */
export const DECEPTIVE_LINK_CHECKS: ReadonlySet<string> = new Set([
  'links.text-mismatch',
  'links.userinfo',
  'links.lookalike',
  'links.ip-host',
  'links.shortener',
  'links.uribl-listed',
  'links.uribl-minor',
]);

/** Bytes of one HTML attachment, and of the HTML body, searched for a password field. */
const HTML_SCAN_BYTES = 1024 * 1024;
/** HTML attachments looked into (the attachment check bounds the count too). */
const MAX_HTML_FILES = 20;
const MAX_LISTED = 5;
/** Distinct link domains compared with the brands and the recipient's domain (each costs a table walk). */
const MAX_LINK_DOMAINS = 50;
const NAME_CHARS = 120;
/** A password field: what a credential-phishing page asks the reader to fill in. */
const PASSWORD_INPUT = /<input\b[^>]{0,500}?\btype\s*=\s*["']?password\b/i;
/**
 * "パスワード：Xy7#kq2" / "Password: Xy7#kq2": the word, a separator, then a token of printable ASCII.
 * Without a separator ("password will follow") nothing is taken.
 */
const PASSWORD_LINE =
  /(解凍パスワード|パスワード|パスコード|password|passcode|pass word|pwd?)\s{0,3}(?:は|:|=|】|\])\s{0,3}[「『"'(]?([\x21-\x7e]{4,64})/gi;
/** Words that follow "password:" in ordinary prose, not a password. */
const NOT_A_PASSWORD = new Set([
  'will',
  'sent',
  'separately',
  'reset',
  'required',
  'protected',
  'none',
  'below',
  'follows',
]);
const MAX_PASSWORD_MATCHES = 50;

const count = (ids: readonly string[], kinds: ReadonlySet<string>): number =>
  ids.filter((id) => kinds.has(id)).length;

/** The text a reader sees: subject, plain text, HTML text (bounded). */
function readerText(ctx: InspectContext): string {
  const parts = [ctx.message.subject ?? '', ctx.content.text ?? '', ctx.content.htmlText ?? ''];
  let text = '';
  for (const part of parts) {
    if (text.length >= PRESSURE_TEXT_CHARS) break;
    text += `${part.slice(0, PRESSURE_TEXT_CHARS - text.length)}\n`;
  }
  return text;
}

/** The password word the body writes before a token, or null: the PPAP pattern when an encrypted archive is attached. */
export function passwordWordIn(text: string): string | null {
  const folded = text.normalize('NFKC');
  let matches = 0;
  for (const match of folded.matchAll(PASSWORD_LINE)) {
    if (++matches > MAX_PASSWORD_MATCHES) break;
    const token = (match[2] ?? '').replace(/["'」』)]+$/, '');
    if (token.length >= 4 && !NOT_A_PASSWORD.has(token.toLowerCase())) return match[1] ?? null;
  }
  return null;
}

const isHtmlFile = (file: ContentAttachment): boolean => {
  const extension = file.filename?.toLowerCase().split('.').pop() ?? '';
  return !file.inline && (HTML_EXTENSIONS.has(extension) || /^text\/html\b/i.test(file.contentType));
};

/** Where a form asks for a password: in the HTML body, and in which HTML attachments. */
function credentialForms(ctx: InspectContext): { body: boolean; files: string[] } {
  const body = ctx.content.html !== null && PASSWORD_INPUT.test(ctx.content.html.slice(0, HTML_SCAN_BYTES));
  const files: string[] = [];
  for (const file of ctx.content.attachments.filter(isHtmlFile).slice(0, MAX_HTML_FILES)) {
    const html = file.data.subarray(0, HTML_SCAN_BYTES).toString('latin1');
    if (PASSWORD_INPUT.test(html)) files.push((file.filename ?? file.contentType).slice(0, NAME_CHARS));
    if (files.length >= MAX_LISTED) break;
  }
  return { body, files };
}

/**
 * Links to a domain one letter off, or made of look-alike characters of, a brand's or the recipient's own
 * (amaz0n-login.example): the report's link check judges IDN homographs (links.lookalike), not these.
 * Only the first imitation is worded; the count says how many link domains imitate something.
 */
function lookalikeLinks(ctx: InspectContext): Finding[] {
  const domains = [...new Set(ctx.content.links.map((link) => link.domain).filter(Boolean))].slice(
    0,
    MAX_LINK_DOMAINS,
  );
  if (domains.length === 0) return [];
  const recipients = recipientDomains(ctx);
  const found = domains.flatMap((domain) => lookalikesOf(domain, recipients).slice(0, 1));
  const [first] = found;
  if (!first) return [];
  return [
    {
      id: 'inspect.lookalike-link',
      params: { domain: first.domain, imitates: first.imitates, how: first.how, count: found.length },
    },
  ];
}

function dangerParts(ctx: InspectContext): InspectPart<DangerData> {
  const checkIds = ctx.report.checks.map((check) => check.id);
  const text = readerText(ctx);
  const found = pressurePhrases(text);
  const findings: Finding[] = [];

  const password = checkIds.includes('attachments.encrypted') ? passwordWordIn(text) : null;
  if (password) findings.push({ id: 'inspect.password-in-body', params: { word: password } });

  const forms = credentialForms(ctx);
  if (forms.body || forms.files.length > 0) {
    const where = forms.body ? (forms.files.length > 0 ? 'both' : 'body') : 'attachment';
    findings.push({ id: 'inspect.credential-form', params: { where, files: forms.files } });
  }

  findings.push(...lookalikeLinks(ctx));

  const bankChange = found.filter((f) => f.kind === 'bank-change').map((f) => f.phrase);
  if (bankChange.length > 0)
    findings.push({
      id: 'inspect.bank-change',
      params: { phrases: bankChange.slice(0, MAX_PRESSURE_SHOWN) },
    });
  // A payment word alone is an ordinary invoice; pressure is urgency, a threat to the account, a credential or gift cards.
  const pressure = found.filter((f) => f.kind !== 'bank-change');
  if (pressure.some((f) => f.kind !== 'payment'))
    findings.push({
      id: 'inspect.pressure-words',
      params: { phrases: pressure.map((f) => f.phrase).slice(0, MAX_PRESSURE_SHOWN) },
    });

  return {
    data: {
      attachments: ctx.content.attachments.filter((file) => !file.inline).length,
      dangerousAttachments: count(checkIds, DANGEROUS_ATTACHMENT_CHECKS),
      links: ctx.content.links.length,
      deceptiveLinks: count(checkIds, DECEPTIVE_LINK_CHECKS),
      pressureWords: found.map((f) => f.phrase).slice(0, MAX_PRESSURE_SHOWN),
    },
    findings,
  };
}

export function inspectDanger(ctx: InspectContext): InspectPart<DangerData> {
  try {
    return dangerParts(ctx);
  } catch {
    // A part never throws: what cannot be read here is still judged by the report's own checks.
    return {
      data: { attachments: 0, dangerousAttachments: 0, links: 0, deceptiveLinks: 0, pressureWords: [] },
      findings: [],
    };
  }
}
