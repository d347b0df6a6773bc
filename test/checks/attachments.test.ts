import { describe, expect, it } from 'vitest';
import {
  checkAttachments,
  extensionsOf,
  hasDoubleExtension,
  shownName,
} from '../../src/checks/attachments.js';
import type { Finding } from '../../src/checks/types.js';
import { listArchive, officeFacts, sniff } from '../../src/content/sniff.js';
import { checkText } from '../../src/i18n/index.js';
import { contentOf, message, type Part } from '../content/support.js';

/** Made with `zip -P secret enc.zip report.txt` (Info-ZIP 3.0): ZipCrypto, general purpose flag bit 0 set. */
const ENCRYPTED_ZIP = Buffer.from(
  'UEsDBAoACQAAAGo6fF3miEFVHgAAABIAAAAKABwAcmVwb3J0LnR4dFVUCQADd4AKa3eACmt1eAsAAQQAAAAABAAAAADbbz4uywwVx+yuhxZh3g9CMfJ9Th3+LzJBb6MGsqJQSwcI5ohBVR4AAAASAAAAUEsBAh4DCgAJAAAAajp8XeaIQVUeAAAAEgAAAAoAGAAAAAAAAQAAAKSBAAAAAHJlcG9ydC50eHRVVAUAA3eACmt1eAsAAQQAAAAABAAAAABQSwUGAAAAAAEAAQBQAAAAcgAAAAAA',
  'base64',
);
/** Made with `zip exe.zip setup.exe` (an MZ header). */
const ZIP_WITH_EXE = Buffer.from(
  'UEsDBAoAAAAAAGw6fF0BB8xfCAAAAAgAAAAJABwAc2V0dXAuZXhlVVQJAAN8gAprfIAKa3V4CwABBAAAAAAEAAAAAE1akAADAAAAUEsBAh4DCgAAAAAAbDp8XQEHzF8IAAAACAAAAAkAGAAAAAAAAAAAAKSBAAAAAHNldHVwLmV4ZVVUBQADfIAKa3V4CwABBAAAAAAEAAAAAFBLBQYAAAAAAQABAE8AAABLAAAAAAA=',
  'base64',
);
/** Made with `zip macro.docx '[Content_Types].xml' word/vbaProject.bin`: an OOXML package carrying VBA. */
const DOCX_WITH_VBA = Buffer.from(
  'UEsDBAoAAAAAAGw6fF3uR1hmHQAAAB0AAAATABwAW0NvbnRlbnRfVHlwZXNdLnhtbFVUCQADfIAKa3yACmt1eAsAAQQAAAAABAAAAAA8P3htbCB2ZXJzaW9uPSIxLjAiPz48VHlwZXMvPlBLAwQKAAAAAABsOnxdkHYwbgQAAAAEAAAAEwAcAHdvcmQvdmJhUHJvamVjdC5iaW5VVAkAA3yACmt8gAprdXgLAAEEAAAAAAQAAAAA0M8R4FBLAQIeAwoAAAAAAGw6fF3uR1hmHQAAAB0AAAATABgAAAAAAAEAAACkgQAAAABbQ29udGVudF9UeXBlc10ueG1sVVQFAAN8gAprdXgLAAEEAAAAAAQAAAAAUEsBAh4DCgAAAAAAbDp8XZB2MG4EAAAABAAAABMAGAAAAAAAAAAAAKSBagAAAHdvcmQvdmJhUHJvamVjdC5iaW5VVAUAA3yACmt1eAsAAQQAAAAABAAAAABQSwUGAAAAAAIAAgCyAAAAuwAAAAAA',
  'base64',
);

const OLE2_MAGIC = Buffer.from('d0cf11e0a1b11ae1', 'hex');
/** An OLE2 container whose directory names a stream (names are UTF-16LE, as in a real .doc or .xls). */
const ole2With = (stream: string) =>
  Buffer.concat([OLE2_MAGIC, Buffer.alloc(600), Buffer.from(stream, 'utf16le'), Buffer.alloc(100)]);
const PE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64),
  Buffer.from('PE\0\0'),
]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(57)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

