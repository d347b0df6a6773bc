/**
 * What an attachment's bytes are, whatever its name says: programs (PE, ELF, Mach-O, scripts with #!),
 * archives (the names inside a ZIP or RAR, and whether they are encrypted), Office files with VBA
 * macros, password-protected Office files. Every reader is bounded (entries, offsets checked against the
 * buffer) and never throws on hostile bytes.
 */
import { LIMITS } from '../limits.js';

export type SniffedKind =
  | 'windows-program'
  | 'elf-program'
  | 'mach-o-program'
  | 'script'
  | 'shortcut'
  | 'zip'
  | 'rar'
  | '7z'
  | 'ole2'
  | 'html'
  | 'other';

export interface ArchiveEntry {
  name: string;
  encrypted: boolean;
}

export interface ArchiveListing {
  entries: ArchiveEntry[];
  /** Entries or headers are encrypted (the names may be hidden too). */
  encrypted: boolean;
}

const startsWith = (data: Buffer, bytes: readonly number[], at = 0): boolean =>
  data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const RAR4 = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00];
const RAR5 = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00];
const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const LNK = [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00];
/** 7-Zip's AES-256 + SHA-256 coder id, as it appears in a header's coder list. */
const SEVEN_ZIP_AES = Buffer.from([0x06, 0xf1, 0x07, 0x01]);

/** The start of an HTML document (after a BOM and whitespace). */
const HTML_START =
  /^(?:\xef\xbb\xbf)?\s*(?:<!--[\s\S]{0,200}?-->\s*)?<(?:!doctype\s+html|html|head|body|script|form|meta|iframe|svg)\b/i;

/** The kind of file the bytes are, from their magic numbers. */
export function sniff(data: Buffer): SniffedKind {
  if (startsWith(data, [0x4d, 0x5a])) return 'windows-program';
  if (startsWith(data, [0x7f, 0x45, 0x4c, 0x46])) return 'elf-program';
  if (isMachO(data)) return 'mach-o-program';
  if (startsWith(data, [0x23, 0x21])) return 'script';
  if (startsWith(data, LNK)) return 'shortcut';
  if (startsWith(data, ZIP_LOCAL) || startsWith(data, ZIP_EMPTY)) return 'zip';
  if (startsWith(data, RAR4) || startsWith(data, RAR5)) return 'rar';
  if (startsWith(data, SEVEN_ZIP)) return '7z';
  if (startsWith(data, OLE2)) return 'ole2';
  if (HTML_START.test(data.toString('latin1', 0, 1024))) return 'html';
  return 'other';
}

/** Mach-O thin (32/64-bit, either byte order) or fat binaries. CAFEBABE is also a Java class file: a program too. */
function isMachO(data: Buffer): boolean {
  if (data.length < 4) return false;
  const magic = data.readUInt32BE(0);
  return [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic);
}

/** An archive's entries and encryption, or null when the bytes are not an archive we read. */
export function listArchive(data: Buffer): ArchiveListing | null {
  try {
    if (startsWith(data, ZIP_LOCAL) || startsWith(data, ZIP_EMPTY)) return listZip(data);
    if (startsWith(data, RAR5)) return listRar5(data);
    if (startsWith(data, RAR4)) return listRar4(data);
    if (startsWith(data, SEVEN_ZIP)) return { entries: [], encrypted: sevenZipHeaderEncrypted(data) };
  } catch {
    // A read past a hostile length field: whatever was listed is lost, the archive counts as unreadable.
  }
  return null;
}

const listing = (entries: ArchiveEntry[], encrypted = false): ArchiveListing => ({
  entries,
  encrypted: encrypted || entries.some((e) => e.encrypted),
});

/**
 * ZIP (APPNOTE 4.3): the central directory, found from the end-of-central-directory record; bit 0 of
 * the general purpose flags marks an encrypted entry (ZipCrypto and WinZip AES alike). When the
 * directory cannot be found (a cut or ZIP64 file), the local headers are walked from the start.
 */
