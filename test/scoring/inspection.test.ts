import { describe, expect, it } from 'vitest';
import { INSPECTION_RULES, inspectionSeverity } from '../../src/scoring/inspection.js';

describe('inspection severities', () => {
  it.each([
    ['dmarc.fail', { policy: 'none' }, 'warning'],
    ['dmarc.fail', { policy: null }, 'warning'],
    ['dmarc.fail', { policy: 'quarantine' }, 'danger'],
    ['dmarc.fail', { policy: 'reject' }, 'danger'],
    ['inspect.dmarc-fail', { policy: 'reject' }, 'danger'],
    ['inspect.dmarc-fail', {}, 'warning'],
    // A rule without an enforced severity keeps its own whatever the policy.
    ['links.text-mismatch', { policy: 'reject' }, 'warning'],
  ] as const)('%s with %j is %s', (id, params, severity) => {
    const rule = (INSPECTION_RULES as Record<string, Parameters<typeof inspectionSeverity>[0]>)[id]!;
    expect(inspectionSeverity(rule, params)).toBe(severity);
  });
});
