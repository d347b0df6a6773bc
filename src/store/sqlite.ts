/**
 * SQLite storage (better-sqlite3): one file, one connection per process, WAL journal.
 *
 * Durability: `synchronous = FULL` makes every commit fsync the WAL before it returns, so a message whose
 * addMessage resolved (and which the SMTP intake then acknowledged with 250) survives a crash of the process
 * *and* of the machine. NORMAL would only survive a process crash: in WAL mode it fsyncs at checkpoints, and
 * a power loss can take the last commits — messages the sender already believes delivered. The cost is one
 * fsync per commit; addMessage calls that arrive together share one (group commit, see `flushAdds`).
 *
 * Test life: an unused test accepts mail until `expiresAt`. Once mail has arrived it stays live until its
 * reports are deleted: `reportsBefore` is applied to its first message, and the test goes with all of its
 * messages then. So a sender can send a second and third message to compare, and no address lives longer
 * than its expiry plus the report TTL.
 *
 * better-sqlite3 is synchronous: every method does its work at once and returns a settled promise, except
 * addMessage, which waits for the next group commit.
 */
import Database from 'better-sqlite3';
import type { Analysis } from '../pipeline/analyze.js';
import type { Envelope } from '../report/types.js';
import { LIMITS } from '../limits.js';
import { randomId } from '../service/ids.js';
import { assertKnownSchema, migrate } from './migrations.js';
import type {
  ClaimedMessage,
  KeptInspection,
  MessageRecord,
  MessageStatus,
  NewTest,
  Store,
  TestRecord,
} from './types.js';

/** How long a statement waits for another connection's write lock (a second process on the same file). */
const BUSY_TIMEOUT_MS = 5_000;
/** The WAL file is truncated back to this after a checkpoint (a 25 MB message would otherwise keep it large). */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** Unused tests are kept this long after creation even when expired: the daily limit counts them. */
const RATE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** RFC 5321 4.5.3.1.1: a local part has at most 64 octets; anything longer cannot be one of ours. */
const MAX_LOCAL_PART = 64;

interface TestRow {
  id: string;
  local_part: string;
  address: string;
  creator_ip: string;
  created_at: number;
  expires_at: number;
}

interface MessageRow {
  id: string;
  test_id: string;
  received_at: number;
  envelope: string;
  size: number;
  status: MessageStatus;
  attempts: number;
  analysis: string | null;
  error: string | null;
  analyzed_at: number | null;
}

const TEST_COLUMNS = 'id, local_part, address, creator_ip, created_at, expires_at';
const MESSAGE_COLUMNS =
  'id, test_id, received_at, envelope, size, status, attempts, analysis, error, analyzed_at';

/** A stored date; a corrupt value reads as the epoch instead of an Invalid Date that throws when shown. */
const dateOf = (value: unknown): Date => new Date(Number.isFinite(value) ? (value as number) : 0);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The stored envelope, or null when the row is corrupt (only the fields everything reads are checked). */
export function readEnvelope(text: string): Envelope | null {
  const value = parseJson(text);
  if (!isObject(value) || typeof value.clientIp !== 'string' || !Array.isArray(value.rcptTo)) return null;
  return value as unknown as Envelope;
}

/** The stored analysis, or null when the row is corrupt. */
export function readAnalysis(text: string | null): Analysis | null {
  const value = parseJson(text);
  if (!isObject(value) || !isObject(value.report) || !Array.isArray(value.findings)) return null;
  if (value.report.schema !== 'mailscore.report/1' || !Array.isArray(value.report.checks)) return null;
  return value as unknown as Analysis;
}

const UNREADABLE_ENVELOPE: Envelope = { clientIp: '', helo: null, mailFrom: null, rcptTo: [], tls: null };

const toTest = (row: TestRow): TestRecord => ({
  id: row.id,
  localPart: row.local_part,
  address: row.address,
  creatorIp: row.creator_ip,
  createdAt: dateOf(row.created_at),
  expiresAt: dateOf(row.expires_at),
});

/** A message row as a record; a row whose JSON cannot be read is reported as failed, never thrown. */
function toMessage(row: MessageRow): MessageRecord {
  const record: MessageRecord = {
    id: row.id,
    testId: row.test_id,
    receivedAt: dateOf(row.received_at),
    envelope: UNREADABLE_ENVELOPE,
    size: Number(row.size) || 0,
    status: row.status,
    analysis: null,
    error: row.error,
    analyzedAt: row.analyzed_at === null ? null : dateOf(row.analyzed_at),
  };
  const envelope = readEnvelope(row.envelope);
  if (!envelope) return { ...record, status: 'failed', error: 'stored envelope is unreadable (corrupt row)' };
  record.envelope = envelope;
  if (row.status !== 'done') return record;
  const analysis = readAnalysis(row.analysis);
  if (!analysis) return { ...record, status: 'failed', error: 'stored report is unreadable (corrupt row)' };
  return { ...record, analysis };
}

