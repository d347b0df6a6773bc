/**
 * The SQLite schema as numbered migrations. The database's `user_version` is the number of the last one
 * applied; each runs in its own transaction together with the version bump, so a crash mid-upgrade leaves
 * the previous version intact. Migrations are only ever appended: a released one is never edited.
 *
 * Dates are epoch milliseconds (INTEGER) everywhere: they sort and compare without parsing.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  /** What it changes, for the log and for whoever reads the schema's history. */
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'tests, messages and their raw bytes',
    sql: `
      CREATE TABLE tests (
        id               TEXT    PRIMARY KEY,
        -- NOCASE: mail local parts arrive in any case; ids are lower-case ASCII base32, so ASCII folding suffices.
        local_part       TEXT    NOT NULL COLLATE NOCASE UNIQUE,
        address          TEXT    NOT NULL,
        creator_ip       TEXT    NOT NULL,
        created_at       INTEGER NOT NULL,
        expires_at       INTEGER NOT NULL,
        -- Set by the first message: from then on the test lives as long as its reports (see sqlite.ts).
        first_message_at INTEGER
      );
      CREATE INDEX tests_by_creator ON tests (creator_ip, created_at);
      CREATE INDEX tests_unused_by_expiry ON tests (expires_at) WHERE first_message_at IS NULL;
      CREATE INDEX tests_by_first_message ON tests (first_message_at) WHERE first_message_at IS NOT NULL;

      CREATE TABLE messages (
        seq         INTEGER PRIMARY KEY,
        id          TEXT    NOT NULL UNIQUE,
        test_id     TEXT    NOT NULL REFERENCES tests (id) ON DELETE CASCADE,
        received_at INTEGER NOT NULL,
        envelope    TEXT    NOT NULL,
        size        INTEGER NOT NULL,
        status      TEXT    NOT NULL CHECK (status IN ('queued', 'analyzing', 'done', 'failed')),
        -- Claims so far: a message that keeps killing the process is failed after a bound (LIMITS).
        attempts    INTEGER NOT NULL DEFAULT 0,
        analysis    TEXT,
        error       TEXT,
        analyzed_at INTEGER
      );
      CREATE INDEX messages_by_test ON messages (test_id, received_at);
      CREATE INDEX messages_by_status ON messages (status, received_at, seq);

      -- The raw bytes apart from the rows listed and polled, so those stay small and never read megabytes.
      CREATE TABLE message_raw (
        seq INTEGER PRIMARY KEY REFERENCES messages (seq) ON DELETE CASCADE,
        raw BLOB    NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'inspected uploads kept because the user asked (POST /api/inspect?keep=1)',
    sql: `
      CREATE TABLE kept_inspections (
        id       TEXT    PRIMARY KEY,
        kept_at  INTEGER NOT NULL,
        -- The report with its inspection block and the findings behind it (JSON), and the upload as received.
        analysis TEXT    NOT NULL,
        raw      BLOB    NOT NULL
      );
      CREATE INDEX kept_inspections_by_time ON kept_inspections (kept_at);
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export class SchemaTooNewError extends Error {}

const versionOf = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;

/** Throws SchemaTooNewError for a database made by a newer mailscore (call before changing anything in it). */
export function assertKnownSchema(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = versionOf(db);
  if (current > latest) {
    throw new SchemaTooNewError(
      `database schema version ${current} is newer than this mailscore knows (${latest}): upgrade mailscore`,
    );
  }
}

/**
 * Brings the database up to the last of `migrations` (default: the real ones). Returns the versions applied.
 * Safe against another process migrating the same file at once: each step re-reads the version inside its
 * write transaction. Refuses a database made by a newer mailscore (its schema is unknown to this code).
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  assertKnownSchema(db, migrations);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const step = db.transaction(() => {
      if (versionOf(db) >= migration.version) return false;
      db.exec(migration.sql);
      // PRAGMA takes no bound parameters; the version is a number from our own table.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
      return true;
    });
    if (step.immediate()) applied.push(migration.version);
  }
  return applied;
}
