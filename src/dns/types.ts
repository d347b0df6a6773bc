/** Record types the checks ask for. */
export type RecordType = 'A' | 'AAAA' | 'TXT' | 'MX' | 'PTR' | 'CNAME' | 'NS';

export interface MxRecord {
  exchange: string;
  priority: number;
}

/** Shape of each record type's data, as mailauth expects it (TXT: one string[] per record). */
export interface RecordData {
  A: string[];
  AAAA: string[];
  TXT: string[][];
  MX: MxRecord[];
  PTR: string[];
  CNAME: string[];
  NS: string[];
}

export interface Answer<T extends RecordType = RecordType> {
  records: RecordData[T];
  /** Smallest TTL of the records used (seconds). */
  ttl: number;
  /** The AD bit: a validating resolver vouched for the answer (DNSSEC). */
  authenticated: boolean;
}

/**
 * Error codes as Node's dns module and mailauth use them.
 * ENOTFOUND: NXDOMAIN. ENODATA: the name exists, no record of this type. ETIMEOUT: no answer in time
 * (also the report deadline). ESERVFAIL / EREFUSED: the server said so. EBADNAME: we refused to send it.
 * EBADRESP: the answer was malformed.
 */
export type DnsErrorCode =
  'ENOTFOUND' | 'ENODATA' | 'ETIMEOUT' | 'ESERVFAIL' | 'EREFUSED' | 'EBADNAME' | 'EBADRESP';

export class DnsError extends Error {
  readonly code: DnsErrorCode;
  readonly hostname: string;
  readonly rrtype: RecordType;
  constructor(code: DnsErrorCode, hostname: string, rrtype: RecordType, detail?: string) {
    super(`${rrtype} ${hostname}: ${code}${detail ? ` (${detail})` : ''}`);
    this.name = 'DnsError';
    this.code = code;
    this.hostname = hostname;
    this.rrtype = rrtype;
  }
}

/** True for "the name has no such records": a definite answer, not a failure. */
export const isNoRecords = (err: unknown): boolean =>
  err instanceof DnsError && (err.code === 'ENOTFOUND' || err.code === 'ENODATA');

/**
 * True when a lookup failed without saying anything about the name (timeout, SERVFAIL, ...): the answer is
 * unknown. No records, and a name no server can be asked about (EBADNAME), are definite.
 */
export const isTransient = (err: unknown): boolean =>
  !isNoRecords(err) && !(err instanceof DnsError && err.code === 'EBADNAME');

/** The DnsError code for a finding's params; EUNEXPECTED for anything else that was thrown. */
export const errorCode = (err: unknown): string => (err instanceof DnsError ? err.code : 'EUNEXPECTED');

export interface ServerAddress {
  host: string;
  port: number;
}
