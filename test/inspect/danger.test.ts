/**
 * Danger (src/inspect/danger.ts): what the report's own attachment and link checks found is counted, not
 * judged again (their ids have verdict rows of their own); what they do not cover is added: the password of
 * an encrypted archive written in the body (PPAP), forms asking for a password, words of pressure in
 * Japanese and English, and the change-of-bank-account line of business email compromise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { checkText } from '../../src/i18n/index.js';
import { inspectDanger, passwordWordIn } from '../../src/inspect/danger.js';
import { pressurePhrases } from '../../src/inspect/pressure.js';
import { INSPECTION_RULES } from '../../src/scoring/inspection.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { buildTestMessage, inspectContextOf, type TestMessage } from './tricks-support.js';

/** Made with `zip x.zip invoice.pdf.exe` (Info-ZIP 3.0; the file starts with an MZ header). */
const ZIP_WITH_DOUBLE_EXTENSION = Buffer.from(
  'UEsDBAoAAAAAADxOfF0BB8xfCAAAAAgAAAAPABwAaW52b2ljZS5wZGYuZXhlVVQJAAPDowprw6MKa3V4CwABBAAAAAAEAAAAAE1akAADAAAAUEsBAh4DCgAAAAAAPE58XQEHzF8IAAAACAAAAA8AGAAAAAAAAAAAAKSBAAAAAGludm9pY2UucGRmLmV4ZVVUBQADw6MKa3V4CwABBAAAAAAEAAAAAFBLBQYAAAAAAQABAFUAAABRAAAAAAA=',
  'base64',
);
/** Made with `zip -P secret enc.zip report.txt` (Info-ZIP 3.0): ZipCrypto, general purpose flag bit 0 set. */
const ENCRYPTED_ZIP = Buffer.from(
  'UEsDBAoACQAAAGo6fF3miEFVHgAAABIAAAAKABwAcmVwb3J0LnR4dFVUCQADd4AKa3eACmt1eAsAAQQAAAAABAAAAADbbz4uywwVx+yuhxZh3g9CMfJ9Th3+LzJBb6MGsqJQSwcI5ohBVR4AAAASAAAAUEsBAh4DCgAJAAAAajp8XeaIQVUeAAAAEgAAAAoAGAAAAAAAAQAAAKSBAAAAAHJlcG9ydC50eHRVVAUAA3eACmt1eAsAAQQAAAAABAAAAABQSwUGAAAAAAEAAQBQAAAAcgAAAAAA',
  'base64',
);
/** Made with `zip macro.docx '[Content_Types].xml' word/vbaProject.bin`: an OOXML package carrying VBA. */
const DOCX_WITH_VBA = Buffer.from(
  'UEsDBAoAAAAAAGw6fF3uR1hmHQAAAB0AAAATABwAW0NvbnRlbnRfVHlwZXNdLnhtbFVUCQADfIAKa3yACmt1eAsAAQQAAAAABAAAAAA8P3htbCB2ZXJzaW9uPSIxLjAiPz48VHlwZXMvPlBLAwQKAAAAAABsOnxdkHYwbgQAAAAEAAAAEwAcAHdvcmQvdmJhUHJvamVjdC5iaW5VVAkAA3yACmt8gAprdXgLAAEEAAAAAAQAAAAA0M8R4FBLAQIeAwoAAAAAAGw6fF3uR1hmHQAAAB0AAAATABgAAAAAAAEAAACkgQAAAABbQ29udGVudF9UeXBlc10ueG1sVVQFAAN8gAprdXgLAAEEAAAAAAQAAAAAUEsBAh4DCgAAAAAAbDp8XZB2MG4EAAAABAAAABMAGAAAAAAAAAAAAKSBagAAAHdvcmQvdmJhUHJvamVjdC5iaW5VVAUAA3yACmt1eAsAAQQAAAAABAAAAABQSwUGAAAAAAIAAgCyAAAAuwAAAAAA',
  'base64',
);
const ZIP = 'application/zip';
const LOGIN_FORM =
  '<html><body><p>Sign in to continue</p><form action="https://collect.example/p" method="post"><input name="u"><input type="password" name="p"></form></body></html>';

let dns: FixtureDnsServer;
let resolver: DnsResolver;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: {} });
  resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
});
afterAll(() => dns.stop());

const dangerOf = async (m: TestMessage) => {
  const ctx = await inspectContextOf(buildTestMessage(m), resolver);
  return { ...inspectDanger(ctx), checks: ctx.report.checks.map((c) => c.id) };
};
const ids = (findings: Finding[]) => findings.map((f) => f.id);

