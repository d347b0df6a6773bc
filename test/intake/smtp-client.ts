/**
 * A minimal SMTP client over a raw socket, for what nodemailer cannot do in tests: a PROXY header, a null
 * sender, SIZE=, exact reply texts, an idle or over-long session, and the client's own view of STARTTLS.
 */
import net from 'node:net';
import tls from 'node:tls';

export interface Reply {
  code: number;
  /** Every line's text after the code and separator, joined by newlines. */
  text: string;
  lines: string[];
}

export class RawSmtpClient {
  private buffer = '';
  private waiting: (() => void) | null = null;
  closed = false;

  private constructor(public socket: net.Socket | tls.TLSSocket) {
    this.listen(socket);
  }

  static async connect(port: number, options: { proxyHeader?: string } = {}): Promise<RawSmtpClient> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    if (options.proxyHeader) socket.write(options.proxyHeader);
    return new RawSmtpClient(socket);
  }

  private listen(socket: net.Socket | tls.TLSSocket): void {
    // Decoded here, not with setEncoding: the plain socket is handed to TLS after STARTTLS.
    socket.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('latin1');
      this.wakeUp();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wakeUp();
    });
    socket.on('error', () => {
      // a reset by the server is an outcome the tests look at (closed), not a failure of the client
    });
  }

  private wakeUp(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  /** The next complete reply (multi-line replies joined); rejects when the connection closes first. */
  async reply(timeoutMs = 5_000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = this.takeReply();
      if (reply) return reply;
      if (this.closed) throw new Error(`connection closed; unread: ${JSON.stringify(this.buffer)}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no reply within ${timeoutMs} ms; unread: ${JSON.stringify(this.buffer)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private takeReply(): Reply | null {
    const lines: string[] = [];
    let offset = 0;
    for (;;) {
      const end = this.buffer.indexOf('\r\n', offset);
      if (end < 0) return null;
      const line = this.buffer.slice(offset, end);
      offset = end + 2;
      lines.push(line);
      if (line[3] !== '-') break;
    }
    this.buffer = this.buffer.slice(offset);
    const code = Number(lines[0]!.slice(0, 3));
    const texts = lines.map((line) => line.slice(4));
    return { code, text: texts.join('\n'), lines: texts };
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  async command(line: string): Promise<Reply> {
    this.write(`${line}\r\n`);
    return this.reply();
  }

  /** STARTTLS and the handshake; afterwards the client must EHLO again (RFC 3207). */
  async startTls(options: tls.ConnectionOptions = {}): Promise<tls.TLSSocket> {
    const reply = await this.command('STARTTLS');
    if (reply.code !== 220) throw new Error(`STARTTLS refused: ${reply.code} ${reply.text}`);
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    const secure = tls.connect({ socket: plain, rejectUnauthorized: false, ...options });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    this.socket = secure;
    this.listen(secure);
    return secure;
  }

  /** DATA, the message (dot-stuffed here), the end mark; returns the reply to the end of data. */
  async data(message: Buffer | string): Promise<Reply> {
    const start = await this.command('DATA');
    if (start.code !== 354) return start;
    const text = Buffer.isBuffer(message) ? message.toString('latin1') : message;
    const stuffed = text.replace(/(^|\r\n)\./g, '$1..');
    this.write(Buffer.from(`${stuffed}${stuffed.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1'));
    return this.reply();
  }

  /** Resolves once the server has closed the connection (or after `timeoutMs`, with false). */
  async waitClosed(timeoutMs = 5_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.closed;
  }

  close(): void {
    this.socket.destroy();
  }
}
