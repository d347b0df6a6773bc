/**
 * Reads the openspf test suites (../shared/testsuites/spf/*.yml, format in ../shared/testsuites/README.md)
 * and turns each scenario's zonedata into a zone for our fixture DNS server.
 */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import type { FixtureRecords, FixtureType, FixtureZone } from '../support/dns-server.js';

export interface SuiteTest {
  name: string;
  spec?: string | number;
  helo: string;
  host: string;
  mailfrom: string;
  result: string | string[];
  explanation?: string;
}

export interface SuiteScenario {
  description: string;
  tests: SuiteTest[];
  zone: FixtureZone;
}

type SuiteRecord = string | Record<string, unknown>;
interface RawScenario {
  description: string;
  tests: Record<string, Omit<SuiteTest, 'name'>>;
  zonedata?: Record<string, SuiteRecord[] | null>;
}

/** The suites live beside the checkout: /work/shared in the sandbox, ../shared in CI. */
export const SUITE_DIR = new URL('../../../shared/testsuites/spf/', import.meta.url);

export function loadSuite(file: string): SuiteScenario[] {
  const text = readFileSync(new URL(file, SUITE_DIR), 'utf8');
  return (yaml.loadAll(text) as Array<RawScenario | null>)
    .filter((doc): doc is RawScenario => !!doc && typeof doc === 'object' && 'tests' in doc)
    .map((doc) => ({
      description: doc.description,
      tests: Object.entries(doc.tests).map(([name, test]) => ({
        name,
        ...test,
        mailfrom: String(test.mailfrom ?? ''),
      })),
      zone: toFixtureZone(doc.zonedata ?? {}),
    }));
}

const TYPES: FixtureType[] = ['A', 'AAAA', 'TXT', 'MX', 'PTR', 'CNAME', 'NS'];

/** Builds one name's records as the suite's reference driver serves them. */
function toFixtureRecords(entries: SuiteRecord[]): FixtureRecords {
  const out: FixtureRecords = {};
  const spf: Array<string | string[]> = [];
  const timeouts = new Set<FixtureType>();
  let txtNone = false;
  const hasRecords = (type: FixtureType): boolean => {
    if (type === 'TXT') return (out.TXT?.length ?? 0) > 0 || (!txtNone && spf.length > 0);
    if (type === 'CNAME') return !!out.CNAME;
    return ((out[type] as unknown[] | undefined)?.length ?? 0) > 0;
  };
  for (const entry of entries) {
    if (entry === 'TIMEOUT') {
      // Every type with no record listed so far times out.
      for (const type of TYPES) if (!hasRecords(type)) timeouts.add(type);
      continue;
    }
    if (typeof entry !== 'object' || entry === null) continue;
    for (const [type, value] of Object.entries(entry)) {
      if (value === 'TIMEOUT') {
        timeouts.add(type as FixtureType);
        continue;
      }
      switch (type) {
        case 'SPF':
          spf.push(txtOf(value));
          break;
        case 'TXT':
          if (value === 'NONE') txtNone = true;
          else (out.TXT ??= []).push(txtOf(value));
          break;
        case 'A':
        case 'AAAA':
        case 'PTR':
          (out[type] ??= []).push(String(value));
          break;
        case 'MX': {
          const [priority, host] = value as [number, string];
          (out.MX ??= []).push([Number(priority), String(host)]);
          break;
        }
        case 'CNAME':
          out.CNAME = String(value);
          break;
        default:
          throw new Error(`unknown record type in suite: ${type}`);
      }
    }
  }
  // Type SPF (99) records stand in for TXT unless the name has TXT records of its own or TXT: NONE.
  if (!out.TXT?.length && !txtNone && spf.length) out.TXT = spf;
  if (timeouts.size) out.TIMEOUT = [...timeouts];
  return out;
}

/** A TXT value: one string, or a list of character-strings of one record (joined by SPF). */
const txtOf = (value: unknown): string | string[] =>
  Array.isArray(value) ? value.map(String) : String(value);

export function toFixtureZone(zonedata: Record<string, SuiteRecord[] | null>): FixtureZone {
  const byName = new Map<string, SuiteRecord[]>();
  for (const [name, entries] of Object.entries(zonedata)) {
    const key = name.toLowerCase().replace(/\.$/, '');
    byName.set(key, [...(byName.get(key) ?? []), ...(entries ?? [])]);
  }
  return Object.fromEntries([...byName].map(([name, entries]) => [name, toFixtureRecords(entries)]));
}
