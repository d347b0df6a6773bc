/**
 * BIMI (Brand Indicators for Message Identification, BIMI Group / draft-brand-indicators-for-message-identification):
 * the `default._bimi` record (the organizational domain's when the domain has none), the logo fetched and
 * checked against the SVG Tiny PS basics, the authority evidence (a= VMC / CMC: Gmail and Apple show a logo
 * only with one), and whether DMARC is strong enough for any receiver to show the logo.
 */
import type { Finding } from '../checks/types.js';
import { errorCode } from '../dns/types.js';
import { LIMITS } from '../limits.js';
import { organizationalDomain } from '../names/org-domain.js';
import { svgTinyPsProblems } from './bimi-svg.js';
import { fetchableUrl, fetchHttps } from './https-fetch.js';
import {
  parseTags,
  recordsWithVersion,
  shownRecord,
  tagValue,
  txtRecords,
  type TxtLookup,
} from './txt-records.js';
import type { AuditContext, AuditSection, BimiData, DmarcAuditData } from './types.js';

const RECORD_VERSION = 'v=BIMI1';

export type BimiRecord =
  | { declined: true }
  | { declined: false; logoUrl: string; authorityUrl: string | null }
  | { error: 'syntax' | 'logo-url' | 'authority-url' };

/** "v=BIMI1; l=<https SVG>; a=<https PEM>"; l= and a= both empty is a declination (the domain opts out). */
export function parseBimiRecord(record: string): BimiRecord {
  const tags = parseTags(record);
  if (!tags || `${tags[0]?.name}=${tags[0]?.value}` !== RECORD_VERSION) return { error: 'syntax' };
  const logo = tagValue(tags, 'l')?.trim() ?? '';
  const authority = tagValue(tags, 'a')?.trim() ?? '';
  if (logo === '' && authority === '') return { declined: true };
  // Early drafts allowed several comma-separated logos; receivers now take exactly one URL.
  const logoUrl = logo.includes(',') ? null : fetchableUrl(logo);
  if (!logoUrl) return { error: 'logo-url' };
  if (authority !== '' && !fetchableUrl(authority)) return { error: 'authority-url' };
  return { declined: false, logoUrl: logoUrl.href, authorityUrl: authority === '' ? null : authority };
}

// ---- DMARC strong enough ----

type Policy = 'none' | 'quarantine' | 'reject';

/** Tags of a DMARC record, names lower-case (as published otherwise). */
const dmarcTags = (record: string): Record<string, string> => {
  const tags: Record<string, string> = {};
  for (const tag of parseTags(record) ?? []) {
    const name = tag.name.toLowerCase();
    if (!(name in tags)) tags[name] = tag.value;
  }
  return tags;
};

const asPolicy = (value: string | undefined): Policy | null =>
  value === 'none' || value === 'quarantine' || value === 'reject' ? value : null;

const lowerKeys = (tags: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(tags).map(([name, value]) => [name.toLowerCase(), value.trim()]));

/** The organizational domain's own DMARC tags, asked directly (null when it has no single valid record). */
async function organizationTags(ctx: AuditContext, org: string): Promise<Record<string, string> | null> {
  const txt = await txtRecords(ctx.dns, `_dmarc.${org}`);
  if ('error' in txt) return null;
  const records = txt.records.filter((record) => /^v=DMARC1[ \t]*(?:;|$)/i.test(record));
  return records.length === 1 ? dmarcTags(records[0]!) : null;
}

/**
 * Why a logo would not be shown for DMARC's sake, coded, or null when DMARC is strong enough: the policy that
 * applies to the domain is quarantine or reject, for all mail (no pct below 100, no t=y), and the organizational
 * domain's record enforces too, with no sp=none (BIMI Group's receiver requirements).
 */
export async function dmarcProblem(ctx: AuditContext, dmarc: DmarcAuditData | null): Promise<string | null> {
  if (!dmarc) return 'dmarc-unknown';
  if (!dmarc.record || !dmarc.foundAt) return 'no-dmarc';
  const tags = Object.keys(dmarc.tags).length ? lowerKeys(dmarc.tags) : dmarcTags(dmarc.record);
  const own = dmarc.foundAt === ctx.domain;
  const applied = own ? asPolicy(tags.p) : (asPolicy(tags.sp) ?? asPolicy(tags.p));
  const policy = applied ?? dmarc.policy;
  if (policy !== 'quarantine' && policy !== 'reject') return 'policy-none';
  if (tags.pct !== undefined && tags.pct !== '100') return 'pct';
  if (tags.t?.toLowerCase() === 'y') return 'testing';
  const org = organizationalDomain(ctx.domain) || ctx.domain;
  const orgTags = dmarc.foundAt === org ? tags : await organizationTags(ctx, org);
  if (!orgTags) return 'org-no-dmarc';
  const orgPolicy = asPolicy(orgTags.p);
  if (orgPolicy !== 'quarantine' && orgPolicy !== 'reject') return 'org-policy-none';
  if (asPolicy(orgTags.sp) === 'none') return 'org-sp-none';
  return null;
}

// ---- the section ----

/** The record that applies: the domain's, else the organizational domain's (BIMI's fallback). */
async function findRecord(
  ctx: AuditContext,
): Promise<{ lookup: TxtLookup; foundAt: string; records: string[] }> {
  const org = organizationalDomain(ctx.domain) || ctx.domain;
  const names = org === ctx.domain ? [ctx.domain] : [ctx.domain, org];
  const lookups = await Promise.all(names.map((name) => txtRecords(ctx.dns, `default._bimi.${name}`)));
  for (let i = 0; i < names.length; i++) {
    const lookup = lookups[i]!;
    const records = 'error' in lookup ? [] : recordsWithVersion(lookup.records, RECORD_VERSION);
    // A failed lookup at the domain itself decides nothing: the fallback must not hide it.
    if ('error' in lookup || records.length) return { lookup, foundAt: names[i]!, records };
  }
  return { lookup: { records: [] }, foundAt: ctx.domain, records: [] };
}

