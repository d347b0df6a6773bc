/**
 * The blocklists file: add, remove, replace, reweigh; every bad file refused with one line naming the field;
 * the service refusing to start (exit 2) and the CLI exiting 2 on a bad file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyBlocklistConfig,
  BlocklistConfigError,
  loadBlocklistZones,
} from '../../src/blocklists/config.js';
import { decodeAnswers } from '../../src/blocklists/decode.js';
import type { BlocklistZone } from '../../src/blocklists/types.js';
import { DEFAULT_BLOCKLIST_ZONES } from '../../src/blocklists/zones.js';
import { runCli } from '../../src/cli/run.js';
import { ConfigError, loadConfig } from '../../src/service/config.js';
import { startService } from '../../src/service/app.js';

const dir = mkdtempSync(join(tmpdir(), 'mailscore-blocklists-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(content: string | object): string {
  const path = join(dir, `lists-${files++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const zoneNamed = (zones: readonly BlocklistZone[], name: string) => zones.find((z) => z.zone === name)!;
const decode = (zones: readonly BlocklistZone[], name: string, code: string) =>
  decodeAnswers(zoneNamed(zones, name), [code]);

describe('a good file', () => {
  it('gives the defaults without a file', () => {
    expect(loadBlocklistZones(null)).toBe(DEFAULT_BLOCKLIST_ZONES);
    expect(loadBlocklistZones('')).toBe(DEFAULT_BLOCKLIST_ZONES);
    expect(applyBlocklistConfig({}).map((z) => z.zone)).toEqual(DEFAULT_BLOCKLIST_ZONES.map((z) => z.zone));
  });

  it('removes, adds and reweighs', () => {
    const zones = loadBlocklistZones(
      file({
        remove: ['bl.spamcop.net', 'multi.uribl.com'],
        add: [
          {
            zone: 'BL.Example.ORG.',
            name: 'Example',
            weight: 'major',
            codes: { '127.0.0.3': 'info' },
            refused: ['127.0.0.255'],
            ipv6: true,
            removal: 'https://bl.example.org/remove',
          },
          { zone: 'rhsbl.example.net', kind: 'domain', subdomains: true },
          { zone: 'good.example.net', role: 'allow' },
        ],
        weights: { 'dnsbl-1.uceprotect.net': 'info', 'zen.spamhaus.org': { '127.0.0.10': 'minor' } },
      }),
    );
    const names = zones.map((z) => z.zone);
    expect(names).not.toContain('bl.spamcop.net');
    expect(names).not.toContain('multi.uribl.com');
    expect(names.slice(-3)).toEqual(['bl.example.org', 'rhsbl.example.net', 'good.example.net']);

    const added = zoneNamed(zones, 'bl.example.org');
    expect(added).toMatchObject({
      name: 'Example',
      kind: 'ip',
      role: 'block',
      families: [4, 6],
      removal: 'https://bl.example.org/remove',
    });
    expect(decode(zones, 'bl.example.org', '127.0.0.2').listings).toEqual([
      { tag: '127.0.0.2', meaning: 'listed', weight: 'major' },
    ]);
    expect(decode(zones, 'bl.example.org', '127.0.0.3').listings[0]!.weight).toBe('info');
    expect(decode(zones, 'bl.example.org', '127.0.0.255').error).toBe('refused');
    expect(decode(zones, 'bl.example.org', '127.255.255.254').error).toBe('refused');
    expect(decode(zones, 'bl.example.org', '10.0.0.2').error).toBe('unexpected');

    expect(zoneNamed(zones, 'rhsbl.example.net')).toMatchObject({
      kind: 'domain',
      subdomains: true,
      name: 'rhsbl.example.net',
    });
    expect(decode(zones, 'rhsbl.example.net', '127.0.0.2').listings[0]!.weight).toBe('minor');
    expect(zoneNamed(zones, 'good.example.net').role).toBe('allow');
    expect(decode(zones, 'good.example.net', '127.0.0.2').listings[0]!.weight).toBe('info');

    expect(decode(zones, 'dnsbl-1.uceprotect.net', '127.0.0.2').listings[0]!.weight).toBe('info');
    expect(decode(zones, 'zen.spamhaus.org', '127.0.0.10').listings[0]!.weight).toBe('minor');
    expect(decode(zones, 'zen.spamhaus.org', '127.0.0.2').listings[0]!.weight).toBe('major');
  });

  it('replaces the whole set', () => {
    const zones = loadBlocklistZones(file({ replace: true, add: [{ zone: 'only.example.org' }] }));
    expect(zones.map((z) => z.zone)).toEqual(['only.example.org']);
    expect(loadBlocklistZones(file({ replace: true }))).toEqual([]);
  });
});

describe('a bad file', () => {
  const long = 'a'.repeat(70);
  // prettier-ignore
  const cases: Array<[string, unknown, string]> = [
    ['not an object', [], 'the file: expected a JSON object'],
    ['unknown key', { replce: true }, 'the file: unknown key "replce"'],
    ['replace not boolean', { replace: 'yes' }, 'replace: expected true or false'],
    ['remove not a list', { remove: 'bl.spamcop.net' }, 'remove: expected a JSON array'],
    ['remove an unknown list', { remove: ['bl.spamcop.com'] }, 'remove[0]: bl.spamcop.com is not one of the default lists'],
    ['remove with replace', { replace: true, remove: ['bl.spamcop.net'] }, 'remove: has no effect'],
    ['remove too many', { remove: Array.from({ length: 65 }, () => 'bl.spamcop.net') }, 'remove: more than 64 entries'],
    ['add not a list', { add: {} }, 'add: expected a JSON array'],
    ['add without zone', { add: [{ name: 'x' }] }, 'add[0].zone: is required'],
    ['add a bad zone', { add: [{ zone: 'bl example.org' }] }, 'add[0].zone: not a DNS zone name'],
    ['add a one-label zone', { add: [{ zone: 'localhost' }] }, 'add[0].zone: not a DNS zone name'],
    ['add a zone too long', { add: [{ zone: `${long}.${long}.org` }] }, 'add[0].zone: not a DNS zone name'],
    ['add a default again', { add: [{ zone: 'zen.spamhaus.org' }] }, 'add[0].zone: zen.spamhaus.org is already in the set'],
    ['add twice', { add: [{ zone: 'a.example.org' }, { zone: 'a.example.org' }] }, 'add[1].zone: a.example.org is already in the set'],
    ['add an unknown key', { add: [{ zone: 'a.example.org', wieght: 'major' }] }, 'add[0]: unknown key "wieght"'],
    ['add a bad kind', { add: [{ zone: 'a.example.org', kind: 'url' }] }, 'add[0].kind: expected one of ip, domain'],
    ['add a bad role', { add: [{ zone: 'a.example.org', role: 'white' }] }, 'add[0].role: expected one of block, allow'],
    ['add a bad weight', { add: [{ zone: 'a.example.org', weight: 'huge' }] }, 'add[0].weight: expected one of major, minor, info'],
    ['add a weighed allowlist', { add: [{ zone: 'a.example.org', role: 'allow', weight: 'major' }] }, 'add[0]: an allowlist'],
    ['add a code outside 127/8', { add: [{ zone: 'a.example.org', codes: { '10.0.0.2': 'major' } }] }, 'add[0].codes key: expected an answer code'],
    ['add a refusal code as a listing', { add: [{ zone: 'a.example.org', codes: { '127.255.255.2': 'major' } }] }, '127.255.255.0/24 always means'],
    ['add a code with a bad weight', { add: [{ zone: 'a.example.org', codes: { '127.0.0.2': 2 } }] }, 'add[0].codes.127.0.0.2: expected one of'],
    ['add codes not an object', { add: [{ zone: 'a.example.org', codes: ['127.0.0.2'] }] }, 'add[0].codes: expected a JSON object'],
    ['add a refused code also listed', { add: [{ zone: 'a.example.org', codes: { '127.0.0.2': 'major' }, refused: ['127.0.0.2'] }] }, 'add[0].refused: 127.0.0.2 is also in codes'],
    ['add ipv6 to a domain list', { add: [{ zone: 'a.example.org', kind: 'domain', ipv6: true }] }, 'add[0].ipv6: only for lists of kind "ip"'],
    ['add subdomains to an ip list', { add: [{ zone: 'a.example.org', subdomains: true }] }, 'add[0].subdomains: only for lists of kind "domain"'],
    ['add a bad name', { add: [{ zone: 'a.example.org', name: 'bad\u0000name' }] }, 'add[0].name: expected a name'],
    ['add a long name', { add: [{ zone: 'a.example.org', name: long }] }, 'add[0].name: expected a name'],
    ['add a javascript: removal', { add: [{ zone: 'a.example.org', removal: 'javascript:alert(1)' }] }, 'add[0].removal: expected an http(s) URL'],
    ['add a non-URL removal', { add: [{ zone: 'a.example.org', removal: 'see the site' }] }, 'add[0].removal: expected an http(s) URL'],
    ['add too many', { add: Array.from({ length: 33 }, (_, i) => ({ zone: `l${i}.example.org` })) }, 'add: more than 32 entries'],
    ['too many lists in all', { add: Array.from({ length: 26 }, (_, i) => ({ zone: `l${i}.example.org` })) }, 'more than 40 lists in all'],
    ['weights of an unknown list', { weights: { 'bl.example.org': 'info' } }, 'weights.bl.example.org: bl.example.org is not in the set'],
    ['weights of a removed list', { remove: ['bl.spamcop.net'], weights: { 'bl.spamcop.net': 'info' } }, 'is not in the set'],
    ['weights not a weight', { weights: { 'zen.spamhaus.org': 3 } }, 'weights.zen.spamhaus.org: expected "major", "minor", "info"'],
    ['weights of an allowlist', { weights: { 'list.dnswl.org': 'info' } }, 'weights.list.dnswl.org: an allowlist only informs'],
    ['weights with a bad code', { weights: { 'zen.spamhaus.org': { '127.0.0': 'info' } } }, 'expected an answer code'],
    ['a hostile key', JSON.parse('{"weights": {"__proto__": "info"}}'), 'weights.__proto__: not a DNS zone name'],
  ];
  it.each(cases)('%s', (_, content, message) => {
    const path = file(content as object);
    let error: unknown;
    try {
      loadBlocklistZones(path);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BlocklistConfigError);
    const text = (error as Error).message;
    expect(text).toContain(`blocklists file ${JSON.stringify(path)}: `);
    expect(text).toContain(message);
    expect(text).not.toContain('\n');
  });

  it.each([
    ['not JSON', () => file('{"remove": [}'), 'not JSON'],
    ['missing', () => join(dir, 'missing.json'), 'cannot read it (ENOENT)'],
    ['a directory', () => dir, 'cannot read it (EISDIR)'],
    ['too large', () => file(`{"add": [], "x": "${'a'.repeat(70_000)}"}`), 'larger than 65536 bytes'],
  ])('%s', (_, path, message) => {
    expect(() => loadBlocklistZones(path())).toThrow(message);
  });
});

describe('where the file is read', () => {
  it('is the --blocklists setting (env MAILSCORE_BLOCKLISTS), and a bad file stops the service start', async () => {
    const bad = file({ remove: ['nope.example.org'] });
    expect(loadConfig({ flags: { blocklists: bad }, env: {} }).blocklists).toBe(bad);
    expect(loadConfig({ env: { MAILSCORE_BLOCKLISTS: bad } }).blocklists).toBe(bad);
    expect(loadConfig({ env: {} }).blocklists).toBeNull();
    const config = loadConfig({ flags: { blocklists: bad, dataDir: join(dir, 'data') }, env: {} });
    const start = startService(config, { logger: (await import('pino')).default({ level: 'silent' }) });
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow('remove[0]: nope.example.org is not one of the default lists');
  });

  it('makes `mailscore analyze --blocklists` exit 2 with one line', async () => {
    const bad = file({ add: [{ zone: 'x' }] });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await runCli(['analyze', '-', '--ip', '192.0.2.1', '--blocklists', bad], {
      stdin: new PassThrough(),
      stdout,
      stderr,
      env: { MAILSCORE_SPAMD: 'off', MAILSCORE_RSPAMD: 'off' },
    });
    expect(code).toBe(2);
    expect(err).toBe(
      `mailscore: --blocklists: blocklists file ${JSON.stringify(bad)}: add[0].zone: not a DNS zone name: "x"\n`,
    );
  });
});