function listZip(data: Buffer): ArchiveListing {
  const eocd = findEndOfCentralDirectory(data);
  if (eocd >= 0) {
    const count = data.readUInt16LE(eocd + 10);
    const offset = data.readUInt32LE(eocd + 16);
    const entries: ArchiveEntry[] = [];
    let pos = offset;
    for (let i = 0; i < count && entries.length < LIMITS.contentMaxArchiveEntries; i++) {
      if (pos + 46 > data.length || data.readUInt32LE(pos) !== 0x02014b50) break;
      const flags = data.readUInt16LE(pos + 8);
      const nameLength = data.readUInt16LE(pos + 28);
      const extra = data.readUInt16LE(pos + 30);
      const comment = data.readUInt16LE(pos + 32);
      entries.push({ name: zipName(data, pos + 46, nameLength, flags), encrypted: (flags & 1) === 1 });
      pos += 46 + nameLength + extra + comment;
    }
    if (entries.length > 0 || count === 0) return listing(entries);
  }
  return listZipLocal(data);
}

function findEndOfCentralDirectory(data: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65 535.
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let pos = data.length - 22; pos >= stop; pos--) {
    if (data[pos] === 0x50 && data.readUInt32LE(pos) === 0x06054b50) return pos;
  }
  return -1;
}

function listZipLocal(data: Buffer): ArchiveListing {
  const entries: ArchiveEntry[] = [];
  let pos = 0;
  while (pos + 30 <= data.length && entries.length < LIMITS.contentMaxArchiveEntries) {
    if (data.readUInt32LE(pos) !== 0x04034b50) break;
    const flags = data.readUInt16LE(pos + 6);
    const compressed = data.readUInt32LE(pos + 18);
    const nameLength = data.readUInt16LE(pos + 26);
    const extra = data.readUInt16LE(pos + 28);
    entries.push({ name: zipName(data, pos + 30, nameLength, flags), encrypted: (flags & 1) === 1 });
    // Bit 3: sizes follow the data (streamed); the next header cannot be found without inflating.
    if (flags & 0x08) break;
    pos += 30 + nameLength + extra + compressed;
  }
  return listing(entries);
}

/** Bit 11 marks UTF-8 names; others are CP437, read as latin1 (extensions are ASCII either way). */
const zipName = (data: Buffer, at: number, length: number, flags: number): string =>
  data.toString(flags & 0x800 ? 'utf8' : 'latin1', at, Math.min(data.length, at + length));

/**
 * RAR 4.x: blocks of HEAD_CRC(2) HEAD_TYPE(1) HEAD_FLAGS(2) HEAD_SIZE(2) [ADD_SIZE(4)]. The main header's
 * flag 0x80 encrypts every later header (names hidden); a file header's flag 0x04 marks an encrypted file.
 */
function listRar4(data: Buffer): ArchiveListing {
  const entries: ArchiveEntry[] = [];
  let pos = RAR4.length;
  while (pos + 7 <= data.length && entries.length < LIMITS.contentMaxArchiveEntries) {
    const type = data[pos + 2]!;
    const flags = data.readUInt16LE(pos + 3);
    const headSize = data.readUInt16LE(pos + 5);
    if (headSize < 7) break;
    if (type === 0x73 && flags & 0x0080) return listing(entries, true);
    let dataSize = 0;
    if (type === 0x74) {
      if (pos + 32 > data.length) break;
      dataSize = data.readUInt32LE(pos + 7);
      const nameSize = data.readUInt16LE(pos + 26);
      const nameAt = pos + 32 + (flags & 0x100 ? 8 : 0);
      const name =
        data.toString('latin1', nameAt, Math.min(data.length, nameAt + nameSize)).split('\0')[0] ?? '';
      entries.push({ name, encrypted: (flags & 0x04) !== 0 });
    } else if (flags & 0x8000 && pos + 11 <= data.length) dataSize = data.readUInt32LE(pos + 7);
    if (type === 0x7b) break; // end of archive
    pos += headSize + dataSize;
  }
  return listing(entries);
}

