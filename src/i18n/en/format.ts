import type { AreaCatalog } from '../types.js';

export const format: AreaCatalog<'format'> = {
  'format.pass': {
    title: 'Message format follows RFC 5322',
    detail:
      'One From field with one valid address, a valid Date and Message-ID, a Subject, no repeated single-use header fields, no lines over 998 octets and well-formed MIME.',
    fix: null,
  },
  'format.from-invalid': {
    title: 'The From field {problem}',
    detail:
      'From: {value} (addresses found: {addresses}). RFC 5322 requires a From field naming the author as local@domain. DMARC and Gmail need exactly one address there to know which domain to authenticate; Gmail rejects a message whose From is missing ("not RFC 5322 compliant"), and receivers commonly reject one with several or no valid address.',
    fix: 'Send with one From field holding one address in a domain you control, for example: From: Your Name <news@{domain}>',
    values: {
      problem: {
        missing: 'is missing',
        'no-address': 'holds no address',
        invalid: 'holds an invalid address',
        multiple: 'holds more than one address',
      },
    },
  },
  'format.from-repeated': {
    title: 'The From field appears {count} times',
    detail:
      'RFC 5322 allows one From field; this message has {count}: {values}. Receivers cannot tell which author to authenticate, and Gmail rejects such mail with 550 5.7.1 "Multiple \'From\' headers found".',
    fix: 'Make the program that builds the message write From once (check templates and libraries that add their own), for example: From: Your Name <news@{domain}>',
  },
  'format.no-date': {
    title: 'The Date field is missing',
    detail:
      'RFC 5322 requires a Date field (when the message was written). Without it receivers insert their own or score the message as spam-like.',
    fix: 'Have the program that builds the message add a Date field in RFC 5322 form, for example: Date: {example}',
  },
  'format.bad-date': {
    title: 'The Date field {problem}',
    detail:
      'Date: {value}. A Date must read like “Tue, 01 Jul 2025 09:30:00 +0900”: an optional weekday that matches the date, the day, an English month abbreviation, a four-digit year, a 24-hour time and a numeric time zone. Receivers score a malformed Date as a spam trait.',
    fix: 'Build the Date with your language’s RFC 5322 formatter rather than by hand, for example: Date: {example}',
    values: {
      problem: {
        syntax: 'is not a valid RFC 5322 date',
        weekday: 'names the wrong weekday for its date',
      },
    },
  },
  'format.date-future': {
    title: 'The Date field is {hours} hours in the future',
    detail:
      'Date: {value} means {parsed} (UTC), but this report was made at {now} (UTC). Mail dated in the future is a spam trait, and mail clients sort it above newer mail.',
    fix: 'Correct the clock and the time zone of the host that builds the message (run NTP, and check that the zone offset matches the local time), so that the Date reads like: Date: {example}',
  },
  'format.date-old': {
    title: 'The Date field is {days} days old',
    detail:
      'Date: {value} means {parsed} (UTC), but this report was made at {now} (UTC). Receivers treat mail dated long ago as stale or replayed. (If you are analyzing an archived message, this is expected.)',
    fix: 'Set the Date when the message is sent, from a correct clock (run NTP), for example: Date: {example}',
  },
  'format.no-message-id': {
    title: 'The Message-ID field is missing',
    detail:
      'RFC 5322 says every message should have a Message-ID, and Gmail’s sender guidelines require one: Gmail may refuse mail without it (550 5.7.1) or send it to spam.',
    fix: 'Have the program that builds the message add a unique Message-ID in your own domain, for example: Message-ID: <20250701093000.1a2b3c4d@{domain}>',
  },
  'format.bad-message-id': {
    title: 'The Message-ID field is malformed',
    detail:
      'Message-ID: {value}. RFC 5322 requires the form <left@right>: angle brackets around a unique left part, an @ and a domain, with no spaces. Gmail asks for RFC 5322 compliant Message-IDs.',
    fix: 'Generate the Message-ID as <unique-part@{domain}>, for example: Message-ID: <20250701093000.1a2b3c4d@{domain}>',
  },
  'format.no-subject': {
    title: 'The message has no Subject',
    detail:
      'The Subject field is missing or empty. RFC 5322 allows that, but filters score subject-less mail as a spam trait and recipients tend to ignore it.',
    fix: 'Add a short Subject that says what the message is about.',
  },
  'format.no-mime-version': {
    title: 'MIME-Version is missing',
    detail:
      'The message uses MIME ({field}) but has no MIME-Version field, which RFC 2045 requires. Clients usually cope; some filters score it.',
    fix: 'Add this header field to the message: MIME-Version: 1.0',
  },
  'format.repeated-header': {
    title: 'Header fields that may appear once are repeated: {fields}',
    detail:
      'RFC 5322 section 3.6 allows each of these fields at most once: {fields}. Gmail rejects messages with duplicate Subject, Message-ID, To or Date fields as "not RFC 5322 compliant: duplicate headers".',
    fix: 'Make the program that builds the message write each of {names} once (check templates and libraries that add their own copy).',
  },
  'format.eight-bit-header': {
    title: 'Raw 8-bit bytes in header fields: {fields}',
    detail:
      '{count} header field(s) contain raw non-ASCII bytes ({fields}). That is only allowed as UTF-8 when the message travels with SMTPUTF8 (RFC 6531/6532), and we cannot see whether your server used it; any other 8-bit encoding (raw Shift_JIS, ISO-8859-1) is never allowed. A relay without SMTPUTF8 may reject the message or garble the text.',
    fix: 'Encode non-ASCII text in header fields as RFC 2047 encoded-words, for example: Subject: =?UTF-8?B?5L6L?= — mail libraries do this when given a Unicode string instead of raw bytes.',
  },
  'format.long-line': {
    title: '{count} line(s) exceed 998 octets',
    detail:
      'RFC 5322 section 2.1.1 limits a line to 998 octets. The first long line is line {line} ({length} octets); the longest is {longest} octets. Relays may split such lines, which breaks the text, the HTML and the DKIM signature.',
    fix: 'Send the body with quoted-printable or base64 transfer encoding (both wrap lines at 76 characters), and fold long header fields onto continuation lines starting with a space.',
  },
  'format.html-only': {
    title: 'HTML without a plain-text alternative',
    detail:
      'The message has an HTML body but no text/plain part. Filters score HTML-only mail as a spam trait, and text-only clients show nothing readable.',
    fix: 'Send multipart/alternative with a text/plain part first and the text/html part second, both with the same content.',
  },
  'format.html-clipped': {
    title: 'The HTML is {sizeKb} KB: Gmail will clip it',
    detail:
      'Gmail shows only the first ~{limitKb} KB of a message’s HTML and hides the rest behind “[Message clipped] View entire message”, often including the unsubscribe link and tracking pixel.',
    fix: 'Bring the HTML under {limitKb} KB: remove inlined CSS that repeats, comments and unused markup, and link to images rather than embedding them.',
  },
  'format.large': {
    title: 'The message is large ({sizeMb} MB)',
    detail:
      'The message is {sizeMb} MB as sent. Size limits count this encoded size: base64 makes attachments about a third larger than the files. Gmail accepts up to {limitMb} MB; many other providers accept less (often 10–20 MB).',
    fix: 'Send large files as a download link instead of attachments.',
  },
  'format.too-many-headers': {
    title: 'Too many header fields ({count})',
    detail:
      'The header section has {count} fields ({headerKb} KB). Real mail has fewer than 200; we read the first {limit} fields and at most {limitKb} KB, and ignore the rest. Receivers may reject or truncate such a message.',
    fix: 'Find what adds header fields in a loop (a template or a relay that re-adds fields) and send each field once.',
  },
  'format.mime-broken': {
    title: 'The MIME structure is broken',
    detail:
      'Multiparts without a boundary parameter: {noBoundary}. Boundaries that never appear: {boundaryNeverSeen}. Multiparts never closed with --boundary--: {unterminated}. Base64 parts with invalid data: {badBase64}. Nesting depth: {depth}. Decoder error: {error}. Mail clients may show such a message empty, partly, or with attachments missing.',
    fix: 'Build the message with a MIME library instead of by hand: each multipart needs a boundary parameter, each part must start with a “--boundary” line, the last part must end with “--boundary--”, and base64 data must be complete.',
  },
  'format.freemail-from': {
    title: 'From claims {domain}, but DMARC does not pass',
    detail:
      '{provider} enforces DMARC on {domain} (policy: {policy}), so receivers reject or junk mail with a From address at {domain} unless it really left {provider}’s servers. DMARC result for this message: {dmarc}.',
    fix: 'Send from an address in your own domain (and put the {domain} address in Reply-To if replies should go there), or send through {provider}’s own servers with that account.',
  },
};
