/**
 * THE default list set, chosen for 2026, with each return code's meaning and weight class. The weight
 * class says how receivers treat a listing; what it costs is the row of src/scoring/deductions.ts.
 *
 *   major  receivers reject or junk on it (Spamhaus SBL/CSS/XBL/DROP, Barracuda, DBL spam domains)
 *   minor  some receivers use it, filters score it (SpamCop, UCEPROTECT 1, PSBL, Mailspike, NiX Spam)
 *   info   shown, costs nothing: policy lists (PBL, UCEPROTECT 2 and 3) and every allowlist
 *
 * Left out on purpose:
 * - SORBS: closed by its owner (Proofpoint) in 2024; its zones must not be queried.
 * - Spamhaus SWL (the allowlist): served only through Spamhaus's Data Query Service (DQS), whose query
 *   names carry the subscriber's key; without a key there is no answer. An operator with a key can add
 *   it through the blocklists file (`add`, role "allow").
 * - Lists that need an account for any use (Abusix Mail Intelligence, Invaluement), or that charge for
 *   removal as their business model beyond UCEPROTECT's level 1.
 *
 * IPv6: Spamhaus ZEN and DNSWL answer IPv6 nibble queries; the others list IPv4 only, so an IPv6 address is
 * not asked there (a query that can only say "not listed" would read as a clean result it is not).
 */
import { bitmaskDecoder, dnswlDecoder, listing, tableDecoder } from './decode.js';
import type { BlocklistZone } from './types.js';

/**
 * Spamhaus ZEN = SBL + CSS + XBL + DROP + PBL in one query
 * (https://docs.spamhaus.com/datasets/docs/source/10-data-type-documentation/datasets/030-datasets.html).
 *
 * PBL (127.0.0.10 set by the ISP, .11 by Spamhaus) is `info`: it lists address space whose owner says it
 * should not deliver mail directly to other networks (home lines, dynamic pools). It is a policy list, not
 * a sign of abuse. A real mail server on such space is not misbehaving, but receivers that use ZEN will
 * refuse it, so the finding says so: the server should ask its ISP for removal (ISP-maintained entries)
 * or remove itself at https://check.spamhaus.org/ (Spamhaus-maintained entries), or relay through its
 * provider's mail server.
 */
const ZEN: BlocklistZone = {
  zone: 'zen.spamhaus.org',
  name: 'Spamhaus ZEN',
  kind: 'ip',
  role: 'block',
  families: [4, 6],
  removal: 'https://check.spamhaus.org/',
  decode: tableDecoder({
    codes: {
      '127.0.0.2': listing('SBL', 'spam-source', 'major'),
      '127.0.0.3': listing('CSS', 'snowshoe', 'major'),
      '127.0.0.4': listing('XBL', 'exploited', 'major'),
      // 127.0.0.5-7: XBL's former sub-lists, still part of its range.
      '127.0.0.5': listing('XBL', 'exploited', 'major'),
      '127.0.0.6': listing('XBL', 'exploited', 'major'),
      '127.0.0.7': listing('XBL', 'exploited', 'major'),
      '127.0.0.9': listing('DROP', 'hijacked-network', 'major'),
      '127.0.0.10': listing('PBL', 'policy-isp', 'info'),
      '127.0.0.11': listing('PBL', 'policy-spamhaus', 'info'),
    },
    // 127.255.255.252: typing error in the zone name; .254: public or open resolver; .255: too many queries.
    badQuery: ['127.255.255.252'],
    unknown: { prefix: '127.0.0.', weight: 'minor' },
  }),
};

/** SpamCop (Cisco): listings come from recipients' spam reports and expire 24 hours after the last one. */
const SPAMCOP: BlocklistZone = {
  zone: 'bl.spamcop.net',
  name: 'SpamCop',
  kind: 'ip',
  role: 'block',
  families: [4],
  removal: 'https://www.spamcop.net/bl.shtml',
  decode: tableDecoder({
    codes: { '127.0.0.2': listing('SCBL', 'spam-reports', 'minor') },
    unknown: { prefix: '127.0.0.', weight: 'minor' },
  }),
};

/**
 * Barracuda Reputation Block List: Barracuda's appliances and cloud filters (many businesses) reject on it
 * by default, hence `major`. It answers only resolvers registered (free) with Barracuda: others are
 * refused, which is an error, with advice to register.
 */
