/**
 * Test progress inside one process: the SMTP intake and the worker publish, the live page (SSE) listens.
 * With several nodes this becomes the database's notifications (PostgreSQL LISTEN/NOTIFY); the page
 * falls back to polling, so a lost event only delays it.
 */
import { EventEmitter } from 'node:events';

export type TestState = 'waiting' | 'received' | 'analyzing' | 'done';

export interface TestEvent {
  testId: string;
  state: TestState;
  messageId?: string;
}

export class TestEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open page; the bound is the connection limit, not this warning.
    this.emitter.setMaxListeners(0);
  }

  publish(event: TestEvent): void {
    this.emitter.emit(event.testId, event);
  }

  /** Calls `listener` for each event of this test until the returned function is called. */
  subscribe(testId: string, listener: (event: TestEvent) => void): () => void {
    this.emitter.on(testId, listener);
    return () => this.emitter.off(testId, listener);
  }
}