/** Error text kept for the operator: one line, bounded. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 500);

interface PendingAdd {
  testId: string;
  envelope: Envelope;
  raw: Buffer;
  receivedAt: Date;
  resolve: (record: MessageRecord) => void;
  reject: (err: unknown) => void;
}

/** Opens (creating or upgrading) the database at `file` (':memory:' for a private one). */
export function openSqliteStore(file: string): Store {
  return new SqliteStore(openDatabase(file));
}

/** The connection with its settings, migrated to the current schema. */
export function openDatabase(file: string): Database.Database {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    configure(db);
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function configure(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  assertKnownSchema(db);
  // Only takes effect on a database without tables: lets deleteExpired give space back to the disk.
  if ((db.pragma('user_version', { simple: true }) as number) === 0) db.pragma('auto_vacuum = INCREMENTAL');
  const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
  if (mode !== 'wal' && !db.memory) {
    throw new Error(`SQLite could not use a WAL journal for ${db.name} (got ${mode})`);
  }
  // Why FULL: see the top of this file.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
}

function prepareStatements(db: Database.Database) {
  return {
    countTestsSince: db
      .prepare<[string, number], number>(
        'SELECT COUNT(*) FROM tests WHERE creator_ip = ? AND created_at >= ?',
      )
      .pluck(),
    insertTest: db.prepare(
      `INSERT INTO tests (id, local_part, address, creator_ip, created_at, expires_at)
         VALUES (@id, @localPart, @address, @creatorIp, @createdAt, @expiresAt)`,
    ),
    getTest: db.prepare<[string], TestRow>(`SELECT ${TEST_COLUMNS} FROM tests WHERE id = ?`),
    findLive: db.prepare<[string, number], TestRow>(
      `SELECT ${TEST_COLUMNS} FROM tests
         WHERE local_part = ? AND (expires_at > ? OR first_message_at IS NOT NULL)`,
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages (id, test_id, received_at, envelope, size, status)
         VALUES (@id, @testId, @receivedAt, @envelope, @size, 'queued')`,
    ),
    insertRaw: db.prepare('INSERT INTO message_raw (seq, raw) VALUES (?, ?)'),
    markTestUsed: db.prepare(
      'UPDATE tests SET first_message_at = COALESCE(first_message_at, @receivedAt) WHERE id = @testId',
    ),
    listMessages: db.prepare<[string, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE test_id = ? ORDER BY received_at DESC, seq DESC LIMIT ?`,
    ),
    getMessage: db.prepare<[string], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`),
    countMessages: db.prepare<[string], number>('SELECT COUNT(*) FROM messages WHERE test_id = ?').pluck(),
    getRaw: db
      .prepare<[string], Buffer>(
        'SELECT r.raw FROM message_raw r JOIN messages m ON m.seq = r.seq WHERE m.id = ?',
      )
      .pluck(),
    claim: db.prepare<[], MessageRow & { seq: number }>(
      `UPDATE messages SET status = 'analyzing', attempts = attempts + 1
         WHERE seq = (SELECT seq FROM messages WHERE status = 'queued' ORDER BY received_at, seq LIMIT 1)
         RETURNING seq, ${MESSAGE_COLUMNS}`,
    ),
    getRawBySeq: db.prepare<[number], Buffer>('SELECT raw FROM message_raw WHERE seq = ?').pluck(),
    finish: db.prepare(
      `UPDATE messages SET status = 'done', analysis = @analysis, error = NULL, analyzed_at = @analyzedAt
         WHERE id = @id`,
    ),
    fail: db.prepare(
      `UPDATE messages SET status = 'failed', analysis = NULL, error = @error, analyzed_at = @analyzedAt
         WHERE id = @id`,
    ),
    requeue: db.prepare("UPDATE messages SET status = 'queued' WHERE status = 'analyzing'"),
    countReportsDue: db
      .prepare<[number], number>(
        `SELECT COUNT(*) FROM messages WHERE test_id IN
             (SELECT id FROM tests WHERE first_message_at IS NOT NULL AND first_message_at < ?)`,
      )
      .pluck(),
    deleteUsedTests: db.prepare(
      'DELETE FROM tests WHERE first_message_at IS NOT NULL AND first_message_at < ?',
    ),
    deleteUnusedTests: db.prepare(
      'DELETE FROM tests WHERE first_message_at IS NULL AND expires_at <= ? AND created_at <= ?',
    ),
    insertKept: db.prepare(
      'INSERT INTO kept_inspections (id, kept_at, analysis, raw) VALUES (@id, @keptAt, @analysis, @raw)',
    ),
    getKept: db.prepare<[string], { id: string; kept_at: number; analysis: string }>(
      'SELECT id, kept_at, analysis FROM kept_inspections WHERE id = ?',
    ),
    deleteKept: db.prepare('DELETE FROM kept_inspections WHERE kept_at < ?'),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

interface TestLimit {
  dailyLimit: number;
  since: Date;
}

/** Every multi-statement operation as one transaction (the caller picks .immediate() to take the write lock first). */
function prepareTransactions(db: Database.Database, statements: Statements) {
  /** Count and insert under one write lock: concurrent requests (or processes) cannot pass the limit. */
  const createTest = db.transaction((test: NewTest, limit: TestLimit): TestRecord | null => {
    if (limit.dailyLimit > 0) {
      const made = statements.countTestsSince.get(test.creatorIp, limit.since.getTime()) ?? 0;
      if (made >= limit.dailyLimit) return null;
    }
    statements.insertTest.run({
      ...test,
      createdAt: test.createdAt.getTime(),
      expiresAt: test.expiresAt.getTime(),
    });
    return { ...test };
  });

  /** One message's rows; inside the batch transaction this is a savepoint of its own. */
  const insertMessage = db.transaction((add: PendingAdd): MessageRecord => {
    const id = randomId();
    const envelope = JSON.stringify(add.envelope);
    const receivedAt = add.receivedAt.getTime();
    const { lastInsertRowid } = statements.insertMessage.run({
      id,
      testId: add.testId,
      receivedAt,
      envelope,
      size: add.raw.length,
    });
    statements.insertRaw.run(lastInsertRowid, add.raw);
    statements.markTestUsed.run({ testId: add.testId, receivedAt });
    return {
      id,
      testId: add.testId,
      receivedAt: new Date(receivedAt),
      envelope: JSON.parse(envelope) as Envelope,
      size: add.raw.length,
      status: 'queued',
      analysis: null,
      error: null,
      analyzedAt: null,
    };
  });

  /** Each message in its savepoint, so one bad message (an unknown test) fails alone and the others commit. */
  const insertBatch = db.transaction((batch: PendingAdd[]) =>
    batch.map((add): { record: MessageRecord } | { error: unknown } => {
      try {
        return { record: insertMessage(add) };
      } catch (error) {
        // SQLite rolled the whole transaction back (disk full, I/O error): the batch fails as one.
        if (!db.inTransaction) throw error;
        return { error };
      }
    }),
  );

  /** One UPDATE … RETURNING under the write lock: two workers, even in two processes, never get the same row. */
  const claimNext = db.transaction((): ClaimedMessage | null => {
    const row = statements.claim.get();
    if (!row) return null;
    const record = toMessage(row);
    const raw = statements.getRawBySeq.get(row.seq);
    if (!raw) {
      const missing = { status: 'failed' as const, error: 'stored message bytes are missing (corrupt row)' };
      return { ...record, ...missing, raw: Buffer.alloc(0), attempts: row.attempts };
    }
    return { ...record, raw, attempts: row.attempts };
  });

  const deleteExpired = db.transaction((now: number, reportsBefore: number) => {
    const messages = statements.countReportsDue.get(reportsBefore) ?? 0;
    // Their messages and raw bytes go with them (ON DELETE CASCADE).
    const used = statements.deleteUsedTests.run(reportsBefore).changes;
    const unused = statements.deleteUnusedTests.run(now, now - RATE_WINDOW_MS).changes;
    // Kept inspections live as long as reports do.
    statements.deleteKept.run(reportsBefore);
    return { tests: used + unused, messages };
  });

  return { createTest, insertBatch, claimNext, deleteExpired };
}

type AddOutcome = { record: MessageRecord } | { error: unknown };

class SqliteStore implements Store {
  private readonly statements: Statements;
  private readonly tx: ReturnType<typeof prepareTransactions>;
  private pendingAdds: PendingAdd[] = [];
  private flushScheduled = false;

  constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
    this.tx = prepareTransactions(db, this.statements);
  }

  async createTest(test: NewTest, limit: TestLimit): Promise<TestRecord | null> {
    return this.tx.createTest.immediate(test, limit);
  }

  async getTest(id: string): Promise<TestRecord | null> {
    const row = this.statements.getTest.get(id);
    return row ? toTest(row) : null;
  }

  async findLiveTestByLocalPart(localPart: string, now: Date): Promise<TestRecord | null> {
    if (localPart.length === 0 || localPart.length > MAX_LOCAL_PART) return null;
    const row = this.statements.findLive.get(localPart, now.getTime());
    return row ? toTest(row) : null;
  }

  addMessage(testId: string, envelope: Envelope, raw: Buffer, receivedAt: Date): Promise<MessageRecord> {
    if (!this.db.open) return Promise.reject(new Error('the store is closed'));
    return new Promise((resolve, reject) => {
      this.pendingAdds.push({ testId, envelope, raw, receivedAt, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // After the current I/O phase: every message that finished arriving in it shares one commit (one fsync).
        setImmediate(() => this.flushAdds());
      }
    });
  }

  /** Group commit, in batches bounded by count and bytes. Each promise settles only after its commit. */
  private flushAdds(): void {
    this.flushScheduled = false;
    while (this.pendingAdds.length) {
      const batch = this.takeBatch();
      let outcomes: AddOutcome[];
      try {
        outcomes = this.tx.insertBatch.immediate(batch);
      } catch (error) {
        for (const add of batch) add.reject(error);
        continue;
      }
      batch.forEach((add, i) => {
        const outcome = outcomes[i]!;
        if ('record' in outcome) add.resolve(outcome.record);
        else add.reject(outcome.error);
      });
    }
  }

  private takeBatch(): PendingAdd[] {
    let bytes = 0;
    let count = 0;
    for (const add of this.pendingAdds) {
      const full = count >= LIMITS.storeCommitBatch || bytes + add.raw.length > LIMITS.storeCommitBatchBytes;
      if (count > 0 && full) break;
      bytes += add.raw.length;
      count++;
    }
    return this.pendingAdds.splice(0, count);
  }

  async listMessages(testId: string): Promise<MessageRecord[]> {
    return this.statements.listMessages.all(testId, LIMITS.maxListedMessages).map(toMessage);
  }

  async countMessages(testId: string): Promise<number> {
    return this.statements.countMessages.get(testId) ?? 0;
  }

  async getMessage(id: string): Promise<MessageRecord | null> {
    const row = this.statements.getMessage.get(id);
    return row ? toMessage(row) : null;
  }

  async getRaw(messageId: string): Promise<Buffer | null> {
    return this.statements.getRaw.get(messageId) ?? null;
  }

  async claimNext(): Promise<ClaimedMessage | null> {
    return this.tx.claimNext.immediate();
  }

  async finishMessage(id: string, analysis: Analysis, analyzedAt: Date): Promise<void> {
    this.statements.finish.run({ id, analysis: JSON.stringify(analysis), analyzedAt: analyzedAt.getTime() });
  }

  async failMessage(id: string, error: string, analyzedAt: Date): Promise<void> {
    this.statements.fail.run({ id, error: oneLine(error), analyzedAt: analyzedAt.getTime() });
  }

  async requeueInterrupted(): Promise<number> {
    return this.statements.requeue.run().changes;
  }

  async deleteExpired(now: Date, reportsBefore: Date): Promise<{ tests: number; messages: number }> {
    const deleted = this.tx.deleteExpired.immediate(now.getTime(), reportsBefore.getTime());
    // Give the freed pages back to the disk (raw messages are most of the file).
    if (deleted.tests) this.db.pragma('incremental_vacuum');
    return deleted;
  }

  async keepInspection(kept: KeptInspection & { raw: Buffer }): Promise<void> {
    this.statements.insertKept.run({
      id: kept.id,
      keptAt: kept.keptAt.getTime(),
      analysis: JSON.stringify(kept.analysis),
      raw: kept.raw,
    });
  }

  async getKeptInspection(id: string): Promise<KeptInspection | null> {
    const row = this.statements.getKept.get(id);
    if (!row) return null;
    try {
      return { id: row.id, keptAt: new Date(row.kept_at), analysis: JSON.parse(row.analysis) as Analysis };
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    // Messages waiting for the next group commit are committed, not dropped.
    this.flushAdds();
    this.db.close();
  }
}