const BARRACUDA: BlocklistZone = {
  zone: 'b.barracudacentral.org',
  name: 'Barracuda',
  kind: 'ip',
  role: 'block',
  families: [4],
  note: 'registered-resolver',
  removal: 'https://www.barracudacentral.org/rbl/removal-request',
  decode: tableDecoder({
    codes: { '127.0.0.2': listing('BRBL', 'poor-reputation', 'major') },
    unknown: { prefix: '127.0.0.', weight: 'minor' },
  }),
};

/**
 * UCEPROTECT: level 1 lists single addresses seen at its spam traps (listings expire after 7 days);
 * levels 2 and 3 list whole allocations and ASNs for their neighbours' behaviour: `info`, since the
 * listed sender may have done nothing, and few receivers block on them.
 */
const UCEPROTECT_LEVELS: readonly BlocklistZone[] = (
  [
    [1, 'spamtrap-hits', 'minor'],
    [2, 'bad-neighbourhood', 'info'],
    [3, 'bad-network', 'info'],
  ] as const
).map(([level, meaning, weight]) => ({
  zone: `dnsbl-${level}.uceprotect.net`,
  name: `UCEPROTECT level ${level}`,
  kind: 'ip',
  role: 'block',
  families: [4],
  removal: 'https://www.uceprotect.net/en/rblcheck.php',
  decode: tableDecoder({
    codes: { '127.0.0.2': listing(`UCEPROTECT-${level}`, meaning, weight) },
    unknown: { prefix: '127.0.0.', weight },
  }),
}));

/** Passive Spam Block List: addresses that sent to its spam traps; anyone can remove an address at once. */
const PSBL: BlocklistZone = {
  zone: 'psbl.surriel.com',
  name: 'PSBL',
  kind: 'ip',
  role: 'block',
  families: [4],
  removal: 'https://psbl.org/',
  decode: tableDecoder({
    codes: { '127.0.0.2': listing('PSBL', 'spamtrap-hits', 'minor') },
    unknown: { prefix: '127.0.0.', weight: 'minor' },
  }),
};

/**
 * Mailspike: 127.0.0.2 = took part in a recent spam wave; 127.0.0.10-13 = reputation L5 (worst) to L2
 * (SpamAssassin's RCVD_IN_MSPIKE_* rules read these codes and score L5-L3 and the spam wave at 3.5-5.2, L2
 * at 0.8). L2 ("suspicious") is `info`: it is a grade, not a listing for anything done.
 */
const MAILSPIKE: BlocklistZone = {
  zone: 'bl.mailspike.net',
  name: 'Mailspike',
  kind: 'ip',
  role: 'block',
  families: [4],
  removal: 'https://mailspike.org/',
  decode: tableDecoder({
    codes: {
      '127.0.0.2': listing('ZBI', 'spam-wave', 'minor'),
      '127.0.0.10': listing('L5', 'reputation-worst', 'minor'),
      '127.0.0.11': listing('L4', 'reputation-very-bad', 'minor'),
      '127.0.0.12': listing('L3', 'reputation-bad', 'minor'),
      '127.0.0.13': listing('L2', 'reputation-suspicious', 'info'),
    },
    unknown: { prefix: '127.0.0.', weight: 'info' },
  }),
};

/**
 * NiX Spam (heise iX / manitu): addresses seen at its spam traps, listings expire after 12 hours. Kept
 * because it is widely used in Germany and is one of rspamd's default lists (RBL_NIXSPAM).
 */
const NIXSPAM: BlocklistZone = {
  zone: 'ix.dnsbl.manitu.net',
  name: 'NiX Spam',
  kind: 'ip',
  role: 'block',
  families: [4],
  removal: 'https://www.dnsbl.manitu.net/',
  decode: tableDecoder({
    codes: { '127.0.0.2': listing('NiX', 'spamtrap-hits', 'minor') },
    unknown: { prefix: '127.0.0.', weight: 'minor' },
  }),
};

/** DNSWL: the IP allowlist, with its trust level. Information only. */
const DNSWL: BlocklistZone = {
  zone: 'list.dnswl.org',
  name: 'DNSWL',
  kind: 'ip',
  role: 'allow',
  families: [4, 6],
  decode: dnswlDecoder,
};

