/**
 * A small SPAMC/1.5 client (the protocol of SpamAssassin's spamd, spamd/PROTOCOL in its sources):
 * one request per TCP connection, `COMMAND SPAMC/1.5`, a Content-length header and the message; spamd
 * answers `SPAMD/1.1 0 EX_OK`, headers (`Spam: True ; 7.8 / 5.0`), a blank line and the body, then closes.
 *
 * Every answer is hostile until parsed: it is read only up to a size bound, within a connect timeout, a read
 * (silence) timeout and a total timeout, and any deviation from the protocol is a FilterError with a code.
 * No npm client for spamd is maintained, hence this one.
 */
import net from 'node:net';
import { FilterError } from './errors.js';
import { boundExchange } from './exchange.js';

export interface SpamdAddress {
  host: string;
  port: number;
}

/** spamd's registered port (IANA "spamassassin", 783). */
export const SPAMD_DEFAULT_PORT = 783;

/** `host:port`, `[v6]:port`, or a bare host (port 783). Throws a one-line Error when it is not one. */
export function parseSpamdAddress(text: string): SpamdAddress {
  const value = text.trim();
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(value) ?? /^([^:\s]+)(?::(\d+))?$/.exec(value);
  const host = match?.[1];
  if (!match || !host) throw new Error(`not a host:port: ${JSON.stringify(text.slice(0, 80))}`);
  const port = match[2] === undefined ? SPAMD_DEFAULT_PORT : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`port out of range: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return { host, port };
}

export const formatSpamdAddress = ({ host, port }: SpamdAddress): string =>
  net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;

export type SpamcCommand = 'PING' | 'CHECK' | 'SYMBOLS' | 'REPORT';

export interface SpamcOptions {
  connectTimeoutMs: number;
  /** Longest silence once connected: spamd says nothing until it has scanned, so this bounds the scan too. */
  readTimeoutMs: number;
  /** The whole exchange, connect to close. */
  totalTimeoutMs: number;
  /** Bytes of the answer (status line, headers and body) read at most. */
  maxResponseBytes: number;
  signal?: AbortSignal;
}

export interface SpamdResponse {
  /** The EX_* code: 0 is EX_OK. */
  code: number;
  /** The words after the code: EX_OK, PONG, ... */
  status: string;
  /** Header fields by lower-case name (the last one wins). */
  headers: Map<string, string>;
  body: string;
}

/** Sends one command (with the message, for all but PING) and reads spamd's whole answer. */
export function spamcRequest(
  address: SpamdAddress,
  command: SpamcCommand,
  message: Buffer | null,
  options: SpamcOptions,
): Promise<SpamdResponse> {
  const where = formatSpamdAddress(address);
  return new Promise<SpamdResponse>((resolve, reject) => {
    const socket = net.connect({ host: address.host, port: address.port });
    const exchange = boundExchange<SpamdResponse>(
      `spamd ${where}`,
      options,
      () => socket.destroy(),
      resolve,
      reject,
    );

    socket.once('connect', () => {
      exchange.connected();
      socket.setTimeout(options.readTimeoutMs, () =>
        exchange.fail('timeout', `nothing received for ${options.readTimeoutMs} ms`),
      );
      const head = message
        ? `${command} SPAMC/1.5\r\nContent-length: ${message.length}\r\n\r\n`
        : `${command} SPAMC/1.5\r\n\r\n`;
      socket.write(head);
      // Half-close after the message, as spamc does: spamd then knows nothing more is coming.
      if (message) socket.end(message);
      else socket.end();
    });
    socket.on('data', (chunk: Buffer) => exchange.collect(chunk));
    socket.once('end', () => {
      try {
        exchange.finish(parseSpamdResponse(exchange.body(), where));
      } catch (err) {
        exchange.finish(err as FilterError);
      }
    });
    // on, not once: a second error after the first must not go unhandled (finish ignores it).
    socket.on('error', (err: NodeJS.ErrnoException) => exchange.failConnection(err));
    socket.once('close', () => {
      if (!exchange.settled) exchange.fail('closed', 'the connection closed before the answer ended');
    });
  });
}

const STATUS_LINE = /^SPAMD\/(\d+\.\d+) (\d+) ?(.*)$/;
const HEADER_LINE = /^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.*)$/;

/** Status line, headers, body; the body must be as long as Content-length says. */
export function parseSpamdResponse(bytes: Buffer, where = 'spamd'): SpamdResponse {
  const protocolError = (text: string) => new FilterError('protocol', `spamd ${where}: ${text}`);
  if (bytes.length === 0) throw new FilterError('closed', `spamd ${where}: closed without answering`);
  const split = bytes.indexOf('\r\n\r\n');
  // PING's answer is the status line alone; every other answer has a header section.
  const headEnd = split < 0 ? bytes.length : split;
  const headLines = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = STATUS_LINE.exec(headLines[0] ?? '');
  if (!status) throw protocolError(`not a SPAMD status line: ${JSON.stringify(headLines[0]!.slice(0, 60))}`);
  const code = Number(status[2]);
  const statusText = status[3]!.trim();
  if (code !== 0) {
    throw new FilterError('refused', `spamd ${where}: answered ${code} ${statusText.slice(0, 100)}`);
  }
  const headers = new Map<string, string>();
  for (const line of headLines.slice(1)) {
    if (line === '') continue;
    const field = HEADER_LINE.exec(line);
    if (!field) throw protocolError(`bad header line ${JSON.stringify(line.slice(0, 60))}`);
    headers.set(field[1]!.toLowerCase(), field[2]!.trim());
  }
  const body = split < 0 ? Buffer.alloc(0) : bytes.subarray(split + 4);
  const declared = headers.get('content-length');
  if (declared !== undefined) {
    if (!/^\d{1,10}$/.test(declared)) throw protocolError(`bad Content-length ${JSON.stringify(declared)}`);
    if (body.length < Number(declared)) {
      throw new FilterError(
        'closed',
        `spamd ${where}: the answer ended after ${body.length} of ${declared} bytes`,
      );
    }
  }
  const length = declared === undefined ? body.length : Number(declared);
  return { code, status: statusText, headers, body: body.subarray(0, length).toString('utf8') };
}

export interface SpamVerdict {
  spam: boolean;
  score: number;
  threshold: number;
}

/** `Spam: True ; 7.8 / 5.0` (older spamd: Yes/No). null when the value is anything else. */
export function parseSpamHeader(value: string | undefined): SpamVerdict | null {
  const match = /^(true|false|yes|no)\s*;\s*(-?\d+(?:\.\d+)?)\s*\/\s*(-?\d+(?:\.\d+)?)\s*$/i.exec(
    value ?? '',
  );
  if (!match) return null;
  return {
    spam: /^(true|yes)$/i.test(match[1]!),
    score: Number(match[2]),
    threshold: Number(match[3]),
  };
}

export interface SpamdRule {
  name: string;
  score: number;
  description: string;
}

/** The dashes under the column titles: ` pts rule name  description` / `---- ------ -----`. */
const TABLE_RULE = /^\s*-{3,}\s+-{3,}\s+-{3,}\s*$/;
/** ` 2.6 DEAR_FRIEND            BODY: Dear Friend? ...`; scores of 10 and more have no decimals; names are \w+. */
const TABLE_ROW = /^\s*(-?\d+(?:\.\d+)?)\s+(\w+)(?:\s+(.*?))?\s*$/;

/**
 * The rules of a REPORT body: the table SpamAssassin's report template prints under its dashes. Long
 * descriptions continue on indented lines; indented `[...]` lines are what a rule matched (message text:
 * not kept). The column titles may be translated, so only the dashes and the row shape are relied on.
 */
export function parseReportTable(body: string): SpamdRule[] {
  const lines = body.split(/\r?\n/);
  const start = lines.findIndex((line) => TABLE_RULE.test(line));
  if (start < 0) return [];
  const rules: SpamdRule[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const row = TABLE_ROW.exec(line);
    if (row && !/^\s{5,}/.test(line)) {
      rules.push({ name: row[2]!, score: Number(row[1]), description: row[3] ?? '' });
      continue;
    }
    const last = rules.at(-1);
    const text = line.trim();
    if (!/^\s/.test(line) || !last) break; // not part of the table
    if (text.startsWith('[') && text.endsWith(']')) continue;
    last.description = last.description ? `${last.description} ${text}` : text;
  }
  return rules;
}
