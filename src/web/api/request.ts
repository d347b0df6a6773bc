/** Reading what a request asks for — query values, language, the base URL — with hostile values refused. */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../report/types.js';
import { pickLang } from '../../service/tests.js';
import { badRequest } from './errors.js';

/** Longest query value taken (the longest legitimate one is an address: 254 characters, RFC 5321 4.5.3.1.3). */
const MAX_QUERY_VALUE = 320;

/** One query parameter as a string, undefined when absent; given twice or too long: 400. */
export function queryValue(query: unknown, name: string): string | undefined {
  if (!query || typeof query !== 'object' || !Object.hasOwn(query, name)) return undefined;
  const value = (query as Record<string, unknown>)[name];
  if (typeof value !== 'string') throw badRequest(`${name} must be given once`);
  if (value.length > MAX_QUERY_VALUE)
    throw badRequest(`${name} is longer than ${MAX_QUERY_VALUE} characters`);
  return value;
}

/** `?lang=en|ja`, else Accept-Language, else English; any other `lang` value is a 400. */
export function requestLang(request: FastifyRequest): Lang {
  const picked = pickLang(queryValue(request.query, 'lang'), headerText(request.headers['accept-language']));
  if ('error' in picked) throw badRequest(picked.error);
  return picked.lang;
}

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : value);

/** A Host header we are willing to echo into a URL: a name or an IP literal, with an optional port. */
const SAFE_HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/**
 * Base URL of the pages: --public-url when set (behind a proxy that is the only reliable answer), else
 * from the request's Host; '' (paths without a host) when the Host header is missing or odd.
 */
export function baseUrlOf(request: FastifyRequest, publicUrl: string | null): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const host = request.headers.host;
  if (!host || !SAFE_HOST.test(host)) return '';
  return `${request.protocol}://${host}`;
}
