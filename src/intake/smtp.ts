/**
 * SMTP intake (smtp-server). Accepts mail for live test addresses only and never relays; each message is
 * committed to the store before the 250 reply, then the analysis worker is woken. What the client did (IP,
 * HELO, MAIL FROM, every RCPT, the TLS protocol and cipher) becomes the message's envelope.
 *
 * Our own replies carry their RFC 3463 enhanced status code at the start of the text; smtp-server would
 * otherwise derive one from the reply code (550 → 5.1.1 also for a relay attempt, which is 5.7.1).
 */
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { domainToASCII } from 'node:url';
import type { Logger } from 'pino';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from 'smtp-server';
import { parseIp } from '../checks/iprev.js';
import { LIMITS } from '../limits.js';
import type { Envelope, TlsInfo } from '../report/types.js';
import type { MessageRecord } from '../store/types.js';
import type { AnalysisWorker, RunningServer, ServiceContext } from '../service/types.js';
import type { TlsMaterial } from './tls.js';

type Connection = SMTPServer['connections'] extends Set<infer C> ? C : never;

/** Label values of smtpRejections: a fixed set, so the metric's cardinality stays bounded. */
export type RejectionReason =
  | 'unknown_recipient'
  | 'test_full'
  | 'relay_denied'
  | 'too_many_recipients'
  | 'too_many_errors'
  | 'too_many_connections_per_ip'
  | 'too_many_connections'
  | 'message_too_big'
  | 'server_busy'
  | 'storage_failure'
  | 'idle_timeout'
  | 'line_too_long'
  | 'shutdown'
  | 'protocol';

/** A refusal of ours, passed to an smtp-server callback: `responseCode` is the reply code. */
export class SmtpRejection extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
    readonly reason: RejectionReason,
  ) {
    super(message);
  }
}

/** Text that starts with an enhanced status code (RFC 3463: class.subject.detail). */
const OWN_STATUS_CODE = /^[245]\.\d{1,3}\.\d{1,3} /;

const reject = {
  unknownRecipient: () =>
    new SmtpRejection(550, '5.1.1 No such test address here (it may have expired)', 'unknown_recipient'),
  relayDenied: (domain: string) =>
    new SmtpRejection(
      550,
      `5.7.1 Relay access denied: this server takes mail for @${domain} only`,
      'relay_denied',
    ),
  tooManyRecipients: (max: number) =>
    new SmtpRejection(452, `4.5.3 Too many recipients (at most ${max} per message)`, 'too_many_recipients'),
  tooManyFromIp: () =>
    new SmtpRejection(
      421,
      '4.7.0 Too many connections from your IP, try again later',
      'too_many_connections_per_ip',
    ),
  messageTooBig: (max: number) =>
    new SmtpRejection(552, `5.3.4 Message exceeds the size limit of ${max} bytes`, 'message_too_big'),
  tooManyErrors: () =>
    new SmtpRejection(421, '4.7.0 Too many refused recipients, closing connection', 'too_many_errors'),
  busy: () => new SmtpRejection(452, '4.3.1 Insufficient system storage, try again later', 'server_busy'),
  /** The store failed (a lookup or a commit): temporary, so the sender keeps the message and retries. */
  storageFailure: () =>
    new SmtpRejection(451, '4.3.0 Temporary local problem, try again later', 'storage_failure'),
  testFull: (max: number) =>
    new SmtpRejection(
      552,
      `5.2.2 This test address has received its limit of ${max} messages; create a new test`,
      'test_full',
    ),
  cutOff: () =>
    new SmtpRejection(421, '4.3.4 Message far over the size limit, closing connection', 'message_too_big'),
};

