/**
 * The charsets a message's parts declare. mailparser decodes each part with its charset but does not
 * say which it met, so the Content-Type fields are read here: the message's own and those at the
 * start of a line in the body (part headers). A body line that merely looks like a Content-Type field
 * can add a name; the list is for information (and the built-in rules), never for decoding.
 */
import { LIMITS } from '../limits.js';

const CONTENT_TYPE_FIELD = /^content-type[ \t]*:([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gim;
const CHARSET_PARAM = /;\s*charset\s*=\s*(?:"([^"]{1,64})"|([^\s;"]{1,64}))/i;
/** Bytes of one field searched for its charset (real fields are under 200). */
const MAX_FIELD_CHARS = 1_024;

/** Lower-case charset names declared by the parts, first seen first, without repeats. */
export function declaredCharsets(source: Buffer): string[] {
  const found = new Set<string>();
  let fields = 0;
  for (const match of source.toString('latin1').matchAll(CONTENT_TYPE_FIELD)) {
    const param = CHARSET_PARAM.exec((match[1] ?? '').slice(0, MAX_FIELD_CHARS));
    const name = (param?.[1] ?? param?.[2] ?? '').trim().toLowerCase();
    if (name) found.add(name);
    if (++fields > LIMITS.maxMimeParts) break;
  }
  return [...found];
}
