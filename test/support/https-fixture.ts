/**
 * A local HTTPS server for the audit's fetch tests (MTA-STS policies, BIMI logos): 127.0.0.1, a random port,
 * a test certificate authority made at start, and one certificate per host name chosen by SNI, so a test can
 * serve a valid certificate, one for the wrong name, an expired one or a self-signed one. Requests are
 * answered by the test's handler, keyed by Host (without the port) and path.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';

export type CertificateKind = 'valid' | 'wrong-name' | 'expired' | 'self-signed';

export interface HttpsFixtureOptions {
  /**
   * The host names served and the certificate each gets (SNI decides). The valid names share one certificate
   * (every name in its subjectAltName); other names get the default certificate, made for "localhost".
   */
  certificates: Record<string, CertificateKind>;
  handler: (request: IncomingMessage, response: ServerResponse, host: string) => void;
}

export interface SeenRequest {
  host: string;
  path: string;
  servername: string;
  userAgent: string;
}

export interface HttpsFixture {
  port: number;
  /** The test CA's certificate (PEM): what the audit's fetch.ca trusts. */
  ca: string;
  seen: SeenRequest[];
  stop(): Promise<void>;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

// RSA: selfsigned 5.5 fails to sign EC certificates with a CA.
const KEY = { keyType: 'rsa', keySize: 2048, algorithm: 'sha256' } as const;

async function makeCa(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'mailscore test CA' }], {
    ...KEY,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

async function makeLeaf(
  names: readonly string[],
  kind: CertificateKind,
  ca: { key: string; cert: string },
): Promise<{ key: string; cert: string }> {
  const now = Date.now();
  const certNames = kind === 'wrong-name' ? names.map((name) => `elsewhere.${name}`) : names;
  const pems = await generate([{ name: 'commonName', value: certNames[0]! }], {
    ...KEY,
    ...(kind === 'self-signed' ? {} : { ca }),
    ...(kind === 'expired'
      ? { notBeforeDate: new Date(now - 2 * YEAR_MS), notAfterDate: new Date(now - YEAR_MS) }
      : {}),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: certNames.map((value) => ({ type: 2 as const, value })) },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

export async function startHttpsFixture(options: HttpsFixtureOptions): Promise<HttpsFixture> {
  const ca = await makeCa();
  const entries = Object.entries(options.certificates);
  const valid = entries.filter(([, kind]) => kind === 'valid').map(([name]) => name);
  const others = entries.filter(([, kind]) => kind !== 'valid');
  const [fallback, shared, ...own] = await Promise.all([
    makeLeaf(['localhost'], 'valid', ca),
    valid.length ? makeLeaf(valid, 'valid', ca) : null,
    ...others.map(([name, kind]) => makeLeaf([name], kind, ca)),
  ]);
  const contexts = new Map<string, SecureContext>();
  const sharedContext = shared && createSecureContext(shared);
  if (sharedContext) for (const name of valid) contexts.set(name, sharedContext);
  others.forEach(([name], i) => contexts.set(name, createSecureContext(own[i]!)));
  const seen: SeenRequest[] = [];
  const server = https.createServer(
    {
      ...fallback,
      SNICallback: (servername, callback) => callback(null, contexts.get(servername.toLowerCase())),
    },
    (request, response) => {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      seen.push({
        host,
        path: request.url ?? '',
        servername: (request.socket as TLSSocket).servername || '',
        userAgent: request.headers['user-agent'] ?? '',
      });
      options.handler(request, response, host);
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return {
    port,
    ca: ca.cert,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
