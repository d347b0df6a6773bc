/**
 * Looking one target (an IP address or a domain) up on a set of lists, all zones at once through the
 * report's DnsSession (which caches for the TTL the list returns, de-duplicates and applies the deadline).
 * Used by the blocklist check, `mailscore blocklist`, `GET /api/blocklists/:target` and the domain audit.
 *
 * STUB: helper A fills this in.
 */
import type { Finding } from '../checks/types.js';
import type { DnsSession } from '../dns/session.js';
import type { BlocklistKind, BlocklistResult, BlocklistZone } from './types.js';

/** A target as queried: an IP in its canonical text form, or a lower-case ASCII (A-label) domain. */
export interface BlocklistTarget {
  kind: BlocklistKind;
  target: string;
}

/** Parses user input ("192.0.2.1", "2001:db8::1", "Example.COM", "例え.jp"); null when it is neither. */
export function parseBlocklistTarget(input: string): BlocklistTarget | null {
  void input;
  return null;
}

export interface BlocklistLookup extends BlocklistTarget {
  /** One result per zone of the target's kind (allowlists included). */
  results: BlocklistResult[];
  /** The findings for this target alone (area `blocklists`), as the report's check would give them. */
  findings: Finding[];
}

/** Every zone of the target's kind, at once. Never throws: a failing zone is a result with status 'error'. */
export async function lookUpTarget(
  dns: DnsSession,
  target: BlocklistTarget,
  zones: readonly BlocklistZone[],
): Promise<BlocklistLookup> {
  void dns;
  void zones;
  return { ...target, results: [], findings: [] };
}
