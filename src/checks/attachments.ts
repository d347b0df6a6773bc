/**
 * Attachment checks: what receivers refuse or quarantine, and what targeted attacks look like (a file
 * that pretends to be a document). Names are judged as Windows reads them (trailing dots and spaces
 * dropped); bytes are sniffed whatever the name says; archives are opened far enough to list their
 * names and see their encryption flags.
 */
import { readHtml } from '../content/html.js';
import { listArchive, officeFacts, sniff, type ArchiveListing, type SniffedKind } from '../content/sniff.js';
import type { ContentAttachment, ContentModel } from '../content/types.js';
import {
  DOCUMENT_EXTENSIONS,
  EXECUTABLE_EXTENSIONS,
  HTML_EXTENSIONS,
  MACRO_EXTENSIONS,
} from '../content/file-types.js';
import { LIMITS } from '../limits.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

/** Bidirectional controls: U+202E makes "invoice\u202Efdp.exe" display as "invoiceexe.pdf". */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
/** Spaces that push the real extension out of view ("invoice.pdf            .exe"). */
const PADDED_EXTENSION = /\s{5,}\.[a-z0-9]{1,5}$/i;
/** Names listed in one finding (the count says how many there are). */
const MAX_LISTED = 5;
/** Characters of one name shown. */
const MAX_NAME_CHARS = 120;
const PROGRAMS: readonly SniffedKind[] = [
  'windows-program',
  'elf-program',
  'mach-o-program',
  'script',
  'shortcut',
];

/** The name as Windows uses it: trailing dots and spaces dropped (so "a.exe." runs as a.exe). */
const windowsName = (name: string): string => name.replace(/[.\s]+$/, '');

/** Lower-case extensions of a name, last first ("a.pdf.exe" → ["exe", "pdf"]). */
export function extensionsOf(name: string): string[] {
  const parts = windowsName(name).toLowerCase().split('.');
  return parts.length < 2
    ? []
    : parts
        .slice(1)
        .reverse()
        .map((p) => p.trim());
}

/** A name safe to show: bidi controls made visible (they would reorder the report's text), bounded. */
export function shownName(name: string): string {
  const visible = name.replace(
    /[\u202a-\u202e\u2066-\u2069]/g,
    (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase()}]`,
  );
  return visible.length > MAX_NAME_CHARS ? `${visible.slice(0, MAX_NAME_CHARS)}…` : visible;
}

export const isExecutableName = (name: string): boolean =>
  EXECUTABLE_EXTENSIONS.has(extensionsOf(name)[0] ?? '');

/** invoice.pdf.exe: a trusted extension in front of a dangerous one, or the real one pushed out of view. */
export function hasDoubleExtension(name: string): boolean {
  const [last = '', previous = ''] = extensionsOf(name);
  const dangerous = EXECUTABLE_EXTENSIONS.has(last) || HTML_EXTENSIONS.has(last);
  return dangerous && (DOCUMENT_EXTENSIONS.has(previous) || PADDED_EXTENSION.test(windowsName(name)));
}

interface Problems {
  executable: string[];
  disguised: string[];
  doubleExtension: string[];
  bidi: string[];
  macro: string[];
  encrypted: string[];
  htmlActive: string[];
}

/** Looks at one attachment and adds its name to each list it belongs to. */
function inspect(attachment: ContentAttachment, label: string, problems: Problems): void {
  const name = attachment.filename ?? '';
  const kind = sniff(attachment.data);
  const archive = listArchive(attachment.data);
  const office = officeFacts(attachment.data, archive);
  const extension = extensionsOf(name)[0] ?? '';

  if (BIDI_CONTROLS.test(name)) problems.bidi.push(label);
  if (hasDoubleExtension(name)) problems.doubleExtension.push(label);
  if (EXECUTABLE_EXTENSIONS.has(extension)) problems.executable.push(label);
  else if (PROGRAMS.includes(kind)) problems.disguised.push(label);
  if (MACRO_EXTENSIONS.has(extension) || office?.macros) problems.macro.push(label);
  if (archive?.encrypted || office?.encrypted) problems.encrypted.push(label);
  if (archive) inspectEntries(label, archive, problems);
  if (kind === 'html' || HTML_EXTENSIONS.has(extension) || attachment.contentType === 'text/html') {
    const active = readHtml(attachment.data.toString('utf8', 0, LIMITS.contentMaxHtmlChars)).facts.active;
    if (active.form || active.script || active['meta-refresh'] || active['javascript-url'])
      problems.htmlActive.push(label);
  }
}

/** Files inside an archive: Gmail refuses programs even zipped, and macros hide there too. */
function inspectEntries(label: string, archive: ArchiveListing, problems: Problems): void {
  for (const entry of archive.entries) {
    const inner = `${label} → ${shownName(entry.name)}`;
    const extension = extensionsOf(entry.name)[0] ?? '';
    if (EXECUTABLE_EXTENSIONS.has(extension)) problems.executable.push(inner);
    if (MACRO_EXTENSIONS.has(extension)) problems.macro.push(inner);
    if (BIDI_CONTROLS.test(entry.name)) problems.bidi.push(inner);
    if (hasDoubleExtension(entry.name)) problems.doubleExtension.push(inner);
  }
}

const listed = (names: string[]) => ({
  names: [...new Set(names)].slice(0, MAX_LISTED),
  count: new Set(names).size,
});

export function checkAttachments(ctx: CheckContext, content: ContentModel): CheckOutput<null> {
  const files = content.attachments;
  const findings: Finding[] = [];
  const problems: Problems = {
    executable: [],
    disguised: [],
    doubleExtension: [],
    bidi: [],
    macro: [],
    encrypted: [],
    htmlActive: [],
  };
  files.forEach((attachment, i) => {
    try {
      inspect(
        attachment,
        shownName(attachment.filename ?? `#${i + 1} (${attachment.contentType})`),
        problems,
      );
    } catch {
      // One hostile file must not cost the rest of the report; the others are still judged.
    }
  });

  const add = (id: Finding['id'], names: string[]) => {
    if (names.length > 0) findings.push({ id, params: listed(names) });
  };
  add('attachments.executable', problems.executable);
  add('attachments.disguised', problems.disguised);
  add('attachments.double-extension', problems.doubleExtension);
  add('attachments.rtl-override', problems.bidi);
  add('attachments.macro', problems.macro);
  add('attachments.encrypted', problems.encrypted);
  add('attachments.html-form', problems.htmlActive);

  const notes: Finding[] = [];
  // Past the decode bound the last attachments are cut or missing; past the count bound, not looked at.
  const cut =
    ctx.message.raw.length > LIMITS.maxMimeParseBytes || files.length >= LIMITS.contentMaxAttachments;
  if (cut)
    notes.push({
      id: 'attachments.partial',
      params: { count: files.length, limitMb: LIMITS.maxMimeParseBytes / 1024 / 1024 },
    });
  // Images the HTML shows are page content, not files a reader opens: they are judged, but not listed.
  const opened = files.filter((a) => !a.inline);
  if (findings.length === 0 && opened.length > 0) {
    const names = opened.map((a, i) => shownName(a.filename ?? `#${i + 1} (${a.contentType})`));
    findings.push({ id: 'attachments.pass', params: listed(names) });
  }
  return { result: null, findings: [...findings, ...notes] };
}