/** The reason of a refusal smtp-server made by itself (its reply texts, as of smtp-server 3.21). */
export function libraryRejectionReason(
  code: number,
  text: string,
  context: string | false | undefined,
): RejectionReason {
  if (context === 'MESSAGE_TOO_BIG') return 'message_too_big';
  if (code === 421 && text.startsWith('Timeout')) return 'idle_timeout';
  if (code === 421 && text.includes('Too many connected clients')) return 'too_many_connections';
  if (code === 421 && text.includes('Command line too long')) return 'line_too_long';
  if (code === 421 && text.includes('shutting down')) return 'shutdown';
  return 'protocol';
}

/** The per-IP connection count's key: an IPv4 address, or the /64 of an IPv6 one (one subscriber's share). */
export function connectionKey(ip: string): string {
  const parsed = parseIp(ip);
  if (!parsed) return ip;
  if (parsed.family === 4) return parsed.text;
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2)
    groups.push((((parsed.bytes[i] ?? 0) << 8) | (parsed.bytes[i + 1] ?? 0)).toString(16));
  return `${groups.join(':')}::/64`;
}

/** Lower-case A-label form of a domain (an SMTPUTF8 client may send U-labels); '' when it is no domain name. */
export function normalizeDomain(domain: string): string {
  return domainToASCII(domain.trim().replace(/\.$/, '').toLowerCase());
}

/** local@domain split at the last @ (a quoted local part may hold one); null without a domain. */
export function splitAddress(address: string): { localPart: string; domain: string } | null {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  return { localPart: address.slice(0, at), domain: address.slice(at + 1) };
}

/** What we know of one connection beyond smtp-server's session. */
interface SessionState {
  connection: Connection | null;
  /** Negotiated by STARTTLS (null: plain text). */
  tls: TlsInfo | null;
  /** Accepted recipients of the current transaction: lower-case address → test id. */
  recipients: Map<string, string>;
  /** Set once the connection counts against its IP's limit. */
  ipKey: string | null;
  /** RCPTs refused in this session (all transactions). */
  refusedRecipients: number;
}

/** Bytes of DATA held in memory by all transfers together. */
class MemoryBudget {
  private used = 0;
  constructor(private readonly limit: number) {}
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }
  give(bytes: number): void {
    this.used -= bytes;
  }
}

type Received =
  { kind: 'complete'; raw: Buffer } | { kind: 'too-big' } | { kind: 'busy' } | { kind: 'aborted' };

/**
 * Reads one message from the DATA stream, holding at most `maxBytes` of it (and only while the shared budget
 * allows); past the limit the rest is read and dropped. `onCutOff` runs once when the transfer passes `cutOffBytes`.
 * The caller gives back `raw.length` to the budget once the message is stored.
 */
function receiveMessage(
  stream: SMTPServerDataStream,
  bounds: { maxBytes: number; cutOffBytes: number },
  memory: MemoryBudget,
  onCutOff: () => void,
): Promise<Received> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let held = 0;
    let total = 0;
    let state: 'keeping' | 'too-big' | 'busy' = 'keeping';
    let cutOff = false;
    let settled = false;
    const release = () => {
      memory.give(held);
      chunks = [];
      held = 0;
    };
    const drop = (next: 'too-big' | 'busy') => {
      release();
      state = next;
    };
    const finish = (result: Received) => {
      if (settled) return;
      settled = true;
      if (result.kind !== 'complete') release();
      resolve(result);
    };
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (state === 'keeping') {
        if (total > bounds.maxBytes) drop('too-big');
        else if (!memory.take(chunk.length)) drop('busy');
        else {
          chunks.push(chunk);
          held += chunk.length;
        }
      }
      if (total > bounds.cutOffBytes && !cutOff) {
        cutOff = true;
        onCutOff();
      }
    });
    stream.once('end', () => {
      if (state === 'too-big' || stream.sizeExceeded) finish({ kind: 'too-big' });
      else if (state === 'busy') finish({ kind: 'busy' });
      else finish({ kind: 'complete', raw: Buffer.concat(chunks, held) });
    });
    // The client went away mid-message: smtp-server destroys the stream (with an error when we listen for one).
    stream.once('error', () => finish({ kind: 'aborted' }));
    stream.once('close', () => finish({ kind: 'aborted' }));
  });
}

