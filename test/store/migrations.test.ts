/** Schema migrations: a fresh file, an old file, a failed step, a file from a newer mailscore. */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  LATEST_VERSION,
  MIGRATIONS,
  SchemaTooNewError,
  migrate,
  type Migration,
} from '../../src/store/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { T0, envelope, rawMessage, tempFiles } from './fixtures.js';

const files = tempFiles('migrations');
afterAll(() => files.remove());

function connect(file: string): Database.Database {
  const db = new Database(file);
  onTestFinished(() => void db.close());
  return db;
}

const version = (db: Database.Database) => db.pragma('user_version', { simple: true });
const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

describe('the real migrations', () => {
  it('are numbered 1, 2, 3, … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('bring a new file to the latest version', async () => {
    const file = files.file();
    await openSqliteStore(file).close();
    const db = connect(file);
    expect(version(db)).toBe(LATEST_VERSION);
    expect(tables(db)).toEqual(['kept_inspections', 'message_raw', 'messages', 'tests']);
  });

  it('open a version-1 database written by the first release, keeping its tests and messages', async () => {
    const file = files.file();
    const old = connect(file);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.version === 1),
    );
    // Rows as version 1 of the code wrote them.
    old
      .prepare(
        `INSERT INTO tests (id, local_part, address, creator_ip, created_at, expires_at, first_message_at)
         VALUES ('t1', 'lp1', 'lp1@mailscore.test', '192.0.2.1', ?, ?, ?)`,
      )
      .run(T0.getTime(), T0.getTime() + 1000, T0.getTime());
    const { lastInsertRowid } = old
      .prepare(
        `INSERT INTO messages (id, test_id, received_at, envelope, size, status)
         VALUES ('m1', 't1', ?, ?, ?, 'queued')`,
      )
      .run(T0.getTime(), JSON.stringify(envelope()), rawMessage().length);
    old.prepare('INSERT INTO message_raw (seq, raw) VALUES (?, ?)').run(lastInsertRowid, rawMessage());
    old.close();

    const store = openSqliteStore(file);
    onTestFinished(() => store.close());
    expect(await store.getTest('t1')).toMatchObject({ localPart: 'lp1', createdAt: T0 });
    expect(await store.getMessage('m1')).toMatchObject({ status: 'queued', envelope: envelope() });
    expect(await store.getRaw('m1')).toEqual(rawMessage());
    expect(await store.claimNext()).toMatchObject({ id: 'm1', attempts: 1 });
    expect(version(connect(file))).toBe(LATEST_VERSION);
  });

  it('refuse a database made by a newer mailscore, leaving it untouched', () => {
    const file = files.file();
    const newer = connect(file);
    newer.exec('CREATE TABLE future (x)');
    newer.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => openSqliteStore(file)).toThrow(SchemaTooNewError);
    expect(() => openSqliteStore(file)).toThrow(/newer than this mailscore knows/);
    expect(version(newer)).toBe(LATEST_VERSION + 1);
    expect(tables(newer)).toEqual(['future']);
    expect(newer.pragma('journal_mode', { simple: true })).toBe('delete');
  });
});

describe('the migration runner', () => {
  const v1: Migration = { version: 1, description: 'notes', sql: 'CREATE TABLE notes (text TEXT NOT NULL)' };
  const v2: Migration = {
    version: 2,
    description: 'note authors',
    sql: "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'unknown'; CREATE INDEX notes_by_author ON notes (author)",
  };
  const broken: Migration = {
    version: 2,
    description: 'half a change, then an error',
    sql: 'CREATE TABLE half (x); ALTER TABLE notes ADD COLUMN nope; THIS IS NOT SQL',
  };

  it('upgrades an old database step by step, keeping its rows, and applies each step once', () => {
    const db = connect(files.file());
    expect(migrate(db, [v1])).toEqual([1]);
    db.prepare("INSERT INTO notes (text) VALUES ('kept')").run();
    expect(migrate(db, [v2, v1])).toEqual([2]);
    expect(migrate(db, [v1, v2])).toEqual([]);
    expect(version(db)).toBe(2);
    expect(db.prepare('SELECT text, author FROM notes').all()).toEqual([{ text: 'kept', author: 'unknown' }]);
  });

  it('rolls a failed step back whole and stays at the previous version', () => {
    const db = connect(files.file());
    migrate(db, [v1]);
    expect(() => migrate(db, [v1, broken])).toThrow();
    expect(version(db)).toBe(1);
    expect(tables(db)).toEqual(['notes']);
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('notes')).toEqual(['text']);
    // The fixed step then applies.
    expect(migrate(db, [v1, v2])).toEqual([2]);
  });
});
