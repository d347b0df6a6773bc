/**
 * THE default list set, chosen for 2026, with each return code's meaning and weight class.
 *
 * STUB: helper A fills this in.
 */
import type { BlocklistZone } from './types.js';

export const DEFAULT_BLOCKLIST_ZONES: readonly BlocklistZone[] = [];
