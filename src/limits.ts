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
} as const;