describe('inspectDanger: the report’s own findings are counted, not judged again', () => {
  const cases: Array<{ name: string; message: TestMessage; checks: string[]; data: Record<string, number> }> =
    [
      {
        name: 'a double-extension program inside a zip',
        message: { attachments: [{ filename: 'invoice.zip', type: ZIP, data: ZIP_WITH_DOUBLE_EXTENSION }] },
        checks: ['attachments.double-extension', 'attachments.executable'],
        data: { attachments: 1, dangerousAttachments: 2 },
      },
      {
        name: 'a macro document',
        message: {
          attachments: [
            {
              filename: 'invoice.docx',
              type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              data: DOCX_WITH_VBA,
            },
          ],
        },
        checks: ['attachments.macro'],
        data: { attachments: 1, dangerousAttachments: 1 },
      },
      {
        name: 'a link whose text shows another domain',
        message: {
          html: '<p>Please sign in: <a href="https://login.evil.example/mufg">https://www.bk.mufg.jp/</a></p>',
        },
        checks: ['links.text-mismatch'],
        data: { deceptiveLinks: 1 },
      },
    ];

  it.each(cases)('$name', async ({ message, checks, data: counts }) => {
    const { findings, data, checks: reportChecks } = await dangerOf(message);
    expect(reportChecks).toEqual(expect.arrayContaining(checks));
    expect(data).toMatchObject(counts);
    // Not judged twice: the report's ids are not findings of this part...
    expect(ids(findings).filter((id) => !id.startsWith('inspect.'))).toEqual([]);
    // ...they carry verdict rows of their own, which the orchestrator applies to report.checks.
    for (const id of checks) expect(INSPECTION_RULES[id as keyof typeof INSPECTION_RULES]).toBeDefined();
  });
});

