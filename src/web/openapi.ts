/**
 * The OpenAPI 3.1 description of every HTTP route (served at /api/openapi.json). A test checks that each
 * registered route appears here, so the document cannot fall behind the server.
 */
import type { ServiceConfig } from '../service/config.js';
import { ASSETS } from './assets/index.js';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(ref('Error'), description);

const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The test id (26 characters of lower-case base32).',
  schema: { type: 'string', pattern: '^[a-z2-7]{26}$' },
};
const langParam = {
  name: 'lang',
  in: 'query',
  required: false,
  description: 'Language of the report words; without it, Accept-Language decides (default en).',
  schema: { type: 'string', enum: ['en', 'ja'] },
};
const messageParam = {
  name: 'message',
  in: 'query',
  required: false,
  description: 'An earlier message of this test (an id from `messages`); default: the newest.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};
const rawMessageBody = {
  required: true,
  description:
    'The raw message (RFC 5322), as bytes. Any content type is accepted (message/rfc822 preferred); at most --max-message-bytes.',
  content: {
    'message/rfc822': { schema: { type: 'string', contentMediaType: 'message/rfc822' } },
    'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
    'text/plain': { schema: { type: 'string' } },
  },
};
const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});

const authResult = {
  type: 'string',
  enum: ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy'],
};
const nullableString = { type: ['string', 'null'] };

