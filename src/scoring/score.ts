/** Findings → the report's checks and the score: max(0, 10 - sum of deductions), one decimal. */
import type { Finding } from '../checks/types.js';
import { checkText } from '../i18n/index.js';
import type { CheckResult, Lang } from '../report/types.js';
import { AREAS, CHECK_RULES, type CheckRule } from './deductions.js';

/** The rule's fixed deduction, or for a scaled rule the finding's number clamped to [0, cap], one decimal. */
export function deductionOf(rule: CheckRule, finding: Finding): number {
  if (!rule.scaledBy) return rule.deduction;
  const value = Number(finding.params?.[rule.scaledBy]);
  if (!Number.isFinite(value) || value <= 0) return 0;
  return Math.round(Math.min(value, rule.deduction) * 10) / 10;
}

const areaRank = (id: string) => {
  const rank = (AREAS as readonly string[]).indexOf(id.split('.')[0]!);
  return rank < 0 ? AREAS.length : rank;
};

/** One row per finding id (the first wins), ordered by area as the table lists them. */
export function toCheckResults(findings: Finding[], lang: Lang): CheckResult[] {
  const seen = new Set<string>();
  const unique = findings.filter((f) => !seen.has(f.id) && seen.add(f.id));
  return unique
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => areaRank(a.finding.id) - areaRank(b.finding.id) || a.index - b.index)
    .map(({ finding }) => {
      const rule = CHECK_RULES[finding.id];
      return {
        id: finding.id,
        category: rule.category,
        status: rule.status,
        deduction: deductionOf(rule, finding),
        ...checkText(finding, lang),
      };
    });
}

export function scoreOf(checks: Pick<CheckResult, 'deduction'>[]): number {
  const total = checks.reduce((sum, check) => sum + check.deduction, 0);
  return Math.max(0, Math.round((10 - total) * 10) / 10);
}