const u16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** RAR 4.x: marker, main header (flags), one file header (flags; 0x04 = encrypted). Field layout per RAR 4 technote. */
function rar4(mainFlags: number, fileFlags: number, name: string): Buffer {
  const main = Buffer.concat([u16(0), Buffer.from([0x73]), u16(mainFlags), u16(13), Buffer.alloc(6)]);
  const nameBytes = Buffer.from(name, 'latin1');
  const file = Buffer.concat([
    u16(0),
    Buffer.from([0x74]),
    u16(fileFlags | 0x8000),
    u16(32 + nameBytes.length),
    u32(0), // packed size
    u32(0), // unpacked size
    Buffer.from([2]), // host OS
    u32(0), // CRC
    u32(0), // time
    Buffer.from([29, 0x30]), // version, method
    u16(nameBytes.length),
    u32(0x20), // attributes
    nameBytes,
  ]);
  const end = Buffer.concat([u16(0), Buffer.from([0x7b]), u16(0x4000), u16(7)]);
  return Buffer.concat([Buffer.from('Rar!\x1a\x07\x00', 'latin1'), main, file, end]);
}

/** A RAR 5 header: CRC32, size (vint), then the fields (all values here are under 128: one byte each). */
const rar5Header = (fields: number[], tail: Buffer = Buffer.alloc(0)) => {
  const body = Buffer.concat([Buffer.from(fields), tail]);
  return Buffer.concat([u32(0), Buffer.from([body.length]), body]);
};

/** RAR 5: main header, a file header (with an encryption extra record when asked), end of archive. */
function rar5(options: { encryptedFile?: boolean; encryptedHeaders?: boolean; name: string }): Buffer {
  const signature = Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1');
  const main = rar5Header([1, 0, 0]);
  if (options.encryptedHeaders)
    return Buffer.concat([signature, rar5Header([4, 0, 0, 0, 15]), Buffer.alloc(48)]);
  const name = Buffer.from(options.name, 'utf8');
  const extra = options.encryptedFile
    ? Buffer.concat([Buffer.from([3, 1, 0, 0]), Buffer.alloc(0)])
    : Buffer.alloc(0);
  // type 2 (file), flags 1 (extra area), extra size; file flags 0, unpacked 0, attributes 0x20, compression 0, host 0, name.
  const file = rar5Header(
    [2, 0x01, extra.length, 0, 0, 0x20, 0, 0, name.length],
    Buffer.concat([name, extra]),
  );
  return Buffer.concat([signature, main, file, rar5Header([5, 0, 0])]);
}

/** 7z: signature, version, start header pointing at a next header that holds the AES coder id (header encryption). */
function sevenZip(aes: boolean): Buffer {
  const next = Buffer.concat([
    Buffer.from([0x17, 0x06, 0x00]),
    aes ? Buffer.from([0x24, 0x06, 0xf1, 0x07, 0x01]) : Buffer.from([0x23, 0x03, 0x01, 0x01]),
  ]);
  const start = Buffer.alloc(32);
  Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]).copy(start);
  start.writeBigUInt64LE(16n, 12);
  start.writeBigUInt64LE(BigInt(next.length), 20);
  return Buffer.concat([start, Buffer.alloc(16), next]);
}

const file = (filename: string, body: Buffer, type = 'application/octet-stream'): Part => ({
  type,
  encoding: 'base64',
  disposition: 'attachment',
  filename,
  body,
});
const TEXT: Part = {
  type: 'text/plain',
  charset: 'utf-8',
  encoding: '8bit',
  body: 'Please find the file attached.',
};

async function run(...parts: Part[]): Promise<Finding[]> {
  const { ctx, content } = await contentOf(message([TEXT, ...parts]));
  return checkAttachments(ctx, content).findings;
}

const ids = (findings: Finding[]) => findings.map((f) => f.id);

