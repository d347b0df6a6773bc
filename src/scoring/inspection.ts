/**
 * THE table behind an inspection's verdict (src/inspect/): for each finding that speaks to whether a
 * received message is genuine and safe — the `inspect.*` findings and those of the message's own checks
 * that matter to a recipient (attachments, deceptive links, authentication) — its severity and weight,
 * with why. The verdict and the order of the reasons come from here alone; the words from src/i18n.
 */
import type { InspectionSeverity } from '../inspect/types.js';
import type { CheckId, IdsOf } from './deductions.js';

export interface InspectionRule {
  severity: InspectionSeverity;
  /** Orders the reasons (heaviest first) and adds up towards the verdict. */
  weight: number;
  why: string;
}

const inspection = (severity: InspectionSeverity, weight: number, why: string): InspectionRule => ({
  severity,
  weight,
  why,
});

/** Every `inspect.*` id must have a rule (the compiler checks); other check ids may. */
export const INSPECTION_RULES: Record<IdsOf<'inspect'>, InspectionRule> &
  Partial<Record<CheckId, InspectionRule>> = {} as Record<IdsOf<'inspect'>, InspectionRule>;

void inspection;
