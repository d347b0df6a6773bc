/**
 * DNS blocklists (DNSBL / RHSBL / URIBL) and allowlists, as typed values: the zone table, one zone's answer
 * decoded, and one target's result. The pipeline's blocklist check (src/checks/blocklists.ts), the link
 * check's URI blocklists, `mailscore blocklist`, `GET /api/blocklists/:target` and the domain audit all use
 * these. How much a listing costs is not here: the weight class names a row of src/scoring/deductions.ts.
 */

/** What a list is queried with: an IP address (reversed octets, IPv6 nibbles) or a domain name. */
export type BlocklistKind = 'ip' | 'domain';

/** A list of bad senders, or an allowlist of known-good ones (information only, never a deduction). */
export type BlocklistRole = 'block' | 'allow';

/**
 * How much a listing weighs: `major` (receivers reject or junk on it), `minor` (some receivers score it),
 * `info` (shown, costs nothing: policy lists such as Spamhaus PBL, UCEPROTECT levels 2 and 3, allowlists).
 */
export type BlocklistWeight = 'major' | 'minor' | 'info';

/** Why a query gave no verdict. `refused`: the list answered with its "query refused" code (public resolver, over quota). */
export type BlocklistErrorReason = 'refused' | 'bad-query' | 'timeout' | 'dns-error' | 'unexpected';

/** One meaning of one return code (127.0.0.2 on ZEN is "SBL"): the tag shown as the list names it. */
export interface BlocklistListing {
  /** The list's own name for the code: "SBL", "XBL", "PBL", "127.0.1.4", "black", "PH". */
  tag: string;
  /** A coded meaning, worded in the catalogs (e.g. 'spam-source', 'exploited', 'policy', 'phish'). */
  meaning: string;
  weight: BlocklistWeight;
}

/** One answer address decoded: its listings, or the reason it says nothing (refused, a query error). */
export type DecodedAnswer = { listings: BlocklistListing[] } | { error: BlocklistErrorReason };

export interface BlocklistZone {
  /** The DNS zone queried, e.g. "zen.spamhaus.org". */
  zone: string;
  /** The list's name for people, e.g. "Spamhaus ZEN". */
  name: string;
  kind: BlocklistKind;
  role: BlocklistRole;
  /** Decodes one answer address (127.x.y.z). */
  decode(address: string): DecodedAnswer;
  /** Families an IP list answers for (most lists are IPv4 only). Domain lists ignore it. */
  families?: ReadonlyArray<4 | 6>;
  /**
   * A note for people, coded for the catalogs: 'registered-resolver' = the list answers only resolvers
   * registered with it (Barracuda), so a refusal means "register your resolver".
   */
  note?: string;
  /** The list's lookup and removal page (a URL is not words: it is shown as it is, in both languages). */
  removal?: string;
  /**
   * Domain lists: the list also holds host names below registered domains (Spamhaus DBL lists abused
   * subdomains), so the exact name is asked as well as the registered domain. Lists without it hold
   * registered domains only, and a subdomain query there is a wasted query (URIBL and SURBL say so).
   */
  subdomains?: boolean;
}

/** One target on one zone. `zone`, `listed`, `status` and `codes` are the contract's report fields. */
export interface BlocklistResult {
  zone: string;
  listed: boolean;
  status: 'listed' | 'clean' | 'error';
  /** The answer addresses as received (bounded). */
  codes: string[];
  /** Extra: the list's name, what was looked up, and how. */
  name: string;
  target: string;
  kind: BlocklistKind;
  role: BlocklistRole;
  /** Extra: what the codes mean, and the heaviest weight among them (null when not listed). */
  listings: BlocklistListing[];
  weight: BlocklistWeight | null;
  error: BlocklistErrorReason | null;
  /** Extra: the list's lookup and removal page, and its note (see BlocklistZone), when it has them. */
  removal?: string;
  note?: string;
}
