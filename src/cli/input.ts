/** Reads a message from a file or standard input, refusing anything larger than the bound. */
import { createReadStream } from 'node:fs';
import { LIMITS } from '../limits.js';

export class InputError extends Error {}

async function readBounded(stream: NodeJS.ReadableStream, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > LIMITS.maxMessageBytes) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        throw new InputError(`${what} is larger than ${LIMITS.maxMessageBytes / (1024 * 1024)} MB`);
      }
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (err as Error).message;
    throw new InputError(`cannot read ${what}: ${reason}`);
  }
  if (size === 0) throw new InputError(`${what} is empty`);
  return Buffer.concat(chunks, size);
}

/** "-" is standard input. */
export function readInput(path: string, stdin: NodeJS.ReadableStream): Promise<Buffer> {
  if (path === '-') return readBounded(stdin, 'standard input');
  return readBounded(
    createReadStream(path),
    JSON.stringify(path.length > 200 ? `${path.slice(0, 200)}…` : path),
  );
}
