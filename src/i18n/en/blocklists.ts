import type { AreaCatalog } from '../types.js';

/** What each return code means (coded in src/blocklists/zones.ts). The CLI and the pages word listings with these too. */
export const BLOCKLIST_MEANINGS = {
  // IP lists
  'spam-source': 'a known source of spam or a spam operation (Spamhaus SBL)',
  snowshoe: 'a source of low-reputation mail, such as spam spread thinly over many addresses (Spamhaus CSS)',
  exploited: 'an infected or exploited machine: a botnet, an open proxy or a hijacked account (Spamhaus XBL)',
  'hijacked-network': 'part of a hijacked network or one run by criminals (Spamhaus DROP)',
  'policy-isp':
    'address space its owner (the ISP) says should not deliver mail directly, such as home or dynamic lines (Spamhaus PBL, set by the ISP)',
  'policy-spamhaus':
    'address space Spamhaus judged to be home or dynamic lines that should not deliver mail directly (Spamhaus PBL)',
  'spam-reports': 'a source of spam reported by its recipients (SpamCop)',
  'poor-reputation': 'an address with a poor sending reputation (Barracuda)',
  'spamtrap-hits': 'an address that sent mail to spam traps',
  'bad-neighbourhood': 'an address in an allocation with many listed addresses (not necessarily this one)',
  'bad-network': 'an address in a network (ASN) with many listed addresses (not necessarily this one)',
  'spam-wave': 'an address that took part in a recent spam wave (Mailspike)',
  'reputation-worst': 'an address with the worst reputation grade (Mailspike L5)',
  'reputation-very-bad': 'an address with a very bad reputation (Mailspike L4)',
  'reputation-bad': 'an address with a bad reputation (Mailspike L3)',
  'reputation-suspicious': 'an address with a suspicious reputation (Mailspike L2)',
  // Allowlists
  'trust-none': 'known to the allowlist, with no particular trust (DNSWL none)',
  'trust-low': 'a known sender with low trust (DNSWL low)',
  'trust-medium': 'a known sender with medium trust (DNSWL medium)',
  'trust-high': 'a known sender with high trust (DNSWL high)',
  'reputation-average': 'an address with an average reputation (Mailspike H2)',
  'reputation-good': 'an address with a good reputation (Mailspike H3)',
  'reputation-very-good': 'an address with a very good reputation (Mailspike H4)',
  'reputation-excellent': 'an address with an excellent reputation (Mailspike H5)',
  // Domain lists
  spam: 'a spam domain',
  phish: 'a phishing domain',
  malware: 'a malware domain',
  botnet: 'a botnet command-and-control domain',
  'abused-spam': 'a legitimate domain abused to send spam',
  'abused-redirector': 'a legitimate redirector abused by spammers',
  'abused-phish': 'a legitimate domain compromised to host phishing',
  'abused-malware': 'a legitimate domain compromised to host malware',
  'abused-botnet': 'a legitimate domain compromised for botnet command and control',
  abuse: 'a domain seen in spam and abuse',
  cracked: 'a legitimate site that was cracked (compromised)',
  black: 'a confirmed spam domain (URIBL black)',
  grey: 'a domain suspected of unsolicited bulk mail (URIBL grey)',
  red: 'a new domain just seen in mail flow (URIBL red)',
  // Any list
  listed: 'listed on a list the operator of this mailscore added',
  unknown: 'listed with a code this version of mailscore does not know',
};

const ADVICE = {
  'stop-spam':
    'Find what sent the spam and stop it first: a compromised mailbox or password, a web form or script that sends mail, a mailing list without confirmed consent. Then ask for removal; most lists remove an address soon after the spam stops.',
  'clean-host':
    'Find and clean the machine behind this address first: the listing means it behaves like malware, an open proxy or a hijacked account (every device behind the same public IP counts). Change the passwords of the mail accounts, close open proxies and relays, then ask for removal.',
  'clean-site':
    'Find how the domain was abused and fix that first: compromised pages, open redirects, hacked DNS records or subdomains, a spamming affiliate. Then ask for removal.',
  practices:
    'This listing grades the reputation of your mail: send only to people who asked for it, remove bounced and inactive addresses, honour unsubscribes at once, and avoid sudden jumps in volume. Such listings end on their own when the mail improves; ask for removal once it has.',
  'change-network':
    'The whole network this address belongs to is listed as hijacked or criminal; no sender can fix that. Send from an address at another provider.',
  policy:
    'If this address is your mail server (a static address whose reverse DNS names the server), ask your ISP to take it off the PBL (an entry set by the ISP) or remove it yourself at https://check.spamhaus.org/ (an entry set by Spamhaus). If it is a home or dynamic line, send through your provider’s or email service’s submission server (port 587) instead of delivering directly.',
  neighbourhood:
    'The listing is about your provider’s network, not this address: ask the provider to deal with the abuse in its network, or move to a provider with a clean one. Paying for express removal is not needed: few receivers block on these levels.',
  unknown: 'See the list’s page for what the listing means and how to be removed.',
};

/** Where to look up and ask for removal; the list's own page. */
const REMOVAL = 'Look up the listing and ask for removal here: {removal}.';

