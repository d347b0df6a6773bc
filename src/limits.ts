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
  /**
   * Received fields parsed (topmost first) when the sending IP is read from them. RFC 5321 6.3 has a relay
   * treat 100 Received fields as a mail loop; Postfix bounces at 50 (hopcount_limit).
   */
  maxReceivedFields: 100,
  /** Characters of one Received field parsed: real ones have 100-600 (a Postfix field with its TLS note ~450). */
  receivedFieldChars: 4_096,
  /** Characters of the chosen Received field quoted in the report (envelope.clientIpSource and its finding). */
  receivedShownChars: 1_000,
  /** --trusted-relay / ?trustedRelay= entries taken (a site has a handful of relays and networks). */
  maxTrustedRelays: 64,
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
  /** HTTP: time to send the request headers (slowloris); browsers and proxies send them at once. */
  httpHeadersTimeoutMs: 20_000,
  /** HTTP: time to receive a whole request, body included: a 25 MB message over a 2 Mbit/s uplink takes ~100 s. */
  httpRequestTimeoutMs: 120_000,
  /** HTTP: a socket with no traffic either way is closed after this (SSE streams send a heartbeat well within it). */
  httpIdleTimeoutMs: 60_000,
  /** HTTP: idle keep-alive connections are closed after this (browsers reuse them within seconds). */
  httpKeepAliveTimeoutMs: 10_000,
  /** HTTP: open connections at once; past it new ones are refused (file descriptors and memory stay bounded). */
  httpMaxConnections: 10_000,
  /** HTTP: body size of every route that takes no message (the message routes use --max-message-bytes). */
  httpSmallBodyBytes: 16 * 1024,
  /** HTTP: on shutdown, requests still running after this are cut (an analysis ends within its 10 s DNS deadline). */
  httpCloseGraceMs: 15_000,
  /** POST /api/analyze and /api/inspect running at once, in total and per client IP (each holds a message in memory and runs DNS lookups). */
  apiAnalysesAtOnce: 8,
  apiAnalysesPerIp: 2,
  /** Clients whose blocklist-lookup rate is remembered at once (a full table refuses new clients instead of growing). */
  lookupRateClients: 10_000,
  /** Live-update streams (SSE) open at once, in total and per client IP: a page keeps one; a few tabs are normal. */
  sseMaxStreams: 1_000,
  sseMaxStreamsPerIp: 10,
  /** SSE comment sent this often so proxies and the idle timeout do not cut a quiet stream. */
  sseHeartbeatMs: 15_000,
  /** An SSE stream is ended after this; the browser reconnects by itself (EventSource) and gets the current state. */
  sseMaxLifetimeMs: 30 * 60_000,
  /** Reconnection delay the browser is told to use (SSE `retry:`). */
  sseRetryMs: 3_000,
  /** A stream whose client stopped reading is dropped once this much output is waiting. */
  sseMaxBufferedBytes: 64 * 1024,
  /**
   * Claims of one message before it is failed instead of analyzed again. A claim that never finished means the
   * process died during the analysis; a message that did that twice would otherwise take the service down at
   * every start. A normal stop waits for analyses in progress, so an honest message rarely loses even one.
   */
  maxAnalysisAttempts: 2,
  /** One analysis (parse, checks, scoring); the DNS deadline is 10 s, so more than this means something is stuck. */
  analysisTimeoutMs: 60_000,
  /** How long stopping the worker waits for analyses in progress (longer than the DNS deadline, so they finish). */
  workerCloseWaitMs: 15_000,
  /** After a storage error while taking work, the worker tries again this much later (the queue stays on disk). */
  workerRetryDelayMs: 1_000,
  /**
   * Messages stored in one transaction (one fsync for them all: group commit), and their bytes; a larger
   * message goes alone. Bounds how long one commit blocks and how much it adds to the WAL.
   */
  storeCommitBatch: 64,
  storeCommitBatchBytes: 16 * 1024 * 1024,
  /** Messages of one test listed (newest first) for its page and API: each carries its report, and a sender can send many. */
  maxListedMessages: 50,
  /**
   * Messages one test address accepts (552 5.2.2 after): a test needs a handful, and without a cap one live
   * address could fill the disk and the analysis queue. Equal to the list shown, so none is ever hidden.
   */
  maxMessagesPerTest: 50,
  /**
   * SMTP: longest command line. RFC 5321 4.5.3.1.4 sets 512 octets and lets extensions add to it (ORCPT adds 500,
   * RFC 3461); smtp-server's own 16 KB is sized for AUTH tokens, which we do not offer.
   */
  smtpMaxCommandLine: 2_048,
  /**
   * SMTP: refused RCPTs in one session before it is closed with 421 (Postfix's smtpd_hard_error_limit is 20).
   * A real sender has a handful of wrong addresses at most; a client guessing addresses makes one lookup each.
   */
  smtpMaxRefusedRecipients: 20,
  /** SMTP: longest local part of a recipient we look up (RFC 5321 4.5.3.1.1); longer ones are unknown without a query. */
  smtpMaxLocalPart: 64,
  /**
   * SMTP: message bytes held in memory by all DATA transfers at once (each is kept whole until it is stored).
   * A transfer that would pass it gets 452 4.3.1 (try later). Never below one message of --max-message-bytes.
   */
  smtpBufferedBytes: 256 * 1024 * 1024,
  /**
   * SMTP: a client that ignores SIZE is read to the end of DATA (then 552) only up to this many times the limit;
   * past it the connection is closed, so an endless DATA stream cannot hold a connection forever.
   */
  smtpOversizeCutoffFactor: 2,
  /** SMTP: on shutdown, sessions still open after this are told 421 and closed (a DATA in progress is stored by then). */
  smtpCloseGraceMs: 5_000,
  /**
   * Bytes of a message's header section the report page shows (and repeats in its copy button's source). Real
   * headers are a few KB, long Received/ARC chains rarely 64 KB; the whole message stays downloadable.
   */
  pageHeaderBytes: 128 * 1024,
  /**
   * List-Unsubscribe: characters of the value read, and URIs taken from it (RFC 2369 sets no bound; real fields
   * hold one https and one mailto URI of a few hundred characters).
   */
  maxListUnsubscribeChars: 8_192,
  maxListUnsubscribeUris: 10,
  /**
   * Characters of the body text searched for unsubscribe words (the start and the end, where footers are).
   * Gmail clips HTML at 102 KB, so a footer further in is not seen by readers either.
   */
  unsubscribeScanChars: 256 * 1024,
  /**
   * Content filter (spamd, rspamd): the whole call, connect to verdict. As long as the DNS deadline, so the
   * filter never makes a report later than its lookups can; spamd's own time_limit (deploy/) is 8 s.
   */
  spamFilterTimeoutMs: 10_000,
  /** Content filter: connecting. The filter runs beside us (loopback or LAN): a connection takes milliseconds. */
  spamFilterConnectTimeoutMs: 2_000,
  /** At start, the one try of spamd at 127.0.0.1:783 (and of the configured filters): refused is immediate. */
  spamFilterProbeTimeoutMs: 2_000,
  /**
   * Bytes of a message handed to the filter; past it the message is cut at a line end, as amavis does
   * (sa_mail_body_size_limit). SpamAssassin scans the first 50 KB of each text part anyway; 10 MB took 1.1 s.
   */
  spamFilterMaxMessageBytes: 10 * 1024 * 1024,
  /** Bytes of a filter's answer read. A spamd report is a few KB; rspamd's JSON lists URLs (up to max_urls). */
  spamFilterMaxResponseBytes: 1024 * 1024,
  /** Rules kept from one verdict (a spammy message hits 20-40 SpamAssassin rules), and their text. */
  spamFilterMaxRules: 200,
  spamFilterMaxRuleName: 100,
  spamFilterMaxRuleDescription: 300,
  /**
   * Built-in rules: characters of the text part and of the HTML's text they read (each). SpamAssassin reads
   * the first 50 000 bytes of a text part (body_part_scan_size); so do these, in characters.
   */
  builtinRulesTextChars: 50_000,
  /**
   * The content check: characters of the text part and of the HTML's text it measures (words, placeholders).
   * The same bound as the built-in rules: past it a message is long by any measure, and every extra pass over
   * a large body costs as much as DKIM's body hash.
   */
  contentCheckChars: 50_000,
  /** Built-in rules: characters of HTML source they read (markup is bulkier than its text). */
  builtinRulesHtmlChars: 512 * 1024,
  /** Built-in rules: characters of the Subject they read (RFC 5322 lines stop at 998 octets; folded ones rarely pass 1 000). */
  builtinRulesSubjectChars: 2_000,
  /** Built-in rules: links they look at (the extractor keeps more for the link checks; a verdict needs far fewer). */
  builtinRulesLinks: 500,
  /** Built-in rules: bytes of the raw message searched for the HTML part's transfer encoding. */
  builtinRulesScanBytes: 1024 * 1024,
  /**
   * Content extraction: characters kept of the text part, of the HTML source and of the HTML's visible text
   * (each). Real mail has a few thousand; Gmail clips HTML at 102 KB. A bound, so a hostile 12 MB HTML body
   * costs one linear parse, not more.
   */
  contentMaxTextChars: 1_000_000,
  contentMaxHtmlChars: 2_000_000,
  /**
   * HTML nesting depth read. htmlparser2's work per tag grows with the depth (its stack is an array it shifts
   * and searches), so 500 000 unclosed tags would take minutes; real mail nests 20-60 levels. At 256, 2 MB of
   * stray close tags under the deepest nesting take 0.3 s.
   */
  contentMaxHtmlDepth: 256,
  /** Links kept (HTML anchors, then URLs in text). Newsletters have 20-150; past the bound the list is marked cut. */
  contentMaxLinks: 1_000,
  /** Images kept from the HTML (a newsletter has tens). */
  contentMaxImages: 500,
  /** Attachments kept (mailparser stops at 1000 MIME nodes; real mail carries a handful). */
  contentMaxAttachments: 100,
  /** Characters of one URL kept (browsers handle ~2 000 reliably; longer ones are tracking or attacks). */
  contentMaxUrlChars: 2_048,
  /** Hidden-text segments kept (enough to show the pattern). */
  contentMaxHiddenSegments: 20,
  /** Bytes of an attachment kept as its head for type sniffing (magic numbers sit in the first 512). */
  contentAttachmentHeadBytes: 4_096,
  /** Archive entries read from a ZIP's central directory or a RAR's headers (to find executables inside). */
  contentMaxArchiveEntries: 1_000,
  /**
   * Link checks: links looked at for deceptive signs (the extractor keeps up to contentMaxLinks; real mail has
   * 20-150), examples one finding shows, characters of a URL shown, and of a URL parsed at all (browsers
   * handle ~2 000 reliably; longer ones are tracking or attacks).
   */
  linkMaxInspected: 1_000,
  linkExamples: 5,
  linkShownChars: 120,
  linkMaxUrlChars: 2_048,
  /**
   * URI blocklists: registered domains looked up (each costs one query per zone, all at once: 20 × 3 = 60);
   * a newsletter links to a handful of domains, spam hides its own among many.
   */
  uriBlocklistDomains: 20,
  /** URI blocklists: answer records decoded per lookup (a listing has one or two). */
  uriBlocklistAnswers: 8,
  /**
   * Blocklist check: sender domains looked up (From, MAIL FROM, then DKIM d=; each is its registered domain
   * on every domain list, plus its exact name on lists that hold host names: with 4 lists, at most 4 × 6 = 24
   * queries). Honest mail has one to three; a message cannot make us ask the lists about dozens.
   */
  blocklistSenderDomains: 4,
  /** Blocklist findings: hits (or failed lists) named in one finding; the report's `blocklists` block has them all. */
  blocklistFindingItems: 20,
  /**
   * Blocklists file (--blocklists): its size, lists added, zones in the resulting set (each costs one query per
   * report, all at once), and names per remove / codes per list / weights. Real files are a few hundred bytes.
   */
  blocklistFileBytes: 64 * 1024,
  blocklistAdded: 32,
  blocklistZones: 40,
  blocklistFileItems: 64,
  /**
   * Link reachability: distinct URLs fetched, at once, per request (issue 4: 3 s), redirects followed, and the
   * whole check (10 URLs, 4 at once, 3 s each end within 9 s; redirect hops past 10 s are not waited for).
   */
  linkCheckUrls: 10,
  linkCheckConcurrency: 4,
  linkCheckTimeoutMs: 3_000,
  linkCheckMaxRedirects: 5,
  linkCheckDeadlineMs: 10_000,
  /** Link reachability: addresses of one host considered (all are checked before any is used). */
  linkCheckAddresses: 16,
  /** Link reachability: response header bytes read (Node's default; only the status and Location are used). */
  linkCheckHeaderBytes: 16 * 1024,
  /** Redirects after which a working link's chain is shown (one is normal: click tracking, http → https). */
  linkRedirectsNoted: 2,
  /** Domain audit: DKIM selectors the user may name (each costs a query; the common ones are tried anyway). */
  auditUserSelectors: 10,
  /**
   * Domain audit in the service: one audit counts as this many blocklist lookups against --lookups-per-minute
   * (it sends about 80 queries, 35 of them for the common DKIM selectors, and may fetch two HTTPS resources;
   * a blocklist lookup sends about ten, but to the lists, which limit volume: the audit's go mostly to the
   * audited domain's own servers, and only an --ip adds one per list).
   */
  auditLookupCost: 5,
  /** Domain audit: MX hosts checked (Google Workspace publishes 5, Microsoft 365 one; more is a hostile or odd zone). */
  auditMxHosts: 10,
  /** Addresses checked per MX host (real hosts have one to four; each costs a PTR and its forward lookups). */
  auditMxAddresses: 10,
  /** Addresses whose reverse DNS is checked across all MX hosts (each costs 1 + up to maxPtrNames queries). */
  auditMxReverseChecks: 20,
  /** TXT records read at one DKIM key name (a key name holds one; a few more show a split or duplicate key). */
  auditDkimRecords: 8,
  /** Characters of a DKIM key record kept in the audit (a 4096-bit RSA record has about 750). */
  auditDkimRecordChars: 2_048,
  /**
   * Domain audit HTTPS fetches (MTA-STS policy, BIMI logo): each request's whole time, connect to last byte.
   * RFC 8461 3.3 suggests senders wait a minute; 5 s keeps a policy fetch (after its TXT lookup, at most 4 s)
   * within the audit's 10 s DNS deadline, and a healthy policy host answers in well under a second.
   */
  auditFetchTimeoutMs: 5_000,
  /** Characters of a URL from a hostile record (BIMI l= / a=) taken at all. */
  auditUrlChars: 2_048,
  /** Characters of a TXT record (MTA-STS, TLS-RPT, BIMI) kept in the audit and its words. */
  auditRecordChars: 512,
  /** TXT records read at one name for MTA-STS, TLS-RPT or BIMI (one is right; a few more show duplicates). */
  auditTxtRecords: 8,
  /** MTA-STS policy bytes read (RFC 8461 sets none; real policies are under 1 KB, 64 KB is what issue 6 allows). */
  mtaStsPolicyBytes: 64 * 1024,
  /** MTA-STS policy lines and mx patterns read (real policies have a handful; a hostile 64 KB one has thousands). */
  mtaStsPolicyLines: 1_000,
  mtaStsMxPatterns: 100,
  /** MTA-STS policy characters kept in the audit's data. */
  mtaStsPolicyShownChars: 4_096,
  /** BIMI logo bytes (the BIMI group's SVG Tiny PS guidance: at most 32 KB; receivers refuse larger ones). */
  bimiSvgBytes: 32 * 1024,
  /** BIMI logo elements looked at (a logo has tens to a few hundred; 32 KB holds at most ~8 000 empty ones). */
  bimiSvgElements: 10_000,
  /** rua URIs of a TLS-RPT record kept (real records have one or two). */
  tlsRptUris: 10,
  /**
   * Authentication-Results (RFC 8601) read by inspect: fields read (topmost first), characters of one field,
   * results kept from one field. Real fields are under 2 000 characters with a handful of results (Gmail's
   * has 3-6; one per DKIM signature), and a message passes a few receivers.
   */
  authResultsFields: 50,
  authResultsFieldChars: 16_384,
  authResultsPerField: 64,
  /**
   * Inspect (src/inspect/inspect.ts): forwards-as-attachment unwrapped in a row (a forward of a forward of the
   * original is 2; more is a crafted matryoshka), characters of a forwarding note under which the attached
   * message is still "the only real content", and reasons shown (a message with hundreds of bad links says
   * enough in its first 30).
   */
  inspectUnwrapDepth: 3,
  inspectForwardNoteChars: 2_000,
  inspectReasons: 30,
} as const;