export async function startSmtp(
  ctx: ServiceContext,
  tls: TlsMaterial,
  worker: AnalysisWorker,
): Promise<RunningServer> {
  const { config, store, metrics, events } = ctx;
  const log: Logger = ctx.logger.child({ component: 'smtp' });
  const ourDomain = normalizeDomain(config.domain);
  const states = new WeakMap<SMTPServerSession, SessionState>();
  const connectionsPerIp = new Map<string, number>();
  const memory = new MemoryBudget(Math.max(LIMITS.smtpBufferedBytes, config.maxMessageBytes));
  const inFlight = new Set<Promise<unknown>>();

  const refuse = (
    rejection: SmtpRejection,
    session: SMTPServerSession,
    detail: Record<string, unknown> = {},
  ) => {
    metrics.smtpRejections.inc({ reason: rejection.reason });
    log.info(
      { session: session.id, clientIp: session.remoteAddress, reason: rejection.reason, ...detail },
      'refused',
    );
    return rejection;
  };

  const stateOf = (session: SMTPServerSession): SessionState => {
    let state = states.get(session);
    if (!state) {
      state = { connection: null, tls: null, recipients: new Map(), ipKey: null, refusedRecipients: 0 };
      states.set(session, state);
    }
    return state;
  };

  /** Our replies keep their own enhanced code; smtp-server's own refusals are counted here. */
  const decorate = (connection: Connection) => {
    stateOf(connection.session).connection = connection;
    const send = connection.send.bind(connection);
    connection.send = (code, data, context) => {
      if (typeof data === 'string' && OWN_STATUS_CODE.test(data)) return send(code, data, false);
      if (code >= 400) {
        const text = Array.isArray(data) ? data.join(' ') : (data ?? '');
        const reason = libraryRejectionReason(code, text, context);
        metrics.smtpRejections.inc({ reason });
        log.debug({ session: connection.id, code, reason }, 'smtp-server refused');
      }
      return send(code, data, context);
    };
  };

  const onConnect = (session: SMTPServerSession, callback: (err?: Error | null) => void) => {
    const key = connectionKey(session.remoteAddress);
    const open = connectionsPerIp.get(key) ?? 0;
    if (open >= config.maxConnectionsPerIp)
      return callback(refuse(reject.tooManyFromIp(), session, { open }));
    connectionsPerIp.set(key, open + 1);
    stateOf(session).ipKey = key;
    log.debug({ session: session.id, clientIp: session.remoteAddress }, 'connected');
    callback();
  };

  const onClose = (session: SMTPServerSession) => {
    const state = states.get(session);
    if (!state?.ipKey) return;
    const open = (connectionsPerIp.get(state.ipKey) ?? 1) - 1;
    if (open > 0) connectionsPerIp.set(state.ipKey, open);
    else connectionsPerIp.delete(state.ipKey);
    state.ipKey = null;
  };

  const onSecure = (
    socket: Socket | TLSSocket,
    session: SMTPServerSession,
    callback: (err?: Error | null) => void,
  ) => {
    // The negotiated protocol comes from the socket: the session's getCipher() only says what the cipher needs.
    const tlsSocket = socket as TLSSocket;
    const protocol = typeof tlsSocket.getProtocol === 'function' ? tlsSocket.getProtocol() : null;
    const cipher = typeof tlsSocket.getCipher === 'function' ? tlsSocket.getCipher()?.name : undefined;
    stateOf(session).tls = { protocol: protocol ?? 'unknown', cipher: cipher ?? null };
    log.debug({ session: session.id, protocol, cipher }, 'STARTTLS');
    callback();
  };

  const onMailFrom = (_address: SMTPServerAddress, session: SMTPServerSession, callback: () => void) => {
    stateOf(session).recipients.clear(); // a new transaction
    callback();
  };

  const checkRecipient = async (
    address: string,
    session: SMTPServerSession,
  ): Promise<SmtpRejection | string> => {
    const key = address.toLowerCase();
    const accepted = session.envelope.rcptTo;
    if (accepted.length >= config.maxRecipients && !accepted.some((r) => r.address.toLowerCase() === key)) {
      return refuse(reject.tooManyRecipients(config.maxRecipients), session);
    }
    const parts = splitAddress(address);
    if (parts && normalizeDomain(parts.domain) !== ourDomain) {
      return refuse(reject.relayDenied(config.domain), session, { domain: parts.domain.slice(0, 255) });
    }
    if (!parts || parts.localPart.length > LIMITS.smtpMaxLocalPart)
      return refuse(reject.unknownRecipient(), session);
    let test;
    try {
      test = await store.findLiveTestByLocalPart(parts.localPart, ctx.now());
    } catch (err) {
      log.error({ session: session.id, err }, 'test lookup failed');
      return refuse(reject.storageFailure(), session);
    }
    if (!test) return refuse(reject.unknownRecipient(), session);
    try {
      if ((await store.countMessages(test.id)) >= LIMITS.maxMessagesPerTest) {
        return refuse(reject.testFull(LIMITS.maxMessagesPerTest), session);
      }
    } catch (err) {
      log.error({ session: session.id, err }, 'message count failed');
      return refuse(reject.storageFailure(), session);
    }
    return test.id;
  };

  const onRcptTo = (
    address: SMTPServerAddress,
    session: SMTPServerSession,
    callback: (err?: Error | null) => void,
  ) => {
    checkRecipient(address.address, session).then(
      (outcome) => {
        const state = stateOf(session);
        if (typeof outcome === 'string') {
          state.recipients.set(address.address.toLowerCase(), outcome);
          return callback();
        }
        // 421 ends the session (smtp-server closes the connection after sending it).
        const tooMany = ++state.refusedRecipients >= LIMITS.smtpMaxRefusedRecipients;
        callback(tooMany ? refuse(reject.tooManyErrors(), session) : outcome);
      },
      (err: unknown) => {
        log.error({ session: session.id, err }, 'RCPT failed');
        callback(reject.storageFailure());
      },
    );
  };

  const envelopeOf = (session: SMTPServerSession, state: SessionState): Envelope => ({
    clientIp: session.remoteAddress,
    helo: session.hostNameAppearsAs || null,
    mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
    rcptTo: session.envelope.rcptTo.map((r) => r.address),
    tls: session.secure ? (state.tls ?? { protocol: 'unknown', cipher: null }) : null,
  });

  /** Stores the message once per test it was addressed to; resolves null when all are committed. */
  const storeMessage = async (session: SMTPServerSession, raw: Buffer): Promise<SmtpRejection | null> => {
    const state = stateOf(session);
    const envelope = envelopeOf(session, state);
    const testIds = [
      ...new Set(session.envelope.rcptTo.map((r) => state.recipients.get(r.address.toLowerCase()))),
    ].filter((id): id is string => Boolean(id));
    if (testIds.length === 0) {
      // Cannot happen (DATA needs an accepted RCPT); if it ever does, no 250 may go out for nothing stored.
      log.error({ session: session.id }, 'DATA without a known test among the recipients');
      return refuse(reject.storageFailure(), session);
    }
    const receivedAt = ctx.now();
    const results = await Promise.allSettled(
      testIds.map((testId) => store.addMessage(testId, envelope, raw, receivedAt)),
    );
    const stored = results
      .filter((r): r is PromiseFulfilledResult<MessageRecord> => r.status === 'fulfilled')
      .map((r) => r.value);
    // Whatever was committed is queued, even when another copy failed: the worker takes it either way.
    for (const record of stored) {
      metrics.messagesReceived.inc();
      events.publish({ testId: record.testId, state: 'received', messageId: record.id });
    }
    if (stored.length) worker.wake();
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    log.info(
      {
        session: session.id,
        clientIp: envelope.clientIp,
        size: raw.length,
        tls: envelope.tls?.protocol ?? null,
        messages: stored.map((r) => r.id),
        failed: results.length - stored.length,
      },
      failure ? 'message not stored' : 'message stored',
    );
    if (failure) {
      log.error({ session: session.id, err: failure.reason }, 'storing the message failed');
      return refuse(reject.storageFailure(), session);
    }
    return null;
  };

  const handleData = async (
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
  ): Promise<Error | null> => {
    const state = stateOf(session);
    const received = await receiveMessage(
      stream,
      {
        maxBytes: config.maxMessageBytes,
        cutOffBytes: config.maxMessageBytes * LIMITS.smtpOversizeCutoffFactor,
      },
      memory,
      () => {
        const rejection = refuse(reject.cutOff(), session, { limit: config.maxMessageBytes });
        state.connection?.send(rejection.responseCode, rejection.message);
      },
    );
    // Nobody is left to read this reply; it only has to end the transaction (and is no refusal to count).
    if (received.kind === 'aborted')
      return new SmtpRejection(451, '4.4.2 Connection lost during DATA', 'protocol');
    if (received.kind === 'too-big') {
      return refuse(reject.messageTooBig(config.maxMessageBytes), session, { size: stream.byteLength });
    }
    if (received.kind === 'busy') return refuse(reject.busy(), session, { size: stream.byteLength });
    try {
      return await storeMessage(session, received.raw);
    } catch (err) {
      log.error({ session: session.id, err }, 'storing the message failed');
      return refuse(reject.storageFailure(), session);
    } finally {
      memory.give(received.raw.length);
    }
  };

  const onData = (
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (err?: Error | null, message?: string) => void,
  ) => {
    const work = handleData(stream, session).then(
      (err) => (err ? callback(err) : callback(null, 'Message accepted')),
      (err: unknown) => {
        log.error({ session: session.id, err }, 'DATA failed');
        callback(reject.storageFailure());
      },
    );
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const server = new SMTPServer({
    name: config.hostname ?? config.domain,
    banner: 'mailscore',
    key: tls.key,
    cert: tls.cert,
    // Senders still on TLS 1.0/1.1 (or weak ciphers) get TLS and a report that says so, rather than plain text.
    minVersion: 'TLSv1',
    ciphers: 'DEFAULT:@SECLEVEL=0',
    disabledCommands: ['AUTH'],
    authOptional: true,
    size: config.maxMessageBytes,
    hideENHANCEDSTATUSCODES: false,
    maxClients: config.maxConnections,
    maxCommandLength: LIMITS.smtpMaxCommandLine,
    socketTimeout: config.smtpIdleSeconds * 1000,
    closeTimeout: LIMITS.smtpCloseGraceMs,
    // iprev is the analysis's job, on our own resolver; the greeting must not wait for the system's.
    disableReverseLookup: true,
    useProxy: config.smtpProxyProtocol,
    // smtp-server logs several lines per connection: only when someone asked for debug output.
    logger: log.isLevelEnabled('debug') ? log.child({ component: 'smtp-server' }) : false,
    onConnect,
    onClose,
    onSecure,
    onMailFrom,
    onRcptTo,
    onData,
  });
  server.connections = new DecoratedConnections(decorate);
  // Client-side failures (resets, failed TLS handshakes) arrive here; none may end the process.
  server.on('error', (err: NodeJS.ErrnoException) =>
    log.info({ code: err.code, error: err.message }, 'connection error'),
  );

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.smtpPort, config.listen, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  log.info(
    { port, name: config.hostname ?? config.domain, proxyProtocol: config.smtpProxyProtocol },
    'SMTP listening',
  );

  return {
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** smtp-server's connection set, with each new connection handed to `decorate` as it is added. */
class DecoratedConnections extends Set<Connection> {
  constructor(private readonly decorate: (connection: Connection) => void) {
    super();
  }
  override add(connection: Connection): this {
    if (!this.has(connection)) this.decorate(connection);
    return super.add(connection);
  }
}
