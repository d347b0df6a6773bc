/**
 * Messages for the sender and danger tests (helper B's parts): headers as a phisher writes them, parts with
 * real attachment bytes, and the InspectContext the orchestrator would give a part, with the message's own
 * report made by the one pipeline (so attachment and link findings come from the real checks).
 */
import { extractContent } from '../../src/content/extract.js';
import type { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import type { InspectContext } from '../../src/inspect/types.js';
import { parseMessage } from '../../src/message/parse.js';
import { analyzeMessage } from '../../src/pipeline/analyze.js';

export const NOW = new Date('2025-01-07T10:05:00Z');

export interface Attachment {
  filename: string;
  type: string;
  data: Buffer;
}

export interface TestMessage {
  /** The whole From field value, e.g. 'PayPal <x@evil.example>'. */
  from?: string;
  to?: string;
  replyTo?: string;
  returnPath?: string;
  subject?: string;
  text?: string;
  html?: string;
  attachments?: Attachment[];
}

const b64 = (data: Buffer): string => (data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

/** A message as the test describes it: text and/or HTML, attachments in base64, UTF-8 headers (RFC 6532). */
export function buildTestMessage(m: TestMessage): Buffer {
  const headers = [
    ...(m.returnPath ? [`Return-Path: ${m.returnPath}`] : []),
    `From: ${m.from ?? 'Example Shop <info@shop.example>'}`,
    `To: ${m.to ?? 'taro@customer.example'}`,
    ...(m.replyTo ? [`Reply-To: ${m.replyTo}`] : []),
    `Subject: ${m.subject ?? 'Your order'}`,
    'Date: Tue, 07 Jan 2025 10:00:00 +0000',
    'Message-ID: <inspect.test@shop.example>',
    'MIME-Version: 1.0',
  ];
  const boundary = '=_b_7';
  const parts: string[] = [];
  parts.push(
    `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(Buffer.from(m.text ?? 'Thank you for your order.\n'))}`,
  );
  if (m.html)
    parts.push(
      `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(Buffer.from(m.html))}`,
    );
  for (const file of m.attachments ?? [])
    parts.push(
      `Content-Type: ${file.type}; name="${file.filename}"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="${file.filename}"\r\n\r\n${b64(file.data)}`,
    );
  const body = parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('') + `--${boundary}--\r\n`;
  return Buffer.from(
    `${headers.join('\r\n')}\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${body}`,
    'utf8',
  );
}

/** The context a part receives: the message, its content, its own report (no blocklists: nothing to ask). */
export async function inspectContextOf(raw: Buffer, resolver: DnsResolver): Promise<InspectContext> {
  const message = await parseMessage(raw);
  const content = await extractContent(message);
  const report = await analyzeMessage(
    raw,
    { clientIp: '192.0.2.1' },
    { resolver, lang: 'en', now: NOW, blocklists: [] },
  );
  return { message, content, report, dns: new DnsSession(resolver), now: NOW, trust: [] };
}
