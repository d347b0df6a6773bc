/**
 * The static assets, served from memory. Each URL carries a hash of the content, so browsers may keep
 * a file for a year and still get the new one after an upgrade.
 */
import { createHash } from 'node:crypto';
import { CLIENT_SCRIPT } from './client.js';
import { STYLE } from './style.js';

export interface Asset {
  /** The path the pages link to, with the content hash. */
  path: string;
  contentType: string;
  body: Buffer;
}

function asset(name: string, extension: string, contentType: string, text: string): Asset {
  const body = Buffer.from(text, 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${hash}.${extension}`, contentType, body };
}

export const ASSETS = {
  style: asset('mailscore', 'css', 'text/css; charset=utf-8', STYLE),
  script: asset('mailscore', 'js', 'text/javascript; charset=utf-8', CLIENT_SCRIPT),
} as const;
