/**
 * The lists in use: the default set, changed by the operator (add, remove, replace, reweigh) through a JSON
 * file named by `--blocklists` / `MAILSCORE_BLOCKLISTS`.
 *
 * STUB: helper A fills this in.
 */
import { DEFAULT_BLOCKLIST_ZONES } from './zones.js';
import type { BlocklistZone } from './types.js';

/** The zones to use: the defaults when `file` is null; throws a one-line Error for a bad file (exit 2 / no start). */
export function loadBlocklistZones(file: string | null): readonly BlocklistZone[] {
  void file;
  return DEFAULT_BLOCKLIST_ZONES;
}
