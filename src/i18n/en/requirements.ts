/**
 * Words of the "Gmail / Yahoo / Outlook.com sender requirements" section. `why` paraphrases each provider's
 * published guidelines: Google's Email sender guidelines, Yahoo's Sender Best Practices, Microsoft's
 * requirements for high-volume senders to Outlook.com (2025).
 */
import type { RequirementCatalog } from '../../report/requirements.js';

const DNS_HICCUP = 'A DNS lookup failed for a moment, so this cannot be told; send the message again.';
const NOT_MARKETING =
  'This message does not look like subscribed or marketing mail: transactional mail (receipts, password resets) is exempt.';

export const requirements: RequirementCatalog = {
  'spf-or-dkim': {
    title: 'SPF or DKIM passes',
    why: {
      gmail:
        'Google asks every sender to set up SPF or DKIM for its domain: authentication tells Gmail the message really comes from you, and unauthenticated mail may be rejected or sent to spam.',
      yahoo:
        'Yahoo asks every sender to authenticate with SPF or DKIM, so that your domain’s reputation is yours and forgers cannot use it.',
    },
    reasons: {
      both: 'SPF and DKIM both pass.',
      'spf-only': 'SPF passes; no DKIM signature does.',
      'dkim-only': 'A DKIM signature passes; SPF does not.',
      neither: 'Neither SPF nor any DKIM signature passes.',
      unknown: DNS_HICCUP,
    },
  },
  ptr: {
    title: 'The sending IP has a PTR record that resolves back',
    why: {
      gmail:
        'Google asks that sending IPs have valid forward and reverse DNS (PTR) records: it is how Gmail checks that a server is what it claims to be.',
      yahoo:
        'Yahoo asks for valid forward and reverse DNS on sending IPs; mail from IPs without them looks like mail from infected home computers.',
    },
    reasons: {
      confirmed: 'The PTR name {ptr} resolves back to the sending IP.',
      'no-ptr': 'The sending IP has no PTR record.',
      'not-confirmed': 'The PTR name ({ptr}) does not resolve back to the sending IP.',
      'private-ip':
        'The message came from a private address, so this applies to the server that sends to the Internet, which this test did not see.',
      unknown: DNS_HICCUP,
    },
  },
  tls: {
    title: 'Delivered over TLS',
    why: {
      gmail:
        'Google asks senders to use a TLS connection for email; Gmail marks unencrypted mail with a red open padlock.',
    },
    reasons: {
      tls: 'The message reached us over TLS.',
      outdated: 'TLS was used, but an outdated version ({protocol}).',
      none: 'The message reached us unencrypted.',
    },
  },
  format: {
    title: 'Formatted according to RFC 5322',
    why: {
      gmail:
        'Google asks that messages follow the Internet Message Format (RFC 5322); Gmail rejects or junks mail that breaks it, such as mail without a Message-ID or with two From fields.',
      yahoo: 'Yahoo asks senders to comply with RFC 5321 and RFC 5322.',
    },
    reasons: {
      clean: 'No RFC 5322 fault was found.',
      faults: 'Faults: {faults}.',
    },
  },
  'freemail-from': {
    title: 'No Gmail or Yahoo From address sent from elsewhere',
    why: {
      gmail:
        'Google tells senders not to impersonate Gmail From addresses: gmail.com has a DMARC quarantine policy, so such mail goes to spam everywhere.',
      yahoo:
        'Yahoo publishes DMARC p=reject on its own domains: mail with a Yahoo From address that did not leave Yahoo’s servers is rejected.',
    },
    reasons: {
      'own-domain':
        'The From address is not at a provider that enforces DMARC on its own domain, or the message passes DMARC.',
      freemail: 'From is at {domain}, but the message did not come through {provider} (DMARC does not pass).',
    },
  },
  'spam-rate': {
    title: 'Spam complaint rate below 0.3%',
    why: {
      gmail:
        'Google asks senders to keep the spam rate in Postmaster Tools below 0.1% and never reach 0.3%; above that, Gmail filters more of your mail.',
      yahoo: 'Yahoo asks senders to keep their spam complaint rate below 0.3%.',
    },
    reasons: {
      'not-measurable':
        'One message cannot show a complaint rate: watch it in Google Postmaster Tools and Yahoo’s Complaint Feedback Loop.',
    },
  },
  'spf-and-dkim': {
    title: 'Both SPF and DKIM pass',
    why: {
      gmail: 'Google requires bulk senders to set up both SPF and DKIM for their domain.',
      yahoo: 'Yahoo requires bulk senders to authenticate with both SPF and DKIM.',
      outlook:
        'Microsoft requires high-volume senders to Outlook.com to pass both SPF and DKIM; mail that does not is sent to Junk and then rejected (550 5.7.515).',
    },
    reasons: {
      both: 'SPF and DKIM both pass.',
      'spf-only': 'SPF passes; no DKIM signature does.',
      'dkim-only': 'A DKIM signature passes; SPF does not.',
      neither: 'Neither SPF nor any DKIM signature passes.',
      unknown: DNS_HICCUP,
    },
  },
  'dmarc-record': {
    title: 'A DMARC record of at least p=none',
    why: {
      gmail:
        'Google requires bulk senders to publish DMARC for their domain; the policy may be none, so it costs nothing to start.',
      yahoo: 'Yahoo requires bulk senders to publish a valid DMARC policy, at least p=none.',
      outlook:
        'Microsoft requires high-volume senders to publish DMARC with at least p=none; without it Outlook.com sends their mail to Junk and then rejects it.',
    },
    reasons: {
      published: 'A DMARC record with p={policy} applies to {domain}.',
      none: 'There is no DMARC record for {domain}.',
      invalid: 'The DMARC record of {domain} is not valid, which counts as none.',
      unknown: DNS_HICCUP,
    },
  },
  'dmarc-aligned': {
    title: 'From is aligned with SPF or DKIM (DMARC alignment)',
    why: {
      gmail:
        'Google requires the From domain of bulk mail to be aligned with the SPF or the DKIM domain, so that DMARC can pass.',
      yahoo: 'Yahoo requires bulk mail to pass DMARC, which needs SPF or DKIM aligned with the From domain.',
      outlook:
        'Microsoft requires DMARC alignment with SPF or DKIM of high-volume senders, and recommends both.',
    },
    reasons: {
      both: 'SPF ({spfDomain}) and DKIM ({dkimDomains}) both pass, aligned with {domain}.',
      spf: 'SPF passes for {spfDomain}, aligned with {domain}.',
      dkim: 'A DKIM signature of {dkimDomains} passes, aligned with {domain}.',
      'not-aligned':
        'Neither the SPF domain ({spfDomain}) nor a passing DKIM domain ({dkimDomains}) is aligned with the From domain {domain}.',
      unknown: DNS_HICCUP,
    },
  },
  'one-click-unsubscribe': {
    title: 'One-click unsubscribe (RFC 8058)',
    why: {
      gmail:
        'Google requires marketing and subscribed mail of bulk senders to support one-click unsubscribe, and unsubscribe requests to be honoured within two days.',
      yahoo:
        'Yahoo requires bulk senders to support one-click unsubscribe (RFC 8058) and to honour it within two days.',
    },
    reasons: {
      valid: 'List-Unsubscribe and List-Unsubscribe-Post are present and signed by {signedBy}.',
      missing: 'There is no List-Unsubscribe header.',
      malformed: 'List-Unsubscribe has no usable address.',
      absent: 'List-Unsubscribe has no “List-Unsubscribe-Post: List-Unsubscribe=One-Click” beside it.',
      'bad-value': 'List-Unsubscribe-Post does not say List-Unsubscribe=One-Click.',
      'no-https': 'List-Unsubscribe has no https URL for the one-click request.',
      'not-signed': 'No passing DKIM signature covers both fields.',
      'not-marketing': NOT_MARKETING,
    },
  },
  'visible-unsubscribe': {
    title: 'A visible unsubscribe link in the body',
    why: {
      gmail: 'Google requires marketing mail to have a clearly visible unsubscribe link in the message body.',
      yahoo: 'Yahoo requires a clearly visible unsubscribe link in the body of marketing mail.',
      outlook:
        'Microsoft recommends that high-volume senders give every message a working unsubscribe link, so that recipients can opt out easily.',
    },
    reasons: {
      link: 'Unsubscribe link: “{evidence}”.',
      text: 'Unsubscribe notice: “{evidence}”.',
      none: 'No unsubscribe link or words were found in the body.',
      'not-marketing': NOT_MARKETING,
    },
  },
};
