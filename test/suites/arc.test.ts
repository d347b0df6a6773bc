/**
 * The ValiMail ARC validation suite (../shared/testsuites/arc, written against the ARC drafts before
 * RFC 8617), driven through our own checkDkim + checkArc with the keys served by a real fixture DNS
 * server. Every test must give the suite's `cv`, except the draft-versus-RFC disagreements the
 * suite's README names, where we assert what we do instead and say why.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArc } from '../../src/checks/arc.js';
import { checkDkim } from '../../src/checks/dkim.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { NotAMessageError, parseMessage } from '../../src/message/parse.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SUITE_FILE = path.resolve(REPO_ROOT, '../shared/testsuites/arc/arc-draft-validation-tests.yml');

interface SuiteTest {
  spec?: string;
  description?: string;
  message?: string | null;
  cv?: string | null;
}
interface Scenario {
  description: string;
  tests: Record<string, SuiteTest>;
  'txt-records'?: Record<string, string>;
}

type Cv = 'none' | 'pass' | 'fail';

// json: true because the file repeats the key as_fields_b_head_case (the last one wins, as in PyYAML).
const scenarios = loadAll(readFileSync(SUITE_FILE, 'utf8'), null, { json: true }) as Scenario[];

/** None → none, Pass → pass, Fail or empty (a broken chain) → fail. */
const expectedCv = (cv: SuiteTest['cv']): Cv => {
  const word = String(cv ?? '')
    .trim()
    .toLowerCase();
  return word === 'none' || word === 'pass' ? word : 'fail';
};

/**
 * The disagreements between the drafts the suite follows and RFC 8617 / RFC 6376 that the suite's
 * README lists: exactly these, each with what we report and why. We validate in mailauth's lenient
 * mode (as for DKIM: what receivers do), which reads tag-lists loosely.
 */
const KNOWN_DIFFERENCES: Record<string, { ours: Cv; why: string }> = {
  ams_fields_h_empty: {
    ours: 'fail',
    why: 'RFC 6376 3.5 forbids an empty h=, and a signature that does not cover From is ignored (6.1.1); the draft expected pass',
  },
  ams_fields_c_na: {
    ours: 'pass',
    why: 'the draft defaulted a missing c= to relaxed/relaxed, RFC 6376 to simple/simple; the lenient mode tries simple/simple, then relaxed/relaxed, so here we agree with the suite',
  },
  as_format_tags_sc: {
    ours: 'pass',
    why: 'an empty tag-spec (";;") breaks the RFC 6376 3.2 grammar; the lenient mode skips it, the suite expects fail',
  },
  as_format_tags_key_case: {
    ours: 'pass',
    why: 'tag names are case-sensitive (RFC 6376 3.2), so "S=" is not s=; the lenient mode folds the case, the suite expects fail',
  },
  as_format_tags_dup: {
    ours: 'pass',
    why: 'a duplicated tag makes the tag-list invalid (RFC 6376 3.2); the lenient mode keeps one value, the suite expects fail',
  },
  as_format_inv_tag_key: {
    ours: 'pass',
    why: 'a tag named "_" breaks the tag-name grammar (RFC 6376 3.2); the lenient mode ignores unknown tags, the suite expects fail',
  },
};

/**
 * Tests whose message has no header fields at all: the pipeline refuses such input as "not an email
 * message" before any check runs (CLI exit 2), so no ARC chain is ever seen. The suite's cv is none.
 */
const NOT_A_MESSAGE = new Set(['cv_empty', 'cv_no_headers']);

/** Fixed clock: the suite's signatures carry t=12345 and no x=, so any date works; a fixed one keeps it so. */
const NOW = new Date('2018-11-09T00:00:00Z');

let dns: FixtureDnsServer;
const sessions: DnsSession[] = [];

beforeAll(async () => {
  dns = await startFixtureDns();
});
afterAll(async () => {
  for (const session of sessions) session.close();
  await dns.stop();
});

/** Folded YAML values come with the fold turned into spaces; a key record has no meaningful whitespace. */
const zoneOf = (scenario: Scenario): FixtureZone =>
  Object.fromEntries(
    Object.entries(scenario['txt-records'] ?? {}).map(([name, value]) => [
      name,
      { TXT: [String(value).replace(/\s+/g, '')] },
    ]),
  );

/** Our verdict on one suite message: checkDkim (which verifies the newest AMS) then checkArc. */
async function chainValidation(message: Buffer): Promise<Cv | 'not-a-message'> {
  let parsed;
  try {
    parsed = await parseMessage(message);
  } catch (err) {
    if (err instanceof NotAMessageError) return 'not-a-message';
    throw err;
  }
  const session = new DnsSession(new DnsResolver({ servers: [dns.server], timeoutMs: 500, retries: 0 }));
  sessions.push(session);
  const ctx = {
    message: parsed,
    envelope: { clientIp: '192.0.2.1', helo: null, mailFrom: null, rcptTo: [], tls: null },
    dns: session,
    now: NOW,
  };
  const dkim = await checkDkim(ctx);
  const arc = await checkArc(ctx, dkim.arcInput);
  const word = arc.result.result;
  if (word !== 'none' && word !== 'pass' && word !== 'fail') throw new Error(`unexpected ARC result ${word}`);
  return word;
}

it('reads the whole suite, and every known difference names a real test', () => {
  const names = scenarios.flatMap((s) => Object.keys(s.tests));
  expect(scenarios).toHaveLength(10);
  expect(names).toHaveLength(171);
  for (const name of [...Object.keys(KNOWN_DIFFERENCES), ...NOT_A_MESSAGE]) expect(names).toContain(name);
});

describe.each(scenarios.map((scenario) => [scenario.description.trim(), scenario] as const))(
  '%s',
  (_, scenario) => {
    beforeAll(() => dns.setZone(zoneOf(scenario)));

    const tests = Object.entries(scenario.tests).map(([name, test]) => ({ name, test }));
    it.each(tests)('$name', async ({ name, test }) => {
      const expected = expectedCv(test.cv);
      const message = Buffer.from(String(test.message ?? '').replace(/\r?\n/g, '\r\n'));
      const ours = await chainValidation(message);

      if (NOT_A_MESSAGE.has(name)) {
        expect(expected).toBe('none');
        expect(ours).toBe('not-a-message');
        return;
      }
      const known = KNOWN_DIFFERENCES[name];
      if (known) {
        expect(ours, known.why).toBe(known.ours);
        return;
      }
      expect(ours, test.description).toBe(expected);
    });
  },
);
