/**
 * Which content filter the analyses use, chosen once at start:
 *   1. spamd at MAILSCORE_SPAMD, when set;
 *   2. rspamd at MAILSCORE_RSPAMD, when set;
 *   3. when neither is set, spamd at 127.0.0.1:783 (Debian's spamd listens there), tried once;
 *   4. otherwise — or when none of these answers its ping — the built-in rules.
 * `off` as either setting leaves that engine out (no probe either). The choice is logged with its reason.
 * A filter chosen here that fails later fails only that analysis (spamFilter.error), never the service.
 */
import { builtinFilter } from './builtin.js';
import { describeFilterError } from './errors.js';
import type { ExternalFilter } from './external.js';
import { createRspamdFilter, parseRspamdUrl, type RspamdFilterOptions } from './rspamd.js';
import { parseSpamdAddress, SPAMD_DEFAULT_PORT, type SpamdAddress } from './spamc.js';
import { createSpamdFilter, type SpamdFilterOptions } from './spamd.js';
import type { SpamFilterEngine } from './types.js';

export interface FilterSettings {
  spamd: string | null;
  rspamd: string | null;
}

/** The slice of pino's logger this uses. */
export interface FilterLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface SelectOptions {
  /** Tried when neither setting is given; null: try nothing. Default 127.0.0.1:783. */
  defaultSpamd?: SpamdAddress | null;
  log?: FilterLog;
  spamd?: SpamdFilterOptions;
  rspamd?: RspamdFilterOptions;
}

export interface SelectedFilter {
  engine: SpamFilterEngine;
  /** Where the engine is (host:port, URL), null for the built-in rules. */
  location: string | null;
  /** configured: from a setting; default: found at 127.0.0.1:783; fallback: the built-in rules. */
  source: 'configured' | 'default' | 'fallback';
}

/** A setting's value: unset (null, blank), `off`, or something to parse. */
const isOff = (value: string | null) => value !== null && value.trim().toLowerCase() === 'off';
const isSet = (value: string | null) => value !== null && value.trim() !== '' && !isOff(value);

/** Why a setting is neither unset, `off`, nor a valid address; null when it is fine (the settings check uses it). */
export function filterSettingProblem(key: keyof FilterSettings, value: string | null): string | null {
  if (!isSet(value)) return null;
  try {
    if (key === 'spamd') parseSpamdAddress(value!);
    else parseRspamdUrl(value!);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

export async function selectSpamFilter(
  settings: FilterSettings,
  options: SelectOptions = {},
): Promise<SelectedFilter> {
  const configured: ExternalFilter[] = [];
  if (isSet(settings.spamd))
    configured.push(createSpamdFilter(parseSpamdAddress(settings.spamd!), options.spamd));
  if (isSet(settings.rspamd))
    configured.push(createRspamdFilter(parseRspamdUrl(settings.rspamd!), options.rspamd));
  const defaultSpamd =
    options.defaultSpamd === undefined
      ? { host: '127.0.0.1', port: SPAMD_DEFAULT_PORT }
      : options.defaultSpamd;
  const probeDefault =
    configured.length === 0 && !isOff(settings.spamd) && !isOff(settings.rspamd) && defaultSpamd !== null;
  const candidates = probeDefault ? [createSpamdFilter(defaultSpamd, options.spamd)] : configured;
  const source = probeDefault ? 'default' : 'configured';

  for (const candidate of candidates) {
    try {
      await candidate.ping();
      options.log?.info(
        { engine: candidate.name, at: candidate.location, source },
        `content filter: ${candidate.name} at ${candidate.location}`,
      );
      return { engine: candidate, location: candidate.location, source };
    } catch (err) {
      const fields = { engine: candidate.name, at: candidate.location, error: describeFilterError(err) };
      if (source === 'configured')
        options.log?.warn(fields, `content filter ${candidate.name} does not answer`);
      else options.log?.info(fields, `no spamd at ${candidate.location}`);
    }
  }
  options.log?.info({ engine: builtinFilter.name, source: 'fallback' }, 'content filter: the built-in rules');
  return { engine: builtinFilter, location: null, source: 'fallback' };
}
