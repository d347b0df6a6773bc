/**
 * The one storage interface. SQLite (src/store/sqlite.ts) implements it today; a PostgreSQL backend for
 * several nodes comes later, so every method is async and nothing outside src/store knows SQL.
 */
import type { Analysis } from '../pipeline/analyze.js';
import type { Envelope } from '../report/types.js';

export interface TestRecord {
  /** Unguessable id of the test's page and API (128 random bits, lower-case base32). */
  id: string;
  /** Local part of the test address (another 128 random bits: knowing the address does not reveal the page). */
  localPart: string;
  address: string;
  createdAt: Date;
  /** When an unused address stops accepting mail. */
  expiresAt: Date;
  /** Client IP that created the test (for the daily limit). */
  creatorIp: string;
}

export type MessageStatus = 'queued' | 'analyzing' | 'done' | 'failed';

export interface MessageRecord {
  id: string;
  testId: string;
  receivedAt: Date;
  envelope: Envelope;
  size: number;
  status: MessageStatus;
  /** Set when status is 'done': the report (in the language it was made in) and its findings, to render it in any language. */
  analysis: Analysis | null;
  /** Set when status is 'failed': one line, for the operator. */
  error: string | null;
  analyzedAt: Date | null;
}

export type ClaimedMessage = MessageRecord & { raw: Buffer; attempts: number };

export interface NewTest {
  id: string;
  localPart: string;
  address: string;
  creatorIp: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface Store {
  /** Creates a test unless the creator already made `dailyLimit` tests since `since` (0 = no limit): null then. */
  createTest(test: NewTest, limit: { dailyLimit: number; since: Date }): Promise<TestRecord | null>;
  getTest(id: string): Promise<TestRecord | null>;
  /**
   * The live test whose address has this local part, case-insensitively: not expired at `now`, or, once it
   * has received mail, until deleteExpired removes it with its reports (so a second message still arrives).
   */
  findLiveTestByLocalPart(localPart: string, now: Date): Promise<TestRecord | null>;

  /**
   * Stores a received message durably (committed to disk) before it resolves: the SMTP 250 is sent only
   * after this. The message is queued for analysis.
   */
  addMessage(testId: string, envelope: Envelope, raw: Buffer, receivedAt: Date): Promise<MessageRecord>;
  /** How many messages a test has received (for the per-test cap at intake). */
  countMessages(testId: string): Promise<number>;
  /** Messages of a test, newest first (without raw bytes); at most LIMITS.maxListedMessages, the newest. */
  listMessages(testId: string): Promise<MessageRecord[]>;
  getMessage(id: string): Promise<MessageRecord | null>;
  getRaw(messageId: string): Promise<Buffer | null>;

  /**
   * Takes the oldest queued message for analysis (status → analyzing), or null. `attempts` counts the claims
   * including this one (more than one: an earlier analysis was interrupted). A row whose stored data cannot be
   * read comes back with status 'failed' and its `error`.
   */
  claimNext(): Promise<ClaimedMessage | null>;
  finishMessage(id: string, analysis: Analysis, analyzedAt: Date): Promise<void>;
  failMessage(id: string, error: string, analyzedAt: Date): Promise<void>;
  /** At start: messages left 'analyzing' by a crash go back to the queue. Returns how many. */
  requeueInterrupted(): Promise<number>;

  /**
   * Deletes tests expired without mail (kept a day after creation at least, so the daily limit still counts
   * them), and tests whose first message arrived before `reportsBefore`, with all their messages.
   */
  deleteExpired(now: Date, reportsBefore: Date): Promise<{ tests: number; messages: number }>;

  /** Keeps an inspected upload the user asked to keep (deleteExpired removes it as it removes reports). */
  keepInspection(kept: KeptInspection & { raw: Buffer }): Promise<void>;
  getKeptInspection(id: string): Promise<KeptInspection | null>;

  close(): Promise<void>;
}

/** An inspected upload kept on request: its report (with `inspection`) and findings. */
export interface KeptInspection {
  /** Unguessable (as a test's id): the only key to it. */
  id: string;
  keptAt: Date;
  analysis: Analysis;
}