const schemas: Record<string, Json> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: {
            type: 'string',
            description:
              'bad_request, bad_target, bad_domain, bad_selector, bad_ip, bad_input, not_a_message, no_client_ip, not_found, no_message, no_report, too_large, daily_limit, busy, too_many_streams, rate_limited, not_implemented, unavailable, internal, ...',
          },
          message: { type: 'string' },
        },
      },
    },
  },
  TestCreated: {
    type: 'object',
    required: ['id', 'address', 'expiresAt'],
    properties: {
      id: { type: 'string' },
      address: { type: 'string', description: 'Send the message to this address.' },
      expiresAt: { type: 'string', format: 'date-time', description: 'The address takes mail until then.' },
      reportUrl: { type: 'string', description: 'The human page of the test.' },
    },
  },
  MessageListItem: {
    type: 'object',
    required: ['id', 'receivedAt', 'status', 'score'],
    properties: {
      id: { type: 'string' },
      receivedAt: { type: 'string', format: 'date-time' },
      status: { type: 'string', enum: ['queued', 'analyzing', 'done', 'failed'] },
      score: { type: ['number', 'null'] },
    },
  },
  TestView: {
    type: 'object',
    required: ['id', 'address', 'status', 'report'],
    properties: {
      id: { type: 'string' },
      address: { type: 'string' },
      status: {
        type: 'string',
        enum: ['waiting', 'analyzing', 'done', 'expired'],
        description:
          'waiting: no mail yet; analyzing: the shown message is queued or being analyzed; done: its analysis ended (report, or failed: true); expired: no mail came before expiresAt.',
      },
      report: { oneOf: [ref('Report'), { type: 'null' }] },
      progress: { type: 'string', enum: ['waiting', 'received', 'analyzing', 'done', 'expired'] },
      createdAt: { type: 'string', format: 'date-time' },
      expiresAt: { type: 'string', format: 'date-time' },
      messageId: { ...nullableString, description: 'The message whose report is shown.' },
      failed: { type: 'boolean', description: 'The shown message could not be analyzed.' },
      messages: { type: 'array', items: ref('MessageListItem'), description: 'Newest first.' },
      reportUrl: { type: 'string' },
    },
  },
  StateEvent: {
    type: 'object',
    required: ['state', 'messageId'],
    properties: {
      state: { type: 'string', enum: ['waiting', 'received', 'analyzing', 'done', 'expired'] },
      messageId: nullableString,
    },
  },
  CheckResult: {
    type: 'object',
    required: ['id', 'category', 'status', 'deduction', 'title', 'detail', 'fix'],
    properties: {
      id: { type: 'string', description: 'Dotted; the first segment is the area (spf.softfail).' },
      category: {
        type: 'string',
        enum: ['authentication', 'dns', 'blocklists', 'content', 'format', 'transport'],
      },
      status: { type: 'string', enum: ['pass', 'info', 'warn', 'fail', 'error'] },
      deduction: { type: 'number' },
      title: { type: 'string' },
      detail: { type: 'string' },
      fix: nullableString,
    },
  },
  BlocklistResult: {
    type: 'object',
    required: ['zone', 'listed', 'status', 'codes'],
    properties: {
      zone: { type: 'string' },
      listed: { type: 'boolean' },
      status: { enum: ['listed', 'clean', 'error'] },
      codes: { type: 'array', items: { type: 'string' }, description: 'The answer addresses as received.' },
      name: { type: 'string', description: 'The list as people name it.' },
      target: { type: 'string', description: 'What was looked up.' },
      kind: { enum: ['ip', 'domain'] },
      role: { enum: ['block', 'allow'], description: 'allow: an allowlist (information only).' },
      listings: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            tag: { type: 'string', description: "The list's own name for the code (SBL, XBL, PBL, ...)." },
            meaning: {
              type: 'string',
              description: 'A coded meaning (spam-source, exploited, policy, ...).',
            },
            weight: { enum: ['major', 'minor', 'info'] },
          },
        },
      },
      weight: {
        enum: ['major', 'minor', 'info', null],
        description: 'The heaviest weight listed; null when not listed.',
      },
      error: {
        enum: ['refused', 'bad-query', 'timeout', 'dns-error', 'unexpected', null],
        description:
          'refused: the list refused the query (public resolver, over its quota): never a listing.',
      },
    },
  },
  BlocklistReport: {
    type: 'object',
    description:
      'mailscore.blocklist/1; the same document as `mailscore blocklist --json`. Fields are only ever added.',
    required: ['schema', 'target', 'kind', 'listed', 'blocklists', 'checks', 'lang', 'generatedAt', 'dns'],
    properties: {
      schema: { const: 'mailscore.blocklist/1' },
      target: { type: 'string', description: 'As queried: a canonical IP, or a lower-case A-label domain.' },
      kind: { enum: ['ip', 'domain'] },
      listed: {
        type: 'boolean',
        description: 'A blocklist (not an allowlist) lists the target with a major or minor weight.',
      },
      blocklists: { type: 'array', items: ref('BlocklistResult') },
      checks: { type: 'array', items: ref('CheckResult') },
      lang: { enum: ['en', 'ja'] },
      generatedAt: { type: 'string', format: 'date-time' },
      dns: {
        type: 'object',
        properties: {
          queries: { type: 'integer' },
          cached: { type: 'integer' },
          timeouts: { type: 'integer' },
          timeMs: { type: 'number' },
          deadlineReached: { type: 'boolean' },
        },
      },
    },
  },
  DomainAudit: {
    type: 'object',
    description:
      'mailscore.domain/1, as ../shared/CONTRACT.md defines it; the same document as `mailscore domain --json`. The contract fields (schema, domain, spf, dmarc, dkim, mx, checks) and extras; fields are only ever added.',
    required: ['schema', 'domain', 'spf', 'dmarc', 'dkim', 'mx', 'checks'],
    properties: {
      schema: { const: 'mailscore.domain/1' },
      domain: { type: 'string', description: 'As audited: lower-case A-labels, no trailing dot.' },
      spf: {
        type: 'object',
        required: ['record', 'lookups', 'voidLookups'],
        properties: {
          record: nullableString,
          lookups: {
            type: 'integer',
            description: 'DNS-querying terms across the include/redirect tree (limit 10).',
          },
          voidLookups: { type: 'integer', description: 'Lookups that found nothing (limit 2).' },
          tree: {
            description:
              'The include/redirect tree: {domain, via: root|include|redirect, record, lookups (this record), totalLookups (with everything below), voidLookups, error, children}.',
            oneOf: [{ type: 'object' }, { type: 'null' }],
          },
          all: { enum: ['-', '~', '?', '+', null] },
          ipResult: { ...nullableString, description: 'The SPF result for the given ip.' },
        },
      },
      dmarc: {
        type: 'object',
        required: ['record', 'foundAt', 'policy'],
        properties: {
          record: nullableString,
          foundAt: {
            ...nullableString,
            description: 'The name the record was found at (RFC 9989 tree walk).',
          },
          policy: { enum: ['none', 'quarantine', 'reject', null] },
          subdomainPolicy: { enum: ['none', 'quarantine', 'reject', null] },
          nonexistentPolicy: { enum: ['none', 'quarantine', 'reject', null] },
          tags: { type: 'object', additionalProperties: { type: 'string' } },
          reporting: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                kind: { enum: ['rua', 'ruf'] },
                uri: { type: 'string' },
                domain: nullableString,
                authorized: {
                  type: ['boolean', 'null'],
                  description:
                    'The destination publishes <domain>._report._dmarc.<destination>; null for the own organization.',
                },
              },
            },
          },
          plan: {
            type: 'array',
            description: 'The staged plan: the records to publish next, in order.',
            items: {
              type: 'object',
              properties: {
                stage: { enum: ['monitor', 'quarantine', 'reject'] },
                record: { type: 'string' },
              },
            },
          },
        },
      },
      dkim: {
        type: 'array',
        items: {
          type: 'object',
          required: ['selector', 'type', 'keyBits', 'revoked'],
          properties: {
            selector: { type: 'string' },
            type: { enum: ['rsa', 'ed25519'] },
            keyBits: { type: ['integer', 'null'] },
            revoked: { type: 'boolean' },
            testing: { type: 'boolean', description: 't=y' },
            sha1Only: { type: 'boolean', description: 'h=sha1' },
            record: { type: 'string' },
          },
        },
      },
      mx: {
        type: 'array',
        items: {
          type: 'object',
          required: ['exchange', 'priority', 'addresses', 'fcrdns'],
          properties: {
            exchange: { type: 'string' },
            priority: { type: 'integer' },
            addresses: { type: 'array', items: { type: 'string' } },
            fcrdns: { type: 'boolean' },
            ptr: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
      checks: { type: 'array', items: ref('CheckResult') },
      score: { type: 'number', minimum: 0, maximum: 10 },
      nullMx: { type: 'boolean', description: 'RFC 7505: the domain receives no mail.' },
      mtaSts: { type: 'object', description: 'record, id, policy {mode, maxAge, mx, text}, error, ...' },
      tlsRpt: { type: 'object', description: 'record, rua, error' },
      bimi: {
        type: 'object',
        description: 'record, logoUrl, authorityUrl, svgOk, svgProblems, dmarcEligible, ...',
      },
      dnssec: {
        type: 'object',
        description: 'validated: the AD bit of a validating resolver (true, false, or null when unknown).',
      },
      ip: {
        description: 'With ?ip=: its PTR, forward confirmation, blocklists, and the SPF result for it.',
        oneOf: [{ type: 'object' }, { type: 'null' }],
      },
      lang: { enum: ['en', 'ja'] },
      generatedAt: { type: 'string', format: 'date-time' },
      dns: { type: 'object' },
    },
  },
  GeneratedSpf: {
    type: 'object',
    description: 'mailscore.generate.spf/1; the same document as `mailscore generate spf --json`.',
    required: ['schema', 'record', 'txtStrings', 'zoneValue', 'lookups', 'complete', 'includes', 'notes'],
    properties: {
      schema: { const: 'mailscore.generate.spf/1' },
      record: { type: 'string' },
      txtStrings: {
        type: 'array',
        items: { type: 'string' },
        description: 'One TXT record: these strings (255 bytes each at most).',
      },
      zoneValue: { type: 'string' },
      lookups: {
        type: 'integer',
        description: 'A lower bound when complete is false (an include did not answer).',
      },
      complete: { type: 'boolean' },
      bytes: { type: 'integer' },
      answerBytes: { type: 'integer' },
      includes: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            domain: { type: 'string' },
            lookups: { type: 'integer' },
            status: { enum: ['included', 'flattened', 'dropped', 'temperror'] },
            tree: { type: 'object' },
          },
        },
      },
      flattened: { type: 'array', items: { type: 'object' } },
      notes: { type: 'array', items: ref('CheckResult') },
    },
  },
  GeneratedDmarc: {
    type: 'object',
    description: 'mailscore.generate.dmarc/1.',
    required: ['schema', 'domain', 'name', 'record', 'value', 'authorizations', 'notes'],
    properties: {
      schema: { const: 'mailscore.generate.dmarc/1' },
      domain: { type: 'string' },
      name: { type: 'string', description: '_dmarc.<domain>: where the TXT record goes.' },
      record: { type: 'string' },
      value: { type: 'string', description: 'As a DNS panel or zone file takes it.' },
      authorizations: {
        type: 'array',
        description: 'Records each outside report destination publishes (RFC 7489 7.1).',
        items: {
          type: 'object',
          properties: {
            destination: { type: 'string' },
            name: { type: 'string' },
            record: { const: 'v=DMARC1' },
          },
        },
      },
      notes: { type: 'array', items: ref('CheckResult') },
    },
  },
  GeneratedDkim: {
    type: 'object',
    description:
      'mailscore.generate.dkim/1. privateKeyPem is the only copy of the new key: it is not stored or logged (Cache-Control: no-store).',
    required: [
      'schema',
      'type',
      'selector',
      'domain',
      'name',
      'publicRecord',
      'txtStrings',
      'zoneLine',
      'privateKeyPem',
      'notes',
    ],
    properties: {
      schema: { const: 'mailscore.generate.dkim/1' },
      type: { enum: ['rsa-2048', 'ed25519'] },
      selector: { type: 'string' },
      domain: { type: 'string' },
      name: { type: 'string', description: '<selector>._domainkey.<domain>' },
      publicRecord: { type: 'string' },
      txtStrings: { type: 'array', items: { type: 'string' } },
      zoneLine: { type: 'string' },
      privateKeyPem: { type: 'string', description: 'PKCS #8 PEM.' },
      notes: { type: 'array', items: ref('CheckResult') },
    },
  },
  Report: {
    type: 'object',
    description: 'mailscore.report/1, as ../shared/CONTRACT.md defines it. Fields are only ever added.',
    required: [
      'schema',
      'score',
      'envelope',
      'message',
      'auth',
      'blocklists',
      'spamFilter',
      'gmail',
      'checks',
    ],
    properties: {
      schema: { const: 'mailscore.report/1' },
      score: { type: 'number', minimum: 0, maximum: 10 },
      envelope: {
        type: 'object',
        required: ['clientIp', 'helo', 'mailFrom', 'rcptTo', 'tls'],
        properties: {
          clientIp: { type: 'string' },
          helo: nullableString,
          mailFrom: nullableString,
          rcptTo: { type: 'array', items: { type: 'string' } },
          tls: {
            oneOf: [
              { type: 'object', properties: { protocol: { type: 'string' }, cipher: nullableString } },
              { type: 'null' },
            ],
          },
          clientIpSource: {
            type: 'object',
            description:
              'Where clientIp came from: smtp (our SMTP service), given (ip), received (a Received header: which one, 1 = topmost; its text; what else was taken from it; how many above it were skipped).',
            required: ['kind'],
            properties: {
              kind: { enum: ['smtp', 'given', 'received'] },
              header: { type: 'integer', minimum: 1 },
              text: { type: 'string' },
              taken: { type: 'array', items: { enum: ['helo', 'tls'] } },
              skipped: { type: 'integer', minimum: 0 },
            },
          },
        },
      },
      message: {
        type: 'object',
        properties: {
          from: nullableString,
          subject: nullableString,
          messageId: nullableString,
          size: { type: 'integer' },
        },
      },
      auth: {
        type: 'object',
        required: ['spf', 'senderId', 'dkim', 'dmarc', 'arc', 'iprev'],
        properties: {
          spf: {
            type: 'object',
            properties: { result: authResult, domain: nullableString, mechanism: nullableString },
          },
          senderId: {
            type: 'object',
            properties: { result: authResult, pra: nullableString, domain: nullableString },
          },
          dkim: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                result: authResult,
                domain: nullableString,
                selector: nullableString,
                algorithm: nullableString,
                keyBits: { type: ['integer', 'null'] },
                aligned: { type: 'boolean' },
              },
            },
          },
          dmarc: {
            type: 'object',
            properties: {
              result: authResult,
              domain: nullableString,
              policy: { enum: ['none', 'quarantine', 'reject', null] },
              spfAligned: { type: 'boolean' },
              dkimAligned: { type: 'boolean' },
            },
          },
          arc: { type: 'object', properties: { result: authResult } },
          iprev: {
            type: 'object',
            properties: {
              result: authResult,
              ptr: { type: 'array', items: { type: 'string' } },
              fcrdns: { type: 'boolean' },
            },
          },
        },
      },
      blocklists: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            zone: { type: 'string' },
            listed: { type: 'boolean' },
            status: { enum: ['listed', 'clean', 'error'] },
            codes: { type: 'array', items: { type: 'string' } },
          },
        },
      },
      spamFilter: { type: ['object', 'null'] },
      gmail: {
        type: 'object',
        properties: {
          questionMark: { type: 'boolean' },
          via: nullableString,
          redLock: { type: 'boolean' },
          mailedBy: nullableString,
          signedBy: nullableString,
        },
      },
      checks: { type: 'array', items: ref('CheckResult') },
      lang: { enum: ['en', 'ja'] },
      generatedAt: { type: 'string', format: 'date-time' },
      inspection: ref('Inspection'),
    },
  },
  Inspection: {
    type: 'object',
    description:
      'Present when the report inspects a received message (POST /api/inspect, mailscore inspect): the verdict, the reasons heaviest first, and what to do next. The parts behind them are extras.',
    required: ['verdict', 'reasons'],
    properties: {
      verdict: { enum: ['genuine', 'suspicious', 'dangerous'] },
      reasons: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'severity', 'title', 'detail'],
          properties: {
            id: { type: 'string' },
            severity: { enum: ['danger', 'warning', 'info', 'ok'] },
            title: { type: 'string' },
            detail: { type: 'string' },
          },
        },
      },
      advice: { type: 'array', items: { type: 'string' } },
      authenticity: {
        type: 'object',
        description:
          'Authentication-Results fields read (bounded), the one trusted (null: none), the ARC result recorded, DKIM signatures broken since delivery.',
      },
      hops: { type: 'object', description: 'The Received chain: hops, the first external one, delays.' },
      sender: {
        type: 'object',
        description: 'From domain, display name, look-alikes, Reply-To and Return-Path domains.',
      },
      danger: { type: 'object', description: 'Counts of attachments, links and pressure words.' },
      unwrapped: {
        type: 'boolean',
        description: 'The message judged was attached to the upload (forwarded as an attachment).',
      },
      kept: { type: 'boolean', description: 'The upload was stored (never, unless asked).' },
    },
  },
};