/** A RAR 5 variable-length integer: value and bytes read (null past the buffer or over 53 bits). */
function vint(data: Buffer, at: number): [number, number] | null {
  let value = 0;
  for (let i = 0; i < 8 && at + i < data.length; i++) {
    const byte = data[at + i]!;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  return null;
}

/**
 * RAR 5: headers of CRC32(4) size(vint) type(vint) flags(vint) [extra size] [data size] ... An archive
 * encryption header (type 4) encrypts all later headers; a file header (type 2) whose extra area holds
 * an encryption record (type 1) is an encrypted file.
 */
function listRar5(data: Buffer): ArchiveListing {
  const entries: ArchiveEntry[] = [];
  let pos = RAR5.length;
  while (pos + 4 < data.length && entries.length < LIMITS.contentMaxArchiveEntries) {
    const size = vint(data, pos + 4);
    if (!size || size[0] === 0) break;
    const headerStart = pos + 4 + size[1];
    const headerEnd = headerStart + size[0];
    if (headerEnd > data.length) break;
    let at = headerStart;
    const read = () => {
      const v = vint(data, at);
      if (!v || at + v[1] > headerEnd) throw new RangeError('rar5 header');
      at += v[1];
      return v[0];
    };
    const type = read();
    const flags = read();
    const extraSize = flags & 0x01 ? read() : 0;
    const dataSize = flags & 0x02 ? read() : 0;
    if (type === 4) return listing(entries, true);
    if (type === 2) {
      const fileFlags = read();
      read(); // unpacked size
      read(); // attributes
      if (fileFlags & 0x02) at += 4; // mtime
      if (fileFlags & 0x04) at += 4; // data CRC32
      read(); // compression information
      read(); // host OS
      const nameLength = read();
      const name = data.toString('utf8', at, Math.min(headerEnd, at + nameLength));
      entries.push({ name, encrypted: rar5ExtraHasEncryption(data, headerEnd - extraSize, headerEnd) });
    }
    if (type === 5) break; // end of archive
    pos = headerEnd + dataSize;
  }
  return listing(entries);
}

function rar5ExtraHasEncryption(data: Buffer, start: number, end: number): boolean {
  let at = start;
  while (at < end) {
    const size = vint(data, at);
    if (!size || size[0] === 0) return false;
    const type = vint(data, at + size[1]);
    if (!type) return false;
    if (type[0] === 1) return true;
    at += size[1] + size[0];
  }
  return false;
}

/**
 * 7z: the start header (32 bytes) points at the next header at its end. With "encrypt file names"
 * (-mhe) that header is an encoded header whose coders include AES; its bytes are then found there.
 * Encrypted contents under a plain (LZMA-packed) header are not visible without unpacking it.
 */
function sevenZipHeaderEncrypted(data: Buffer): boolean {
  if (data.length < 32) return false;
  const offset = Number(data.readBigUInt64LE(12));
  const size = Number(data.readBigUInt64LE(20));
  const start = 32 + offset;
  if (!Number.isSafeInteger(start) || start >= data.length) return false;
  const header = data.subarray(start, Math.min(data.length, start + Math.min(size, 64 * 1024)));
  return header.indexOf(SEVEN_ZIP_AES) >= 0;
}

const utf16 = (text: string) => Buffer.from(text, 'utf16le');
/** Every VBA project (Word, Excel, PowerPoint) has a _VBA_PROJECT stream; OLE2 names are UTF-16LE. */
const VBA_PROJECT = utf16('_VBA_PROJECT');
/** A password-protected OOXML file is an OLE2 container with an EncryptedPackage stream (MS-OFFCRYPTO). */
const ENCRYPTED_PACKAGE = utf16('EncryptedPackage');

export interface OfficeFacts {
  macros: boolean;
  encrypted: boolean;
}

/**
 * VBA macros and password protection of an Office file: OLE2 (.doc, .xls, .ppt, and encrypted OOXML)
 * by its directory names, OOXML (a ZIP) by a vbaProject.bin part. Null when the bytes are neither.
 */
export function officeFacts(data: Buffer, archive: ArchiveListing | null): OfficeFacts | null {
  if (startsWith(data, OLE2)) {
    return { macros: data.indexOf(VBA_PROJECT) >= 0, encrypted: data.indexOf(ENCRYPTED_PACKAGE) >= 0 };
  }
  if (archive && startsWith(data, ZIP_LOCAL)) {
    const macros = archive.entries.some((e) => /(?:^|\/)vbaproject\.bin$/i.test(e.name));
    return { macros, encrypted: false };
  }
  return null;
}