const recordLine = (domain: string): string =>
  `default._bimi.${domain}. TXT "v=BIMI1; l=https://${domain}/bimi/logo.svg; a=https://${domain}/bimi/vmc.pem"`;

interface LogoCheck {
  svgOk: boolean | null;
  svgProblems: string[];
  svgError: string | null;
  /** The fetch failure's detail (status, certificate code, address), for the words. */
  detail: string | null;
}

async function checkLogo(ctx: AuditContext, logoUrl: string): Promise<LogoCheck> {
  const fetched = await fetchHttps(ctx.dns, new URL(logoUrl), {
    maxBytes: LIMITS.bimiSvgBytes,
    options: ctx.options.fetch,
  });
  if (!fetched.ok) {
    if (fetched.error === 'too-large')
      return { svgOk: false, svgProblems: ['too-large'], svgError: null, detail: null };
    const svgOk = fetched.error === 'disabled' ? null : false;
    return { svgOk, svgProblems: [], svgError: fetched.error, detail: fetched.detail };
  }
  const problems = svgTinyPsProblems(fetched.body.toString('utf8'));
  return { svgOk: problems.length === 0, svgProblems: problems, svgError: null, detail: null };
}

export async function auditBimi(
  ctx: AuditContext,
  dmarc: Promise<AuditSection<DmarcAuditData>>,
): Promise<AuditSection<BimiData>> {
  const { domain } = ctx;
  const data: BimiData = {
    record: null,
    logoUrl: null,
    authorityUrl: null,
    svgOk: null,
    svgProblems: [],
    dmarcEligible: false,
    foundAt: null,
    error: null,
    svgError: null,
    dmarcProblem: null,
  };
  const findings: Finding[] = [];
  // The record, the logo and DMARC's answer proceed at once; DMARC is awaited last.
  const dmarcData = dmarc.then(
    (section) => section.data,
    () => null,
  );
  const problemOfDmarc = dmarcData.then((d) => dmarcProblem(ctx, d));
  const finish = async (...more: Finding[]): Promise<AuditSection<BimiData>> => {
    data.dmarcProblem = await problemOfDmarc.catch(() => 'dmarc-unknown');
    data.dmarcEligible = data.dmarcProblem === null;
    findings.push(...more);
    return { data, findings };
  };
  try {
    const found = await findRecord(ctx);
    if ('error' in found.lookup) {
      data.error = found.lookup.error;
      return finish({ id: 'bimi.error', params: { domain, code: data.error } });
    }
    const suggested = recordLine(domain);
    if (found.records.length === 0) {
      const section = await finish();
      findings.push({
        id: 'bimi.none',
        params: { domain, suggested, dmarcReason: data.dmarcProblem ?? 'ok' },
      });
      return section;
    }
    data.foundAt = found.foundAt;
    data.record = shownRecord(found.records[0]!);
    if (found.records.length > 1) {
      data.error = 'multiple';
      const records = found.records.map(shownRecord);
      return finish({
        id: 'bimi.record-multiple',
        params: { domain: found.foundAt, count: found.records.length, records, suggested },
      });
    }
    const parsed = parseBimiRecord(found.records[0]!);
    if ('error' in parsed) {
      data.error = parsed.error;
      return finish({
        id: 'bimi.record-syntax',
        params: { domain: found.foundAt, record: data.record, reason: parsed.error, suggested },
      });
    }
    if (parsed.declined) {
      return finish({ id: 'bimi.declined', params: { domain: found.foundAt, record: data.record } });
    }
    data.logoUrl = parsed.logoUrl;
    data.authorityUrl = parsed.authorityUrl;
    const logo = await checkLogo(ctx, parsed.logoUrl);
    data.svgOk = logo.svgOk;
    data.svgProblems = logo.svgProblems;
    data.svgError = logo.svgError;
    await finish(...logoFindings(data, logo.detail));
    if (data.dmarcProblem) {
      const dmarcRecord = await dmarcData.then((d) => d?.record ?? null);
      findings.push({
        id: 'bimi.dmarc-weak',
        params: {
          domain,
          reason: data.dmarcProblem,
          record: dmarcRecord,
          org: organizationalDomain(domain) || domain,
        },
      });
    }
    if (data.svgOk === true && data.dmarcEligible && data.authorityUrl) {
      findings.push({
        id: 'bimi.pass',
        params: { domain, logoUrl: data.logoUrl, authorityUrl: data.authorityUrl },
      });
    } else if (!data.authorityUrl) {
      findings.push({ id: 'bimi.no-authority', params: { domain, logoUrl: data.logoUrl } });
    }
  } catch (err) {
    data.error = errorCode(err);
    findings.push({ id: 'bimi.error', params: { domain, code: data.error } });
  }
  return { data, findings };
}

function logoFindings(data: BimiData, detail: string | null): Finding[] {
  const url = data.logoUrl;
  if (data.svgError === 'disabled') return [{ id: 'bimi.svg-not-checked', params: { url } }];
  if (data.svgError) return [{ id: 'bimi.svg-unreachable', params: { url, reason: data.svgError, detail } }];
  if (data.svgProblems.length) {
    return [
      {
        id: 'bimi.svg-invalid',
        params: {
          url,
          reason: data.svgProblems[0]!,
          problems: data.svgProblems,
          maxBytes: LIMITS.bimiSvgBytes,
        },
      },
    ];
  }
  return [];
}
