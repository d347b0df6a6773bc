import type { AreaCatalog } from '../types.js';
import { BLOCKLIST_MEANINGS } from './blocklists.js';

const REMOVAL =
  'Spamhaus: https://check.spamhaus.org/, SURBL: https://surbl.org/surbl-analysis, URIBL: https://admin.uribl.com/';

/** The URI blocklists' codes are the blocklist area's: one wording for both. */
const MEANINGS = BLOCKLIST_MEANINGS;

export const links: AreaCatalog<'links'> = {
  'links.clean': {
    title: 'No deceptive links',
    detail:
      'None of the {count} web links hides where it leads: every link text that shows an address matches its target, and no link uses a URL shortener, a bare IP address, a name before “@” or a look-alike international domain name.',
    fix: null,
  },
  'links.text-mismatch': {
    title: 'A link’s text shows a different site from where it leads ({count})',
    detail:
      'The visible text of a link shows one address while the link goes to another (text → target): {examples}. This is how phishing disguises its links, so SpamAssassin, rspamd and the large mailbox providers score it heavily, and Gmail may warn readers. Links through an email service’s click tracking, and between sites of one organization (example.com and example.co.jp), are not counted.',
    fix: 'Make every link whose text is an address lead to that same site: put the real destination in the text, or use words such as “See your order” instead of an address. For click tracking, use your email service’s branded tracking domain under your own domain (for example click.yourdomain), so that text and target share a domain.',
  },
  'links.userinfo': {
    title: 'A link hides its real host behind “@” ({count})',
    detail:
      'In {examples}, everything before the “@” is a user name, not the site: the browser opens the host after it. Phishing uses this to show a trusted name first; browsers warn about such links and filters treat them as phishing.',
    fix: 'Remove the “name@” part from the link so that the URL starts with the real host: https://host/path.',
  },
  'links.lookalike': {
    title: 'A link goes to a look-alike international domain name ({count})',
    detail:
      'The name {examples}: {reason}. Browsers show such names in their xn-- form (punycode) to protect readers, and filters score them as phishing. Japanese, Chinese and Korean names, which mix their scripts with Latin, are not counted.',
    fix: 'Link to the ASCII name of your site. If the international name is really yours, write it in one script (Japanese names are fine) and avoid names that read as someone else’s brand.',
    values: {
      reason: {
        'imitates-name':
          'it reads as a well-known name, but some of its letters come from another script or carry marks',
        'mixed-script': 'it mixes scripts that no language writes together (such as Latin with Cyrillic)',
        'whole-script': 'it is written entirely in letters of another script that look like Latin letters',
        'invalid-punycode': 'its xn-- label is not valid punycode, so no browser can show it',
      },
    },
  },
  'links.ip-host': {
    title: 'A link goes to a bare IP address ({count})',
    detail:
      'Links such as {examples} point to an IP address ({form}) instead of a domain name. Legitimate senders link to names; spam and malware use raw addresses to slip past domain blocklists, so SpamAssassin (NUMERIC_HTTP_ADDR) and other filters score such links.',
    fix: 'Link to a domain name whose A or AAAA record points to the server (for example https://www.yourdomain/), with an HTTPS certificate for that name.',
    values: {
      form: {
        dotted: 'written as usual',
        ipv6: 'an IPv6 address',
        decimal: 'written as one decimal number, a way to disguise it',
        hex: 'written in hexadecimal, a way to disguise it',
        octal: 'written in octal, a way to disguise it',
      },
    },
  },
  'links.shortener': {
    title: 'Links go through a public URL shortener ({count})',
    detail:
      'The message links to {examples}. A public shortener hides where a link leads and anyone can make one, so spammers use them to get around URI blocklists; filters look behind them and score them, and readers hesitate to click links they cannot read.',
    fix: 'Link to the full URL of the destination. If you need short links, use a branded short domain of your own (for example go.yourdomain) that leads only to your sites.',
  },
  'links.uribl-listed': {
    title: '{domain} is on the URI blocklist {zone}',
    detail:
      'A domain this message links to is listed as {meaning}. Listings: {listings} ({count} in all). Nearly every receiver looks up the domains of links in these lists (Spamhaus DBL, SURBL, URIBL) and rejects or junks mail that links to a listed one, however well the message is authenticated.',
    fix: `If {domain} is yours, find and stop the cause (a compromised site, a spamming affiliate, an abused form), then request removal (${REMOVAL}). If it is not yours, remove every link to it from the message.`,
    values: { meaning: MEANINGS },
  },
  'links.uribl-minor': {
    title: '{domain} has a minor listing on the URI blocklist {zone}',
    detail:
      'A domain this message links to is listed as {meaning}. Listings: {listings} ({count} in all). Such listings mark abused legitimate domains or suspicions rather than spam domains; filters such as SpamAssassin give them small scores, which add up with other signs.',
    fix: `If {domain} is yours, look for compromised pages and open redirects on it and fix them, then ask for removal (${REMOVAL}). If it is not yours, link elsewhere if you can.`,
    values: { meaning: MEANINGS },
  },
  'links.uribl-error': {
    title: 'The URI blocklists could not be checked',
    detail:
      '{count} lookups on {zones} failed: {reason}. Whether the linked domains are listed is unknown; nothing was deducted.',
    fix: '{advice}',
    values: {
      reason: {
        refused:
          'the lists refused to answer the DNS resolver mailscore uses (they refuse public and forwarding resolvers such as 8.8.8.8 or 1.1.1.1, and resolvers that send too many queries)',
        'bad-query': 'the lists rejected the query as malformed',
        timeout: 'no answer came in time',
        'dns-error': 'the DNS server failed (SERVFAIL or REFUSED)',
        unexpected:
          'the answer was not one of the list’s codes (the resolver may turn non-existent names into addresses)',
      },
      advice: {
        refused:
          'For the operator of this mailscore: run your own recursive resolver (for example unbound) on the server instead of forwarding to a public one, and set MAILSCORE_DNS (or --dns) to it. The lists answer low-volume direct queries free of charge; for high volume, take a data feed from them.',
        'bad-query':
          'For the operator of this mailscore: report this as a bug, with the message; the query names are made from the link domains.',
        timeout:
          'For the operator of this mailscore: check that the DNS resolver reaches the lists’ name servers (port 53 out, UDP and TCP), then run the test again.',
        'dns-error':
          'For the operator of this mailscore: check the DNS resolver set with MAILSCORE_DNS (or --dns, or /etc/resolv.conf) and its logs, then run the test again.',
        unexpected:
          'For the operator of this mailscore: use a resolver that answers NXDOMAIN as it is (no “search assist” or advertising redirection), for example your own unbound.',
      },
    },
  },
  'links.uribl-clean': {
    title: 'The link domains are on no URI blocklist',
    detail: 'The {count} registered domains of the links were looked up on {zones}; none is listed.',
    fix: null,
  },
  'links.reachable': {
    title: 'The links answer',
    detail:
      'All {count} links checked answered (HEAD, or GET where HEAD was refused; redirects followed). Unsubscribe and opt-out links were not opened ({skipped}), because opening one could unsubscribe the test address.',
    fix: null,
  },
  'links.broken': {
    title: 'Broken links: the server answers with an error ({count})',
    detail:
      'These links lead to an error page (the HTTP status after the arrow, confirmed with GET): {urls}. Readers who land on an error page lose trust and report spam, and the link scanners of receivers (Microsoft Safe Links, Gmail) see the same error.',
    fix: 'Correct each URL (a typo, a page that moved, an ended campaign) or make the server answer it with 200; a page that moved should redirect (301) to its new address.',
  },
  'links.unreachable': {
    title: 'Links that cannot be reached ({count}, for example {error})',
    detail:
      'These links got no answer: {urls}. The code says why: ENOTFOUND, the host name does not exist; ENODATA, it has no address; ETIMEOUT, no answer within 3 seconds; ECONNREFUSED, nothing listens on the port; CERT_… or ERR_TLS_…, the HTTPS certificate is not valid for the name.',
    fix: 'Check each host: its name must resolve (an A or AAAA record), the server must answer on port 80 or 443 within a few seconds, and an https site needs a valid certificate for exactly that name (for example from Let’s Encrypt).',
  },
  'links.private-target': {
    title: 'Links lead to a private address ({count})',
    detail:
      'These links, or a redirect they lead to, go to an address that is not on the Internet: {urls} ({address} is in {block}, {rfc}). Nobody outside your own network can open them; mailscore does not connect to such addresses.',
    fix: 'Replace test and internal URLs (localhost, staging servers, intranet names) with the public address of the page, and make sure the public DNS of each host gives only public IP addresses.',
  },
  'links.redirect-limit': {
    title: 'Links redirect more than {max} times ({count})',
    detail:
      'These links were not followed to the end: {urls}. Long chains of redirects slow readers down and are typical of spam that hops through many redirectors.',
    fix: 'Link straight to the destination, or at most through your click tracker, and remove the extra redirects on the server.',
  },
  'links.redirect-chain': {
    title: 'Links pass through several redirects ({count})',
    detail:
      'Where they end, with the number of redirects: {chains}. One redirect (click tracking, http to https) is normal; each further hop is one more domain a filter may distrust.',
    fix: 'Where you can, link to the final address directly.',
  },
  'links.check-refused': {
    title: 'Some sites refuse automated checks ({count})',
    detail:
      'These links answered our check with 401, 403, 407 or 429: {urls}. Such sites refuse robots or ask for a login; readers in a browser usually get the page. Nothing was deducted.',
    fix: null,
  },
  'links.not-checked': {
    title: '{count} links were not checked',
    detail:
      'The reachability check opens at most {limit} distinct links per message and stops after 10 seconds; the others were not checked ({reason}). Nothing was deducted for them.',
    fix: null,
    values: {
      reason: {
        limit: 'the message has more links than that',
        deadline: 'the time ran out',
      },
    },
  },
  'links.error': {
    title: 'The link checks failed',
    detail: 'An unexpected error stopped the link checks ({error}); nothing was deducted.',
    fix: null,
  },
};
