/**
 * What every check receives and returns. Checks return typed data and findings (ids + values),
 * never prose: the words come from src/i18n, the weights from src/scoring.
 */
import type { DnsSession } from '../dns/session.js';
import type { ParsedMessage } from '../message/types.js';
import type { Envelope } from '../report/types.js';
import type { CheckId } from '../scoring/deductions.js';

/** Values a finding carries into its sentences ({name} in the catalogs). Lists are joined for display. */
export type FindingValue = string | number | boolean | null | readonly string[];
export type FindingParams = Record<string, FindingValue>;

export interface Finding {
  id: CheckId;
  params?: FindingParams;
}

export interface CheckContext {
  message: ParsedMessage;
  envelope: Envelope;
  dns: DnsSession;
  /** The clock, fixed for the whole report (tests set it). */
  now: Date;
}

/** Every check's output: its typed result (for the report's auth block etc.) and its findings. */
export interface CheckOutput<T> {
  result: T;
  findings: Finding[];
}