describe('checkAttachments', () => {
  it.each<[string, Part[], string[]]>([
    ['no attachment', [], []],
    ['a PDF', [file('report.pdf', PDF, 'application/pdf')], ['attachments.pass']],
    [
      'an image the HTML shows is not listed',
      [
        {
          ...file('logo.png', Buffer.from('89504e470d0a1a0a', 'hex'), 'image/png'),
          disposition: 'inline',
          contentId: 'logo@x',
        },
      ],
      [],
    ],
    ['a Windows program', [file('setup.exe', PE)], ['attachments.executable']],
    [
      'a script',
      [file('run.vbs', Buffer.from('WScript.Echo "hi"'), 'text/vbscript')],
      ['attachments.executable'],
    ],
    ['a disk image', [file('photos.iso', Buffer.alloc(64))], ['attachments.executable']],
    ['a trailing dot does not hide .exe', [file('setup.exe.', PE)], ['attachments.executable']],
    ['a program named as a PDF', [file('invoice.pdf', PE, 'application/pdf')], ['attachments.disguised']],
    [
      'an ELF program named as a document',
      [file('report.doc', ELF, 'application/msword')],
      ['attachments.disguised'],
    ],
    [
      'a shell script named as text',
      [file('notes.txt', Buffer.from('#!/bin/sh\ncurl x | sh\n'), 'text/plain')],
      ['attachments.disguised'],
    ],
    [
      'a double extension',
      [file('invoice.pdf.exe', PE)],
      ['attachments.executable', 'attachments.double-extension'],
    ],
    [
      'a padded extension',
      [file('invoice.pdf               .exe', PE)],
      ['attachments.executable', 'attachments.double-extension'],
    ],
    [
      'an HTML page posing as a PDF',
      [file('statement.pdf.html', Buffer.from('<p>statement</p>'), 'text/html')],
      ['attachments.double-extension'],
    ],
    [
      'a right-to-left override',
      [file('=?UTF-8?B?aW52b2ljZeKArmZkcC5leGU=?=', PE)],
      ['attachments.executable', 'attachments.rtl-override'],
    ],
    [
      'a program inside a ZIP',
      [file('setup.zip', ZIP_WITH_EXE, 'application/zip')],
      ['attachments.executable'],
    ],
    ['an encrypted ZIP', [file('report.zip', ENCRYPTED_ZIP, 'application/zip')], ['attachments.encrypted']],
    [
      'a RAR 4 with an encrypted file',
      [file('data.rar', rar4(0, 0x04, 'secret.xlsx'))],
      ['attachments.encrypted'],
    ],
    [
      'a RAR 4 with encrypted headers',
      [file('data.rar', rar4(0x80, 0, 'hidden.doc'))],
      ['attachments.encrypted'],
    ],
    ['a RAR 4 holding a program', [file('data.rar', rar4(0, 0, 'update.scr'))], ['attachments.executable']],
    ['a plain RAR 4', [file('data.rar', rar4(0, 0, 'figures.xlsx'))], ['attachments.pass']],
    [
      'a RAR 5 with an encrypted file',
      [file('data.rar', rar5({ name: 'secret.pdf', encryptedFile: true }))],
      ['attachments.encrypted'],
    ],
    [
      'a RAR 5 with encrypted headers',
      [file('data.rar', rar5({ name: 'x', encryptedHeaders: true }))],
      ['attachments.encrypted'],
    ],
    [
      'a RAR 5 holding a program',
      [file('data.rar', rar5({ name: 'dir/run.js' }))],
      ['attachments.executable'],
    ],
    ['a 7z with encrypted headers', [file('data.7z', sevenZip(true))], ['attachments.encrypted']],
    ['a plain 7z', [file('data.7z', sevenZip(false))], ['attachments.pass']],
    ['a macro-enabled name', [file('budget.xlsm', Buffer.from('PK'))], ['attachments.macro']],
    [
      'a .doc with a VBA project',
      [file('order.doc', ole2With('_VBA_PROJECT'), 'application/msword')],
      ['attachments.macro'],
    ],
    [
      'a .doc without macros',
      [file('order.doc', ole2With('WordDocument'), 'application/msword')],
      ['attachments.pass'],
    ],
    ['a .docx carrying vbaProject.bin', [file('order.docx', DOCX_WITH_VBA)], ['attachments.macro']],
    [
      'a password-protected .docx',
      [file('salary.docx', ole2With('EncryptedPackage'))],
      ['attachments.encrypted'],
    ],
    [
      'an HTML attachment with a form',
      [
        file(
          'login.html',
          Buffer.from('<form action="https://x.example/"><input type=password></form>'),
          'text/html',
        ),
      ],
      ['attachments.html-form'],
    ],
    [
      'an HTML attachment with a script',
      [
        file(
          'view.htm',
          Buffer.from('<html><script>location="https://x.example/"</script></html>'),
          'text/html',
        ),
      ],
      ['attachments.html-form'],
    ],
    [
      'an HTML attachment without either',
      [file('receipt.html', Buffer.from('<html><p>Thank you</p></html>'), 'text/html')],
      ['attachments.pass'],
    ],
    [
      'an HTML file without an HTML name or type',
      [file('scan.dat', Buffer.from('<!DOCTYPE html><form action="https://x.example/"></form>'))],
      ['attachments.html-form'],
    ],
  ])('%s', async (_name, parts, expected) => {
    expect(ids(await run(...parts))).toEqual(expected);
  });

  it('lists the names, bounded, with the count', async () => {
    const parts = Array.from({ length: 7 }, (_, i) => file(`tool${i}.exe`, PE));
    const [finding] = await run(...parts);
    expect(finding).toEqual({
      id: 'attachments.executable',
      params: { names: ['tool0.exe', 'tool1.exe', 'tool2.exe', 'tool3.exe', 'tool4.exe'], count: 7 },
    });
  });

  it('shows a name inside an archive and a bidi control in words either language keeps', async () => {
    const [zipped] = await run(file('setup.zip', ZIP_WITH_EXE, 'application/zip'));
    expect(zipped!.params).toEqual({ names: ['setup.zip → setup.exe'], count: 1 });
    const findings = await run(file('=?UTF-8?B?aW52b2ljZeKArmZkcC5leGU=?=', PE));
    const rtl = findings.find((f) => f.id === 'attachments.rtl-override')!;
    expect(rtl.params).toEqual({ names: ['invoice[U+202E]fdp.exe'], count: 1 });
    expect(checkText(rtl, 'ja').title).toContain('invoice[U+202E]fdp.exe');
  });

  it('warns of encrypted archives in the words of the targeted-attack advice (PPAP)', async () => {
    const [finding] = await run(file('report.zip', ENCRYPTED_ZIP, 'application/zip'));
    expect(checkText(finding!, 'en').detail).toContain('PPAP');
    expect(checkText(finding!, 'ja').detail).toContain('PPAP');
    const [exe] = await run(file('setup.exe', PE));
    expect(checkText(exe!, 'ja').detail).toContain('標的型攻撃');
  });
});

