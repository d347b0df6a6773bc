/** SQLite storage (better-sqlite3) — STUB: to be implemented. */
import type { Store } from './types.js';

export function openSqliteStore(_file: string): Store {
  throw new Error('not implemented');
}
