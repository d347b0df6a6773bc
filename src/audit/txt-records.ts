/**
 * TXT records of the transport and brand sections (MTA-STS, TLS-RPT, BIMI): read through the audit's DNS
 * session, bounded, with their tag lists parsed the way these specs write them ("name=value" between ";").
 */
import type { DnsSession } from '../dns/session.js';
import { errorCode, isNoRecords } from '../dns/types.js';
import { LIMITS } from '../limits.js';

/** The records at a name (character-strings joined), or the DNS error code when the lookup failed. */
export type TxtLookup = { records: string[] } | { error: string };

/** Never throws: no records is an empty list, a failed lookup its code (ETIMEOUT, ESERVFAIL, ...). */
export async function txtRecords(dns: DnsSession, name: string): Promise<TxtLookup> {
  try {
    const records = await dns.records(name, 'TXT');
    return { records: records.slice(0, LIMITS.auditTxtRecords).map((parts) => parts.join('')) };
  } catch (err) {
    return isNoRecords(err) ? { records: [] } : { error: errorCode(err) };
  }
}

/** The records that start with a version tag; the version is case-sensitive in all three specs. */
export const recordsWithVersion = (records: readonly string[], version: string): string[] =>
  records.filter(
    (record) => record.startsWith(version) && /^[ \t]*(?:;|$)/.test(record.slice(version.length)),
  );

/** Record text as shown in the audit (a TXT record can hold 64 KB over TCP). */
export const shownRecord = (record: string): string =>
  record.length > LIMITS.auditRecordChars ? `${record.slice(0, LIMITS.auditRecordChars)}…` : record;

export interface Tag {
  name: string;
  value: string;
}

/**
 * "v=X; a=b; c=d;" → its tags, in order, names and values trimmed of spaces and tabs; null when a part has no
 * "=" or an empty part comes before the end (the specs' ABNF allows one trailing ";" only).
 */
export function parseTags(record: string): Tag[] | null {
  const parts = record.split(';').map((part) => part.replace(/^[ \t]+|[ \t]+$/g, ''));
  if (parts.at(-1) === '') parts.pop();
  const tags: Tag[] = [];
  for (const part of parts) {
    const at = part.indexOf('=');
    if (at <= 0) return null;
    tags.push({
      name: part.slice(0, at).replace(/[ \t]+$/, ''),
      value: part.slice(at + 1).replace(/^[ \t]+/, ''),
    });
  }
  return tags;
}

/**
 * An extension tag as RFC 8461 3.1 and RFC 8460 3 both define it: a name of 1-32 letters, digits, "_", "-", "."
 * (starting with a letter or digit), a value of printable characters other than "=", ";" and space.
 */
export const isExtensionTag = (tag: Tag): boolean =>
  /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/.test(tag.name) && /^[\x21-\x3a\x3c\x3e-\x7e]+$/.test(tag.value);

/** The first value of a tag, or undefined. */
export const tagValue = (tags: readonly Tag[], name: string): string | undefined =>
  tags.find((tag) => tag.name === name)?.value;

/** A record's policy id / key version from the clock: 14 digits (YYYYMMDDhhmmss), what MTA-STS ids usually are. */
export const idFromClock = (now: Date): string => now.toISOString().replace(/\D/g, '').slice(0, 14);