describe('attachment helpers', () => {
  it.each([
    ['invoice.pdf.exe', ['exe', 'pdf']],
    ['INVOICE.PDF.EXE', ['exe', 'pdf']],
    ['a.exe. . ', ['exe']],
    ['README', []],
  ])('extensionsOf(%s)', (name, expected) => expect(extensionsOf(name)).toEqual(expected));

  it.each([
    ['invoice.pdf.exe', true],
    ['photo.jpg.scr', true],
    ['statement.pdf.html', true],
    ['scan.pdf          .js', true],
    ['archive.tar.gz', false],
    ['report.final.pdf', false],
    ['data.csv.zip', false],
    ['v1.2.exe', false],
  ])('hasDoubleExtension(%s) = %s', (name, expected) => expect(hasDoubleExtension(name)).toBe(expected));

  it('shownName makes bidi controls visible and bounds the length', () => {
    expect(shownName('a\u202eb\u2066c')).toBe('a[U+202E]b[U+2066]c');
    expect(shownName('x'.repeat(500)).length).toBe(121);
  });

  it.each([
    ['PE', PE, 'windows-program'],
    ['ELF', ELF, 'elf-program'],
    ['Mach-O', Buffer.from('cffaedfe07000001', 'hex'), 'mach-o-program'],
    ['shebang', Buffer.from('#!/usr/bin/env python3\n'), 'script'],
    ['ZIP', ZIP_WITH_EXE, 'zip'],
    ['RAR 4', rar4(0, 0, 'a'), 'rar'],
    ['RAR 5', rar5({ name: 'a' }), 'rar'],
    ['7z', sevenZip(false), '7z'],
    ['OLE2', ole2With('x'), 'ole2'],
    ['HTML', Buffer.from('\ufeff  <!doctype html><html>'), 'html'],
    ['PDF', PDF, 'other'],
    ['empty', Buffer.alloc(0), 'other'],
  ])('sniff %s', (_name, data, kind) => expect(sniff(data)).toBe(kind));

  it('lists ZIP entries from the central directory, and from local headers when the end is cut', () => {
    expect(listArchive(ENCRYPTED_ZIP)).toEqual({
      entries: [{ name: 'report.txt', encrypted: true }],
      encrypted: true,
    });
    const cut = ZIP_WITH_EXE.subarray(0, 60);
    expect(listArchive(cut)).toEqual({
      entries: [{ name: 'setup.exe', encrypted: false }],
      encrypted: false,
    });
    expect(officeFacts(DOCX_WITH_VBA, listArchive(DOCX_WITH_VBA))).toEqual({
      macros: true,
      encrypted: false,
    });
  });

  it.each([
    [
      'random bytes after a ZIP signature',
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40, 0xff)]),
    ],
    [
      'a RAR 4 with a zero header size',
      Buffer.concat([Buffer.from('Rar!\x1a\x07\x00', 'latin1'), Buffer.alloc(20)]),
    ],
    [
      'a RAR 5 with a runaway vint',
      Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), Buffer.alloc(4), Buffer.alloc(20, 0xff)]),
    ],
    [
      'a 7z pointing past its end',
      Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), Buffer.alloc(24, 0xff)]),
    ],
    [
      'a ZIP directory claiming 65 535 entries',
      Buffer.concat([
        Buffer.from('PK\x05\x06'),
        Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]),
        Buffer.alloc(10),
      ]),
    ],
  ])('%s is read without throwing', (_name, data) => {
    expect(() => listArchive(data)).not.toThrow();
  });
});