describe('inspectDanger: what the checks do not cover', () => {
  const cases: Array<{
    name: string;
    message: TestMessage;
    ids: string[];
    params?: Record<string, unknown>;
  }> = [
    {
      name: 'an encrypted zip with its password in the body (ja, full-width colon)',
      message: {
        text: '見積書を送付いたします。\n解凍パスワード：Xk7#pQ2m\nよろしくお願いいたします。',
        attachments: [{ filename: '見積書.zip', type: ZIP, data: ENCRYPTED_ZIP }],
      },
      ids: ['inspect.password-in-body'],
      params: { word: '解凍パスワード' },
    },
    {
      name: 'an encrypted zip with its password in the body (en)',
      message: {
        text: 'Please find the report attached.\nPassword: "Tr0ub4dor"\n',
        attachments: [{ filename: 'report.zip', type: ZIP, data: ENCRYPTED_ZIP }],
      },
      ids: ['inspect.password-in-body'],
      params: { word: 'Password' },
    },
    {
      name: 'an encrypted zip whose password comes separately',
      message: {
        text: 'パスワードは別途お送りします。\nThe password will be sent separately.',
        attachments: [{ filename: 'report.zip', type: ZIP, data: ENCRYPTED_ZIP }],
      },
      ids: [],
    },
    {
      name: 'a password written without an encrypted archive is not PPAP',
      message: { text: 'Your temporary password: Xk7#pQ2m' },
      ids: [],
    },
    {
      name: 'a login form in the HTML body',
      message: { html: LOGIN_FORM },
      ids: ['inspect.credential-form'],
      params: { where: 'body', files: [] },
    },
    {
      name: 'a login form in an HTML attachment',
      message: {
        attachments: [{ filename: 'secure-message.html', type: 'text/html', data: Buffer.from(LOGIN_FORM) }],
      },
      ids: ['inspect.credential-form'],
      params: { where: 'attachment', files: ['secure-message.html'] },
    },
    {
      name: 'a link to a brand one letter off (amaz0n is confusable, amazom one letter)',
      message: {
        html: '<p><a href="https://www.amazom.co.jp/signin">Sign in</a> <a href="https://amaz0n.example/x">x</a></p>',
      },
      ids: ['inspect.lookalike-link'],
      params: { domain: 'amazom.co.jp', imitates: 'amazon.co.jp', how: 'one-letter', count: 2 },
    },
    {
      name: "a link to the recipient's own domain with two letters swapped",
      message: {
        to: 'yamada@tanaka-shoji.co.jp',
        text: 'Shared file: https://files.tanaka-sohji.co.jp/d/1',
      },
      ids: ['inspect.lookalike-link'],
      params: { imitates: 'tanaka-shoji.co.jp', how: 'one-letter' },
    },
    {
      name: "links to the brand's own and the recipient's own domains are fine",
      message: {
        to: 'yamada@tanaka-shoji.co.jp',
        html: '<a href="https://www.amazon.co.jp/">Amazon</a> <a href="https://intra.tanaka-shoji.co.jp/">intranet</a>',
      },
      ids: [],
    },
    {
      name: 'pressure words in Japanese',
      message: {
        subject: '【至急】アカウントが停止されました',
        text: 'お客様のアカウントで不正ログインを検知しました。24時間以内に本人確認を行ってください。',
      },
      ids: ['inspect.pressure-words'],
      params: {
        phrases: expect.arrayContaining([
          '至急',
          'アカウントが停止',
          '不正ログイン',
          '本人確認',
          '24時間以内',
        ]),
      },
    },
    {
      name: 'pressure words in English, full-width and spread over lines',
      message: {
        subject: 'ＵＲＧＥＮＴ: your account has been\n locked',
        text: 'Reset your password immediately, or buy Google Play gift cards for the CEO.',
      },
      ids: ['inspect.pressure-words'],
      params: {
        phrases: expect.arrayContaining([
          'urgent',
          'account has been locked',
          'reset your password',
          'gift card',
        ]),
      },
    },
    {
      name: 'a change of bank account (business email compromise, ja)',
      message: {
        text: '弊社の振込先の変更についてご連絡いたします。今月分より新しい口座へお振込をお願いいたします。',
      },
      ids: ['inspect.bank-change'],
      params: { phrases: expect.arrayContaining(['振込先の変更', '新しい口座']) },
    },
    {
      name: 'a change of bank account (en)',
      message: { text: 'Please note our updated bank details for the outstanding invoice.' },
      ids: ['inspect.bank-change'],
      params: { phrases: ['updated bank details'] },
    },
    {
      name: 'an ordinary invoice asking for payment is no pressure',
      message: { text: '請求書を添付いたします。月末までにお振込をお願いいたします。' },
      ids: [],
    },
    {
      name: 'a genuine message with none of these',
      message: {
        text: 'Thank you for your order. It ships tomorrow.',
        html: '<p>Thank you for your order. <a href="https://shop.example/orders/1">https://shop.example/orders/1</a></p>',
      },
      ids: [],
    },
  ];

  it.each(cases)('$name', async ({ message, ids: expected, params }) => {
    const { findings } = await dangerOf(message);
    expect(ids(findings).sort()).toEqual([...expected].sort());
    if (params) expect(Object.assign({}, ...findings.map((f) => f.params ?? {}))).toMatchObject(params);
    for (const finding of findings) {
      expect(INSPECTION_RULES[finding.id]).toBeDefined();
      for (const lang of ['en', 'ja'] as const) {
        const text = checkText(finding, lang);
        expect(`${text.title} ${text.detail} ${text.fix ?? ''}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('counts what the message holds for the summary', async () => {
    const { data } = await dangerOf({
      subject: '至急',
      html: '<a href="https://shop.example/a">a</a> <a href="https://shop.example/b">b</a>',
      attachments: [{ filename: 'report.zip', type: ZIP, data: ENCRYPTED_ZIP }],
    });
    expect(data).toEqual({
      attachments: 1,
      dangerousAttachments: 1,
      links: 2,
      deceptiveLinks: 0,
      pressureWords: ['至急'],
    });
  });
});

describe('building blocks', () => {
  it.each([
    ['パスワード：Ab12cd', 'パスワード'],
    ['ﾊﾟｽﾜｰﾄﾞ: Ab12cd', 'パスワード'],
    ['パスワードは「q9w8e7r6」です', 'パスワード'],
    ['PW=hunter22', 'PW'],
    ['Password: will be sent later', null],
    ['password reset link', null],
  ])('password word in %j: %j', (text, word) => expect(passwordWordIn(text)).toBe(word));

  it('finds each phrase once, with its kind', () => {
    expect(pressurePhrases('至急 至急 至急')).toEqual([{ kind: 'urgency', phrase: '至急' }]);
    expect(pressurePhrases('the asapb project')).toEqual([]);
  });
});

describe('hostile input is bounded', () => {
  it('a 1 MB body of pressure words and password lines, and 200 HTML files', async () => {
    const text = 'パスワード：x '.repeat(50_000) + '至急 urgent gift card '.repeat(20_000);
    const attachments = Array.from({ length: 200 }, (_, i) => ({
      filename: `f${i}.html`,
      type: 'text/html',
      data: Buffer.from(`<input type=password>${'a'.repeat(1000)}`),
    }));
    const ctx = await inspectContextOf(
      buildTestMessage({
        text,
        attachments: [{ filename: 'e.zip', type: ZIP, data: ENCRYPTED_ZIP }, ...attachments],
      }),
      resolver,
    );
    const started = Date.now();
    const { findings, data } = inspectDanger(ctx);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(data.pressureWords.length).toBeLessThanOrEqual(10);
    const form = findings.find((f) => f.id === 'inspect.credential-form');
    expect((form?.params?.files as string[]).length).toBeLessThanOrEqual(5);
  }, 60_000);

  it('never throws, whatever the context holds', () => {
    expect(() => inspectDanger({ report: { checks: null } } as never)).not.toThrow();
  });
});
