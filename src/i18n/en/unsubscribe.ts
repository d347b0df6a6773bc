import type { AreaCatalog } from '../types.js';

/** The two header fields of RFC 8058, as every fix below writes them. */
const HEADERS =
  '“List-Unsubscribe: <https://{domain}/unsubscribe?u=RECIPIENT-TOKEN>, <mailto:unsubscribe@{domain}?subject=unsubscribe>” and “List-Unsubscribe-Post: List-Unsubscribe=One-Click”';

export const unsubscribe: AreaCatalog<'unsubscribe'> = {
  'unsubscribe.not-bulk': {
    title: 'No signs of bulk or marketing mail',
    detail:
      'The message has no List-Id, List-Unsubscribe, Precedence: bulk or campaign headers and no unsubscribe link, so it was judged as one-to-one or transactional mail: the unsubscribe rules of Gmail, Yahoo and Outlook.com do not apply to it. Email services seen in its headers: {services}. If you send this message to a list of subscribers, it needs one-click unsubscribe all the same.',
    fix: null,
  },
  'unsubscribe.bulk': {
    title: 'This looks like bulk or marketing mail',
    detail:
      'Signs found: {signals}. Gmail and Yahoo require subscribed and marketing mail to offer one-click unsubscribe and a clearly visible unsubscribe link, so the checks below apply. Transactional mail (receipts, password resets) is exempt; if this is such a message, leave out the list and campaign headers.',
    fix: null,
  },
  'unsubscribe.one-click': {
    title: 'One-click unsubscribe works (RFC 8058)',
    detail:
      'List-Unsubscribe offers {uris}; List-Unsubscribe-Post asks for one-click, and the DKIM signature of {signedBy} covers both fields. Gmail and Yahoo show an unsubscribe button that unsubscribes the recipient with one POST to {https}, without opening a page.',
    fix: null,
  },
  'unsubscribe.missing': {
    title: 'No List-Unsubscribe header',
    detail:
      'Gmail and Yahoo require bulk and marketing mail to carry a List-Unsubscribe header with one-click unsubscribe (RFC 8058), and junk or reject bulk mail without it. Recipients who cannot unsubscribe from their mail client press “Report spam” instead, which harms the reputation of {domain}.',
    fix: `Add two header fields and include both in the h= list of your DKIM signature: ${HEADERS}. The https URL must unsubscribe the recipient on a POST, without a login or a confirmation page, and within two days. Most email services add these fields when you turn on their unsubscribe or list-management setting.`,
  },
  'unsubscribe.malformed': {
    title: 'List-Unsubscribe has no usable address',
    detail:
      'List-Unsubscribe: {value}. RFC 2369 asks for each address in angle brackets, like <https://…> or <mailto:…>; receivers find none here and ignore the header, as if it were missing.',
    fix: `Write each address in angle brackets, separated by commas, and add the one-click field: ${HEADERS}. Include both fields in the h= list of your DKIM signature.`,
  },
  'unsubscribe.no-one-click': {
    title: 'List-Unsubscribe has no one-click (List-Unsubscribe-Post)',
    detail:
      'List-Unsubscribe offers {uris}, but there is no “List-Unsubscribe-Post: List-Unsubscribe=One-Click” field. Gmail and Yahoo require one-click unsubscribe (RFC 8058) of bulk senders: without it the unsubscribe button opens a page or sends an email instead of unsubscribing at once.',
    fix: 'Add the field “List-Unsubscribe-Post: List-Unsubscribe=One-Click”, make sure List-Unsubscribe has an https URL that unsubscribes the recipient on a POST (no login, no confirmation page), and include List-Unsubscribe and List-Unsubscribe-Post in the h= list of your DKIM signature.',
  },
  'unsubscribe.one-click-invalid': {
    title: 'The one-click unsubscribe fields are not valid',
    detail:
      'List-Unsubscribe-Post: {value}. List-Unsubscribe: {uris}. One-click unsubscribe (RFC 8058) {reason}, so receivers ignore it.',
    fix: 'Make the field exactly “List-Unsubscribe-Post: List-Unsubscribe=One-Click” and put an https URL in List-Unsubscribe that unsubscribes the recipient on a POST, e.g. <https://{domain}/unsubscribe?u=RECIPIENT-TOKEN>. Sign both fields with DKIM (list them in h=).',
    values: {
      reason: {
        'bad-value': 'needs the value “List-Unsubscribe=One-Click” and nothing else',
        'no-https':
          'needs an https URL in List-Unsubscribe (mailto and http addresses cannot be used for it)',
      },
    },
  },
  'unsubscribe.not-signed': {
    title: 'The one-click unsubscribe fields are not covered by DKIM',
    detail:
      'List-Unsubscribe ({uris}) and List-Unsubscribe-Post are present, but no passing DKIM signature covers both (or a field appears more often than the signature’s h= lists it). RFC 8058 requires the signature so that nobody can swap in another address on the way; Gmail ignores one-click without it.',
    fix: 'Add List-Unsubscribe and List-Unsubscribe-Post to the h= list of the DKIM signature of {domain} (in most signers: the list of headers to sign; some email services do this when one-click is turned on), and add both fields before the message is signed, never after.',
  },
  'unsubscribe.visible': {
    title: 'The body has a visible unsubscribe {how}',
    detail:
      'Found: “{evidence}”. Gmail and Yahoo ask marketing mail to have a clearly visible unsubscribe link in the body, besides the header.',
    fix: null,
    values: {
      how: {
        link: 'link',
        text: 'notice',
      },
    },
  },
  'unsubscribe.no-visible': {
    title: 'No visible unsubscribe link in the body',
    detail:
      'No link or words such as “unsubscribe” or “配信停止” were found in the text. Gmail and Yahoo ask marketing mail for a clearly visible unsubscribe link in the body as well as the header; readers who find none tend to press “Report spam”.',
    fix: 'Put a link such as “Unsubscribe” in the footer of every marketing message, pointing to a page of {domain} that unsubscribes the recipient in one step, in the language of the message.',
  },
};