/** Mailspike's reputation allowlist: H2 (average) to H5 (excellent), SpamAssassin's RCVD_IN_MSPIKE_H*. */
const MAILSPIKE_WL: BlocklistZone = {
  zone: 'wl.mailspike.net',
  name: 'Mailspike reputation',
  kind: 'ip',
  role: 'allow',
  families: [4],
  decode: tableDecoder({
    codes: {
      '127.0.0.17': listing('H2', 'reputation-average', 'info'),
      '127.0.0.18': listing('H3', 'reputation-good', 'info'),
      '127.0.0.19': listing('H4', 'reputation-very-good', 'info'),
      '127.0.0.20': listing('H5', 'reputation-excellent', 'info'),
    },
    unknown: { prefix: '127.0.0.', weight: 'info' },
  }),
};

/**
 * Spamhaus DBL: spam, phishing, malware and botnet domains (major), and legitimate domains abused for them
 * (the 1xx codes: minor). It also lists host names below registered domains, so both are asked.
 */
const DBL: BlocklistZone = {
  zone: 'dbl.spamhaus.org',
  name: 'Spamhaus DBL',
  kind: 'domain',
  role: 'block',
  subdomains: true,
  removal: 'https://check.spamhaus.org/',
  decode: tableDecoder({
    codes: Object.fromEntries(
      (
        [
          ['127.0.1.2', 'spam', 'major'],
          ['127.0.1.4', 'phish', 'major'],
          ['127.0.1.5', 'malware', 'major'],
          ['127.0.1.6', 'botnet', 'major'],
          ['127.0.1.102', 'abused-spam', 'minor'],
          ['127.0.1.103', 'abused-redirector', 'minor'],
          ['127.0.1.104', 'abused-phish', 'minor'],
          ['127.0.1.105', 'abused-malware', 'minor'],
          ['127.0.1.106', 'abused-botnet', 'minor'],
        ] as const
      ).map(([code, meaning, weight]) => [code, listing(code, meaning, weight)]),
    ),
    // 127.0.1.255: an IP address was asked (the DBL holds names only); 127.255.255.252: malformed name.
    badQuery: ['127.0.1.255', '127.255.255.252'],
    // A code Spamhaus adds later is still a listing of the domain itself.
    unknown: { prefix: '127.0.1.', weight: 'major' },
  }),
};

/** SURBL multi (https://www.surbl.org/lists): bits 2, 4 and 32 are retired lists now folded into ABUSE. */
const SURBL: BlocklistZone = {
  zone: 'multi.surbl.org',
  name: 'SURBL multi',
  kind: 'domain',
  role: 'block',
  removal: 'https://surbl.org/surbl-analysis',
  decode: bitmaskDecoder(
    [
      [8, listing('PH', 'phish', 'major')],
      [16, listing('MW', 'malware', 'major')],
      [64, listing('ABUSE', 'abuse', 'major')],
      [128, listing('CR', 'cracked', 'minor')],
    ],
    'major',
  ),
};

/** URIBL multi (https://uribl.com/about.shtml): black is confirmed spam; grey and red only suspect. */
const URIBL: BlocklistZone = {
  zone: 'multi.uribl.com',
  name: 'URIBL multi',
  kind: 'domain',
  role: 'block',
  removal: 'https://admin.uribl.com/',
  decode: bitmaskDecoder(
    [
      [2, listing('black', 'black', 'major')],
      [4, listing('grey', 'grey', 'minor')],
      [8, listing('red', 'red', 'minor')],
    ],
    'minor',
  ),
};

/** DNSWL's domain list: domains (DKIM d=, as SpamAssassin asks it) with a trust level. Information only. */
const DWL: BlocklistZone = {
  zone: 'dwl.dnswl.org',
  name: 'DNSWL domains',
  kind: 'domain',
  role: 'allow',
  subdomains: true,
  decode: dnswlDecoder,
};

export const DEFAULT_BLOCKLIST_ZONES: readonly BlocklistZone[] = [
  ZEN,
  SPAMCOP,
  BARRACUDA,
  ...UCEPROTECT_LEVELS,
  PSBL,
  MAILSPIKE,
  NIXSPAM,
  DNSWL,
  MAILSPIKE_WL,
  DBL,
  SURBL,
  URIBL,
  DWL,
];
