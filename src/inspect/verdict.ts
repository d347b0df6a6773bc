/**
 * The verdict of an inspection: genuine / suspicious / dangerous, the reasons heaviest first, and what the
 * recipient should do next. Severities and weights come from src/scoring/inspection.ts alone, the words from
 * the catalogs (checkText for reasons, uiText for advice).
 *
 * The rule, strictest first:
 *   - any reason of severity `danger` (a program in an attachment, a listed link, ...): dangerous;
 *   - any `warning` (a display-name spoof, a link pointing elsewhere than it says, DMARC failing, ...): suspicious;
 *   - nothing against it and something confirms the sender (an `ok` reason): genuine;
 *   - nothing against it and nothing for it: suspicious, with inspect.unconfirmed — looks are all a forger
 *     needs, so a message nothing vouches for is never called genuine.
 * Authentication: when the authenticity part trusted a receiver's Authentication-Results, that record speaks
 * for the sender and the message's own authentication checks (re-run now, after transit) do not add reasons;
 * without one, our re-verification does (DMARC passing confirms the sender: inspect.sender-confirmed).
 */
import type { Finding } from '../checks/types.js';
import { checkText, uiText } from '../i18n/index.js';
import type { UiKey } from '../i18n/en/ui.js';
import { LIMITS } from '../limits.js';
import type { Lang, Report } from '../report/types.js';
import type { CheckId } from '../scoring/deductions.js';
import { INSPECTION_RULES, inspectionSeverity, type InspectionRule } from '../scoring/inspection.js';
import type {
  AuthenticityData,
  DangerData,
  InspectionReason,
  InspectionSeverity,
  InspectionVerdict,
} from './types.js';

export interface JudgeInput {
  /** Findings of the inspection's parts and of the orchestrator (inspect.*). */
  inspectFindings: Finding[];
  /** Findings of the message's own checks (the report's). */
  reportFindings: Finding[];
  report: Report;
  authenticity: AuthenticityData;
  danger: DangerData;
  lang: Lang;
}

export interface Judgement {
  verdict: InspectionVerdict;
  reasons: InspectionReason[];
  advice: string[];
  /** The findings behind the reasons, heaviest first (for rendering again in another language). */
  findings: Finding[];
}

/** The message's own checks that speak to who sent it: left to a trusted receiver's record when there is one. */
const AUTH_AREAS: ReadonlySet<string> = new Set([
  'spf',
  'senderId',
  'dkim',
  'dmarc',
  'arc',
  'iprev',
  'alignment',
]);

const SEVERITY_RANK: Record<InspectionSeverity, number> = { danger: 0, warning: 1, ok: 2, info: 3 };

const ruleOf = (id: CheckId): InspectionRule | undefined =>
  (INSPECTION_RULES as Partial<Record<CheckId, InspectionRule>>)[id];

const areaOf = (id: string): string => id.slice(0, id.indexOf('.'));

/** A counted finding's severity (its rule may raise it under an enforcing DMARC policy). */
const severityOf = (finding: Finding): InspectionSeverity | undefined => {
  const rule = ruleOf(finding.id);
  return rule && inspectionSeverity(rule, finding.params);
};

/** The findings that count towards the verdict: one per id (the first), with a row in the table. */
export function weighedFindings(
  input: Pick<JudgeInput, 'inspectFindings' | 'reportFindings' | 'authenticity'>,
): Finding[] {
  const trustedRecord = input.authenticity.trusted !== null;
  const fromReport = input.reportFindings.filter(
    (finding) => !(trustedRecord && AUTH_AREAS.has(areaOf(finding.id))),
  );
  const seen = new Set<string>();
  return [...input.inspectFindings, ...fromReport].filter(
    (finding) => ruleOf(finding.id) !== undefined && !seen.has(finding.id) && Boolean(seen.add(finding.id)),
  );
}

/** Heaviest first: by severity (danger, warning, ok, info), then weight; ties keep their order. */
export function byWeight(findings: Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, rule: ruleOf(finding.id)!, severity: severityOf(finding)!, index }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        b.rule.weight - a.rule.weight ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}

export function verdictOf(findings: Finding[]): InspectionVerdict {
  const severities = new Set(findings.map(severityOf));
  if (severities.has('danger')) return 'dangerous';
  if (severities.has('warning')) return 'suspicious';
  return severities.has('ok') ? 'genuine' : 'suspicious';
}

/** Whether DMARC passed: in the trusted receiver's record when there is one, else in our re-verification. */
function dmarcPassed(report: Report, authenticity: AuthenticityData): boolean {
  if (authenticity.trusted) {
    return authenticity.trusted.results.some(
      (r) => r.method.toLowerCase() === 'dmarc' && r.result.toLowerCase() === 'pass',
    );
  }
  return report.auth.dmarc.result === 'pass';
}

export function judge(input: JudgeInput): Judgement {
  const fromDomain = input.report.message.from?.split('@').pop()?.toLowerCase() ?? null;
  const weighed = weighedFindings(input);
  const hasOk = weighed.some((finding) => severityOf(finding) === 'ok');
  if (!hasOk && dmarcPassed(input.report, input.authenticity)) {
    weighed.push({ id: 'inspect.sender-confirmed', params: { domain: fromDomain } });
  }
  if (verdictOf(weighed) !== 'genuine' && !weighed.some((f) => severityOf(f) === 'ok')) {
    const against = weighed.some((f) => ['danger', 'warning'].includes(severityOf(f) ?? ''));
    if (!against) weighed.push({ id: 'inspect.unconfirmed', params: { domain: fromDomain } });
  }
  const ordered = byWeight(weighed).slice(0, LIMITS.inspectReasons);
  const verdict = verdictOf(ordered);
  const reasons = ordered.map((finding) => toReason(finding, input.lang));
  return {
    verdict,
    reasons,
    advice: adviceFor(verdict, ordered, input.danger, input.lang),
    findings: ordered,
  };
}

function toReason(finding: Finding, lang: Lang): InspectionReason {
  const { title, detail } = checkText(finding, lang);
  return { id: finding.id, severity: severityOf(finding)!, title, detail };
}

/** Reasons rendered again in another language (the verdict and order do not change). */
export function reasonsIn(findings: Finding[], lang: Lang): InspectionReason[] {
  return findings.map((finding) => toReason(finding, lang));
}

/**
 * What to do next: the most urgent first. Chosen from the verdict and the kinds of reasons, never from the
 * message's words (a message must not be able to write its own advice).
 */
export function adviceKeys(verdict: InspectionVerdict, findings: Finding[], danger: DangerData): UiKey[] {
  const against = findings.filter((f) => ['danger', 'warning'].includes(severityOf(f) ?? ''));
  const about = (area: string) => against.some((f) => areaOf(f.id) === area || f.id.includes(`.${area}`));
  const keys: UiKey[] = [];
  if (verdict === 'genuine') return ['inspectAdviceGenuine', 'inspectAdviceStillCareful'];
  if (about('attachments') || about('attachment')) keys.push('inspectAdviceAttachments');
  if (about('links') || about('link')) keys.push('inspectAdviceLinks');
  keys.push('inspectAdviceConfirm');
  if (danger.pressureWords.length > 0) keys.push('inspectAdvicePressure');
  keys.push(verdict === 'dangerous' ? 'inspectAdviceReport' : 'inspectAdviceAskIt');
  return keys;
}

export function adviceFor(
  verdict: InspectionVerdict,
  findings: Finding[],
  danger: DangerData,
  lang: Lang,
): string[] {
  return adviceKeys(verdict, findings, danger).map((key) => uiText(key, lang));
}