const paths: Record<string, Json> = {
  '/api/tests': {
    post: {
      summary: 'Create a test address',
      description:
        'At most --daily-tests new tests per client IP (IPv6: per /64) per UTC day; 0 = unlimited.',
      responses: {
        201: json(ref('TestCreated'), 'The new test.'),
        429: error('The daily limit is reached (Retry-After: seconds until midnight UTC).'),
      },
    },
  },
  '/api/tests/{id}': {
    get: {
      summary: 'A test: its status, the report of its newest (or the chosen) message, its messages',
      parameters: [idParam, langParam, messageParam],
      responses: {
        200: json(ref('TestView'), 'The test.'),
        400: error('A bad lang value.'),
        404: error('No such test (or message).'),
      },
    },
  },
  '/api/tests/{id}/raw': {
    get: {
      summary: 'The raw message as received (an attachment)',
      parameters: [idParam, messageParam],
      responses: {
        200: { description: 'The message.', content: { 'message/rfc822': { schema: { type: 'string' } } } },
        404: error('No such test or message, or no mail yet (code no_message).'),
      },
    },
  },
  '/api/tests/{id}/report.json': {
    get: {
      summary: 'The report as a JSON download',
      parameters: [idParam, langParam, messageParam],
      responses: {
        200: json(ref('Report'), 'The report (Content-Disposition: attachment).'),
        404: error('No such test, or no report yet (code no_report).'),
      },
    },
  },
  '/api/tests/{id}/events': {
    get: {
      summary: 'Live progress (server-sent events)',
      description:
        'The current state at once, then each change, as `event: state` with a StateEvent as data; `: keep-alive` comments every 15 s. A stream ends after 30 minutes; EventSource reconnects and gets the current state again.',
      parameters: [idParam],
      responses: {
        200: {
          description: 'An event stream.',
          content: { 'text/event-stream': { schema: { type: 'string' }, itemSchema: ref('StateEvent') } },
        },
        404: error('No such test.'),
        429: error('Too many streams from this client (poll GET /api/tests/{id} instead).'),
        503: error('Too many streams in total.'),
      },
    },
  },
  '/api/analyze': {
    post: {
      summary: 'Analyze a message posted as the body',
      parameters: [
        {
          name: 'ip',
          in: 'query',
          required: false,
          description:
            'The IP the message was delivered from. Absent: read from the Received headers — the first public address below the ones your own systems added (see trustedRelay); the report says which header (envelope.clientIpSource, check envelope.from-received), and 400 no_client_ip when none names one.',
          schema: { type: 'string' },
        },
        {
          name: 'trustedRelay',
          in: 'query',
          required: false,
          description:
            'Without ip: your own relays, skipped when reading the Received headers. A comma list of IP addresses, CIDR blocks and host names (".example.com": every name under it; names match the reverse DNS name the receiving server recorded, which a sender can choose, so addresses are safer).',
          schema: { type: 'string', maxLength: 320 },
        },
        {
          name: 'helo',
          in: 'query',
          required: false,
          description: 'HELO/EHLO name (absent, without ip: the one the Received header recorded).',
          schema: { type: 'string', maxLength: 255 },
        },
        {
          name: 'mailFrom',
          in: 'query',
          required: false,
          description: "Envelope sender ('' for the null sender); absent: the Return-Path field.",
          schema: { type: 'string', maxLength: 256 },
        },
        {
          name: 'tls',
          in: 'query',
          required: false,
          description:
            'TLS protocol it arrived over (TLSv1.3, ...); empty: without TLS; absent: without TLS, or, without ip, as the Received header recorded it.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,32}$' },
        },
        langParam,
      ],
      requestBody: rawMessageBody,
      responses: {
        200: json(ref('Report'), 'The report.'),
        400: error('A bad query value, an empty body, or a body that is not a message (code not_a_message).'),
        413: error('The body is larger than --max-message-bytes.'),
        429: error('Too many analyses running (Retry-After).'),
      },
    },
  },
  '/api/domains/{domain}': {
    get: {
      summary:
        'Domain audit (mailscore.domain/1): SPF, DMARC, DKIM, MX, MTA-STS, TLS-RPT, BIMI, DNSSEC, the sending IP',
      description:
        'Every section at once within one DNS deadline (10 s); a lookup that fails ends as a temperror check, never as an error response. At most --lookups-per-minute / 5 audits per client IP (IPv6: per /64) per minute (an audit sends about 80 DNS queries); 0 = unlimited.',
      parameters: [
        {
          name: 'domain',
          in: 'path',
          required: true,
          description:
            'A domain name (Unicode or A-labels; one trailing dot allowed). IP addresses, email addresses, URLs and special-use names (.localhost, .local, .invalid, .arpa) are refused.',
          schema: { type: 'string', maxLength: 300 },
        },
        {
          name: 'selector',
          in: 'query',
          required: false,
          description:
            'DKIM selectors to look up besides the common ones: a comma list, or the parameter repeated; at most 10.',
          schema: { type: 'string', maxLength: 320 },
        },
        {
          name: 'ip',
          in: 'query',
          required: false,
          description:
            'The sending IP (public): its PTR and forward confirmation, the blocklists, and whether SPF authorizes it.',
          schema: { type: 'string' },
        },
        langParam,
      ],
      responses: {
        200: json(ref('DomainAudit'), 'The audit.'),
        400: error('A bad domain (code bad_domain), selector (bad_selector) or ip (bad_ip); a bad lang.'),
        429: error('Too many audits from this client (code rate_limited; Retry-After).'),
      },
    },
  },
  '/api/generate/spf': {
    post: {
      summary: 'Build an SPF record within the 10-lookup limit (mailscore.generate.spf/1)',
      description:
        "Each include's tree is walked through the DNS to count its lookups; the heaviest includes are flattened into their ip4:/ip6: terms only when the total is over 10 (the notes say so). Counts against the domain audits' rate.",
      parameters: [langParam],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                services: {
                  type: 'array',
                  items: { type: 'string' },
                  description:
                    'Provider ids (google-workspace, microsoft-365, amazon-ses, sendgrid, ...; `mailscore generate spf --list`).',
                },
                addresses: {
                  type: 'array',
                  items: { type: 'string' },
                  description: 'IPv4/IPv6 addresses or networks.',
                },
                includes: {
                  type: 'array',
                  items: { type: 'string' },
                  description: 'Further include domains.',
                },
                a: { type: 'boolean' },
                mx: { type: 'boolean' },
                all: { enum: ['~', '-', 'softfail', 'fail'], description: 'Default ~ (softfail).' },
                domain: {
                  type: 'string',
                  description: 'The domain the record is for (sizes the DNS answer).',
                },
              },
            },
          },
        },
      },
      responses: {
        200: json(ref('GeneratedSpf'), 'The record.'),
        400: error(
          'Not a JSON object or a field of the wrong type (bad_request); values the builder cannot use (bad_input).',
        ),
        429: error('Too many builds or audits from this client (rate_limited; Retry-After).'),
      },
    },
  },
  '/api/generate/dmarc': {
    post: {
      summary: 'Build a DMARC record (mailscore.generate.dmarc/1)',
      parameters: [langParam],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['domain', 'policy'],
              properties: {
                domain: { type: 'string' },
                policy: { enum: ['none', 'quarantine', 'reject'] },
                subdomainPolicy: { enum: ['none', 'quarantine', 'reject', null] },
                nonexistentPolicy: { enum: ['none', 'quarantine', 'reject', null] },
                aspf: { enum: ['r', 's', 'relaxed', 'strict'] },
                adkim: { enum: ['r', 's', 'relaxed', 'strict'] },
                rua: { type: 'array', items: { type: 'string' }, maxItems: 5 },
                ruf: { type: 'array', items: { type: 'string' }, maxItems: 5 },
                testing: { type: 'boolean' },
              },
            },
          },
        },
      },
      responses: {
        200: json(
          ref('GeneratedDmarc'),
          'The record, and the authorization records outside destinations publish.',
        ),
        400: error('Not a JSON object (bad_request); a value the builder refuses (bad_input).'),
        429: error('Too many records or keys from this client (rate_limited; Retry-After).'),
      },
    },
  },
  '/api/generate/dkim': {
    post: {
      summary: 'Make a DKIM key pair and its TXT record (mailscore.generate.dkim/1)',
      description:
        'The key is made for this request and returned once: it is never stored or logged (Cache-Control: no-store). At most --lookups-per-minute records or keys per client per minute.',
      parameters: [langParam],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['domain', 'selector'],
              properties: {
                domain: { type: 'string' },
                selector: { type: 'string' },
                type: { enum: ['rsa-2048', 'ed25519'], description: 'Default rsa-2048.' },
              },
            },
          },
        },
      },
      responses: {
        200: json(ref('GeneratedDkim'), 'The key and its record.'),
        400: error('Not a JSON object (bad_request); a bad domain, selector or type (bad_input).'),
        429: error('Too many records or keys from this client (rate_limited; Retry-After).'),
      },
    },
  },
  '/api/blocklists/{target}': {
    get: {
      summary: 'Blocklist results for an IP or a domain (mailscore.blocklist/1)',
      description:
        "Every list in use of the target's kind is asked at once (DNS deadline 10 s; a list that does not answer in time is an error). At most --lookups-per-minute lookups per client IP (IPv6: per /64); 0 = unlimited.",
      parameters: [
        {
          name: 'target',
          in: 'path',
          required: true,
          description:
            'An IPv4 or IPv6 address (public: private and special-purpose addresses are refused, except the RFC 5782 test point 127.0.0.2) or a domain name (Unicode or A-labels).',
          schema: { type: 'string', maxLength: 300 },
        },
        langParam,
      ],
      responses: {
        200: json(ref('BlocklistReport'), 'The results.'),
        400: error(
          'Not an IP address or a domain, or a special-purpose address (code bad_target); a bad lang.',
        ),
        429: error('Too many lookups from this client (code rate_limited; Retry-After).'),
      },
    },
  },
  '/api/inspect': {
    post: {
      summary:
        'Inspect a received message: is it genuine, is it safe to open (a Report with an inspection block)',
      description:
        "The message is analysed and not kept. The sending server is the first external hop of its Received fields; with none (a message saved from a mail program), the envelope's clientIp is the placeholder 192.0.2.0 and the checks of the sending server are left out. A message whose only content is an attached message (forwarded as an attachment) is unwrapped. Links are never fetched. At most --lookups-per-minute inspections per client IP (IPv6: per /64).",
      parameters: [
        {
          name: 'trust',
          in: 'query',
          required: false,
          description:
            "authserv-ids (host names) whose Authentication-Results count, comma-separated (at most 20); the large providers' are trusted already.",
          schema: { type: 'string', maxLength: 320 },
        },
        {
          name: 'keep',
          in: 'query',
          required: false,
          description:
            '1 keeps the upload and its report (deleted with the reports, after --report-ttl-days): the report says kept: true and Location names GET /api/inspect/{id}.',
          schema: { enum: ['0', '1'] },
        },
        langParam,
      ],
      requestBody: rawMessageBody,
      responses: {
        200: json(ref('Report'), 'The report, with inspection.'),
        400: error('An empty body or not a message (not_a_message); a bad trust, keep or lang.'),
        413: error('The body is too large.'),
        429: error(
          'Too many inspections from this client (rate_limited), or too many running (busy); Retry-After.',
        ),
      },
    },
  },
  '/api/inspect/{id}': {
    get: {
      summary: 'An inspection kept on request (keep=1): the report as it was made',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'The id in the Location of the POST that kept it.',
          schema: { type: 'string', pattern: '^[a-z2-7]{26}$' },
        },
      ],
      responses: {
        200: json(ref('Report'), 'The report, with inspection.'),
        404: error('No kept inspection with this id (never kept, or deleted with the reports).'),
      },
    },
  },
  '/api/openapi.json': {
    get: {
      summary: 'This document',
      responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
    },
  },
  '/healthz': {
    get: {
      summary: 'Readiness: 200 when the store answers',
      responses: {
        200: json({ type: 'object', properties: { status: { const: 'ok' } } }, 'Ready.'),
        503: error('The store does not answer.'),
      },
    },
  },
  '/metrics': {
    get: {
      summary: 'Prometheus metrics',
      responses: {
        200: {
          description: 'Prometheus text format',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
      },
    },
  },
  '/': {
    get: { summary: 'The start page', parameters: [langParam], responses: { 200: html('The start page.') } },
  },
  '/tests': {
    post: {
      summary: "The start page's form: creates a test and redirects (303) to its page",
      description:
        'Same daily limit as POST /api/tests; over it, the limit page (429). Cross-site posts: 403.',
      responses: {
        303: { description: 'To /tests/{id}.' },
        403: html('A cross-site post.'),
        429: html('The daily limit page.'),
      },
    },
  },
  '/blocklists': {
    get: {
      summary: 'The blocklist page: the form; with ?target= it redirects (303) to /blocklists/{target}',
      parameters: [
        { name: 'target', in: 'query', required: false, schema: { type: 'string', maxLength: 300 } },
        langParam,
      ],
      responses: {
        200: html('The form.'),
        303: { description: 'To /blocklists/{target}.' },
        400: html('The form, saying why the target was refused.'),
      },
    },
  },
  '/blocklists/{target}': {
    get: {
      summary: 'The blocklist results page of an IP or a domain',
      description: 'Same lookup and per-client rate as GET /api/blocklists/{target}.',
      parameters: [{ name: 'target', in: 'path', required: true, schema: { type: 'string' } }, langParam],
      responses: {
        200: html('The results.'),
        400: html('The form, saying why the target was refused.'),
        429: html('The form, saying when to try again (Retry-After).'),
      },
    },
  },
  '/domain': {
    get: {
      summary:
        'The domain audit page: the form; with ?domain= (and ?selector=, ?ip=) it redirects (303) to /domain/{domain}',
      parameters: [
        { name: 'domain', in: 'query', required: false, schema: { type: 'string', maxLength: 300 } },
        { name: 'selector', in: 'query', required: false, schema: { type: 'string', maxLength: 300 } },
        { name: 'ip', in: 'query', required: false, schema: { type: 'string', maxLength: 300 } },
        langParam,
      ],
      responses: {
        200: html('The form.'),
        303: { description: 'To /domain/{domain}.' },
        400: html('The form, saying why the input was refused.'),
      },
    },
  },
  '/domain/{domain}': {
    get: {
      summary: 'The audit page of a domain',
      description: 'Same audit and per-client rate as GET /api/domains/{domain}.',
      parameters: [
        { name: 'domain', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'selector', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'ip', in: 'query', required: false, schema: { type: 'string' } },
        langParam,
      ],
      responses: {
        200: html('The audit.'),
        400: html('The form, saying why the input was refused.'),
        429: html('The form, saying when to try again (Retry-After).'),
      },
    },
  },
  '/inspect': {
    get: {
      summary: 'The inspect page: upload or paste a message you received',
      parameters: [langParam],
      responses: { 200: html('The form.') },
    },
    post: {
      summary:
        'The inspect form (application/x-www-form-urlencoded: message, or messageBase64 (the file read by the page script); trust): the verdict page',
      parameters: [langParam],
      responses: {
        200: html('The verdict, reasons, advice and checks.'),
        400: html('The form with the reason.'),
        413: html('The form: the message is too large.'),
        429: html('Rate.'),
      },
    },
  },
  '/generate': {
    get: {
      summary: 'The generators page: SPF, DMARC and DKIM forms',
      parameters: [langParam],
      responses: { 200: html('The forms.') },
    },
  },
  '/generate/spf': {
    get: {
      summary:
        "The SPF form's result (its fields as in POST /api/generate/spf, lists as repeated or comma-separated values)",
      parameters: [langParam],
      responses: {
        200: html('The page with the record.'),
        400: html('The form with the reason.'),
        429: html('Rate.'),
      },
    },
  },
  '/generate/dmarc': {
    get: {
      summary: "The DMARC form's result (its fields as in POST /api/generate/dmarc)",
      parameters: [langParam],
      responses: {
        200: html('The page with the record.'),
        400: html('The form with the reason.'),
        429: html('Rate.'),
      },
    },
  },
  '/generate/dkim': {
    post: {
      summary:
        'The DKIM form (application/x-www-form-urlencoded: domain, selector, type): the page with a new key, shown once',
      parameters: [langParam],
      responses: {
        200: html('The page with the key (no-store).'),
        400: html('The form with the reason.'),
        429: html('Rate.'),
      },
    },
  },
  '/tests/{id}': {
    get: {
      summary: 'The page of a test: waiting, then the report (live)',
      parameters: [idParam, langParam, messageParam],
      responses: {
        200: html('The test page.'),
        404: html('No such test.'),
        410: html('The address expired unused.'),
      },
    },
  },
  '/tests/{id}/fragment': {
    get: {
      summary: 'The changing part of the test page (the live page swaps it in)',
      description: 'Headers x-mailscore-state and x-mailscore-message say what it shows.',
      parameters: [idParam, langParam, messageParam],
      responses: { 200: html('The fragment.'), 404: html('No such test.') },
    },
  },
  '/tests/{id}/messages/{messageId}/body': {
    get: {
      summary:
        "The message's readable body, for the page's sandboxed frame (no scripts; remote images only with images=1)",
      parameters: [
        idParam,
        { name: 'messageId', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'images', in: 'query', required: false, schema: { const: '1' } },
        langParam,
      ],
      responses: { 200: html('The body as a document with a strict CSP.'), 404: html('No such message.') },
    },
  },
  ...Object.fromEntries(
    Object.values(ASSETS).map((asset) => [
      asset.path,
      {
        get: {
          summary: 'A static asset of the pages (the name carries its content hash; cached for a year)',
          responses: {
            200: { description: 'The file.', content: { [asset.contentType.split(';')[0]!]: {} } },
          },
        },
      },
    ]),
  ),
};

export function openApiDocument(config: Pick<ServiceConfig, 'publicUrl' | 'domain'>): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'mailscore',
      version: '1',
      description: `Email deliverability and authentication tester. Test addresses are under ${config.domain}. Every error is {"error": {"code", "message"}}.`,
    },
    ...(config.publicUrl ? { servers: [{ url: config.publicUrl }] } : {}),
    paths,
    components: { schemas },
  };
}

/** Routes in the document as `METHOD /path` with fastify's `:param` syntax (for the completeness test). */
export function documentedRoutes(): string[] {
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
}
