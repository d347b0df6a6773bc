/**
 * API errors: every failure answers `{"error": {"code", "message"}}` with its status. Messages are for the
 * developer calling the API (the pages show their own words); a 500 never carries a stack or internals.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Extra response headers (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 'bad_request') => new ApiError(400, code, message);
export const notFound = (message = 'no such test') => new ApiError(404, 'not_found', message);

/** Codes for errors raised by fastify itself (body too large, malformed URL, timeouts, ...). */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'timeout',
  413: 'too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  501: 'not_implemented',
  503: 'unavailable',
};

export interface ErrorBody {
  error: { code: string; message: string };
}

/** Status, code and message of any thrown error: ours as they are, fastify's client errors mapped, the rest a plain 500. */
export function describeError(err: FastifyError | ApiError | Error): { status: number; body: ErrorBody } {
  if (err instanceof ApiError) {
    return { status: err.statusCode, body: { error: { code: err.code, message: err.message } } };
  }
  const status = (err as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      status,
      body: { error: { code: CODE_BY_STATUS[status] ?? 'bad_request', message: firstLine(err.message) } },
    };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error (logged)' } } };
}

const firstLine = (text: string) => (text.split('\n')[0] ?? '').slice(0, 300);

export function errorHandler(
  err: FastifyError | ApiError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const { status, body } = describeError(err);
  if (status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ code: body.error.code, status }, 'request refused');
  if (err instanceof ApiError) reply.headers(err.headers);
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}
