/**
 * Every bound on size, count and time in one place, each with the reason for its value.
 * Input is hostile: nothing here may grow without limit.
 */
export const LIMITS = {
  /** Largest message we read at all (CLI and API). Above the 25 MB SMTP default, so a 30 MB test message still gets a report. */
  maxMessageBytes: 64 * 1024 * 1024,
  /** Header fields we look at; a message with more is flagged and the rest ignored. RFC 5322 sets no limit, real mail has < 200. */
  maxHeaderFields: 2_000,
  /** Bytes of the header section we parse (real mail: a few KB; Received chains rarely exceed 64 KB). */
  maxHeaderBytes: 1024 * 1024,
  /** DKIM signatures verified per message; the rest are reported as skipped (each costs a key lookup and a body hash). */
  maxDkimSignatures: 10,
  /** MIME decoding (text/HTML extraction) only below this size; larger messages get the structural checks only. */
  maxMimeParseBytes: 12 * 1024 * 1024,
  /** PTR names we forward-confirm (RFC 8601 iprev: a client with dozens of PTRs is itself suspicious). */
  maxPtrNames: 10,
  /** Per-query timeout and retries (issue 2: 2 s, 1 retry). */
  dnsQueryTimeoutMs: 2_000,
  dnsRetries: 1,
  /** Whole-report DNS deadline: pending lookups end as temperror after it. */
  dnsDeadlineMs: 10_000,
  /** Shared DNS cache: entry count and TTL bounds (a hostile zone cannot pin entries forever or flood memory). */
  dnsCacheEntries: 20_000,
  dnsMaxTtlSeconds: 3_600,
  dnsMinTtlSeconds: 0,
  /** Negative answers without an SOA are cached this long (RFC 2308 suggests SOA minimum; 5 min is the common cap). */
  dnsNegativeTtlSeconds: 300,
  /** EDNS0 UDP payload size (DNS flag day 2020 recommendation). */
  dnsUdpPayloadSize: 1232,
  /** CNAME hops followed inside one answer. */
  dnsMaxCnameHops: 8,
  /**
   * Header lines handed to the DKIM verifier. mailauth joins folded lines in quadratic time (40 000
   * continuation lines take seconds); real headers have a few hundred lines, a 50-set ARC chain about a thousand.
   */
  maxDkimHeaderLines: 5_000,
  /**
   * DMARC lookups started before SPF and DKIM finish: the author domain's Tree Walk (at most 8), its existence
   * (1, plus a CNAME when NXDOMAIN) and the walk names the envelope and DKIM domains add. A hostile message
   * (many signatures with deep d= names) cannot make us send more than this before the evaluation itself asks.
   */
  maxDmarcPrefetchLookups: 40,
  /** SPF records the lookup-count walk follows (include/redirect tree), so a hostile tree cannot make it walk without end. */
  maxSpfTreeRecords: 40,
  /** Deepest multipart nesting the MIME structure scan follows. Real mail nests < 10 levels; mailsplit refuses > 1000 nodes. */
  maxMimeDepth: 50,
  /** MIME parts the structure scan looks at; past this the rest is not scanned (mailsplit's own bound is 1000 nodes). */
  maxMimeParts: 1_000,
} as const;