export const blocklists: AreaCatalog<'blocklists'> = {
  'blocklists.clean': {
    title: 'Not on any blocklist',
    detail: '{targets} were looked up on {count} lists ({lists}); none of them lists anything.',
    fix: null,
  },
  'blocklists.ip-listed': {
    title: 'The sending IP {ip} is on a major blocklist: {lists}',
    detail:
      '{ip} is listed as {meaning}. Listings: {listings}. Receivers that use these lists refuse mail from this address during the SMTP session, before they look at its authentication or content, so this weighs more than any other fault.',
    fix: `{advice} ${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.ip-minor': {
    title: 'The sending IP {ip} is on a blocklist: {lists}',
    detail:
      '{ip} is listed as {meaning}. Listings: {listings}. Fewer receivers refuse mail on these lists, but spam filters such as SpamAssassin and rspamd add points for them, which add up with other signs.',
    fix: `{advice} ${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.ip-info': {
    title: 'The sending IP {ip} is on a policy list: {lists}',
    detail:
      '{ip} is listed as {meaning}. Listings: {listings}. These are policy lists: they describe the address space (who may send from it directly), not abuse by this sender, so nothing is deducted; but receivers that use them refuse mail delivered directly from such an address.',
    fix: `{advice} ${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.domain-listed': {
    title: '{domain} is on a major domain blocklist: {lists}',
    detail:
      'A domain of the sender is listed as {meaning}. Listings: {listings} ({count} in all; asked: {domains}). Receivers look up the domains of From, the envelope sender and DKIM signatures in these lists and reject or junk mail from listed ones, however well the message is authenticated.',
    fix: `{advice} ${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.domain-minor': {
    title: '{domain} has a minor listing on a domain blocklist: {lists}',
    detail:
      'A domain of the sender is listed as {meaning}. Listings: {listings} ({count} in all; asked: {domains}). Such listings mark abused legitimate domains or suspicions rather than spam domains; filters give them small scores, which add up with other signs.',
    fix: `{advice} ${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.domain-info': {
    title: '{domain} is on a list counted as information only: {lists}',
    detail:
      'A domain of the sender is listed as {meaning}. Listings: {listings} ({count} in all; asked: {domains}). The operator of this mailscore weighs these lists as information, so nothing is deducted.',
    fix: `{advice} ${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.allowlisted': {
    title: 'On an allowlist: {lists}',
    detail:
      'Listings: {listings}. Allowlists vouch for senders they know, and some filters (SpamAssassin, rspamd) subtract points for them. Shown for information; it does not change the score.',
    fix: null,
    values: { meaning: BLOCKLIST_MEANINGS },
  },
  'blocklists.refused': {
    title: 'Blocklist queries refused: {count}',
    detail:
      '{lists} refused the queries of the DNS resolver this mailscore uses, so whether the sender is listed there is unknown; nothing was deducted. Lists refuse public and forwarding resolvers (8.8.8.8, 1.1.1.1 and the like), resolvers that send more than their free volume, and, for some lists such as Barracuda, resolvers not registered with them.',
    fix: '{advice}',
    values: {
      advice: {
        'own-resolver':
          'For the operator of this mailscore: run your own recursive resolver (for example unbound) on the server instead of forwarding to a public one, and set MAILSCORE_DNS (or --dns) to it. The lists answer low-volume direct queries free of charge; for high volume, take a data feed from them.',
        register:
          'For the operator of this mailscore: register the public IP address of your DNS resolver with the list (Barracuda: https://www.barracudacentral.org/account/register, free), or remove the list with the blocklists file (--blocklists).',
        both: 'For the operator of this mailscore: run your own recursive resolver (for example unbound) instead of forwarding to a public one, set MAILSCORE_DNS (or --dns) to it, and register its public IP address with the lists that ask for it (Barracuda: https://www.barracudacentral.org/account/register, free).',
      },
    },
  },
  'blocklists.error': {
    title: 'Blocklist queries without an answer: {count}',
    detail: '{lists}: {reason}. Whether the sender is listed there is unknown; nothing was deducted.',
    fix: '{advice}',
    values: {
      reason: {
        'bad-query': 'the list rejected the query as malformed',
        timeout: 'no answer came in time',
        'dns-error': 'the DNS server failed (SERVFAIL or a malformed answer)',
        unexpected:
          'the answer was not one of the list’s codes (the resolver may turn non-existent names into addresses)',
        refused: 'the list refused the query',
        internal: 'the blocklist check itself failed',
      },
      advice: {
        'bad-query':
          'For the operator of this mailscore: check the zone names in the blocklists file (--blocklists); if they are right, report this as a bug.',
        timeout:
          'For the operator of this mailscore: check that the DNS resolver reaches the lists’ name servers (port 53 out, UDP and TCP), then run the test again. A list that never answers can be removed with the blocklists file (--blocklists).',
        'dns-error':
          'For the operator of this mailscore: check the DNS resolver set with MAILSCORE_DNS (or --dns, or /etc/resolv.conf) and its logs, then run the test again.',
        unexpected:
          'For the operator of this mailscore: use a resolver that answers NXDOMAIN as it is (no “search assist” or advertising redirection), for example your own unbound.',
        refused:
          'For the operator of this mailscore: run your own recursive resolver instead of forwarding to a public one, and set MAILSCORE_DNS (or --dns) to it.',
        internal: 'For the operator of this mailscore: report this as a bug, with the message.',
      },
    },
  },
  'blocklists.ip-not-checked': {
    title: 'The sending IP {ip} was not looked up on blocklists',
    detail: '{ip} {reason} (address block: {block}).',
    fix: null,
    values: {
      reason: {
        'not-public':
          'is a private or reserved address, which no blocklist holds; this is normal when the message came from the same network as this mailscore',
        'not-an-ip': 'is not an IP address',
      },
    },
  },
};
