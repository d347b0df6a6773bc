import type { AreaCatalog } from '../types.js';

/** Words of the inspection's findings (src/inspect/): what a recipient is told about a message they received. */
export const inspect: AreaCatalog<'inspect'> = {
  'inspect.unwrapped': {
    title: 'The forwarded message was inspected',
    detail:
      'What you sent holds another message as an attachment ({name}); that original message is the one judged here, not the forward around it.',
    fix: null,
  },
  'inspect.no-external-hop': {
    title: 'The sending server could not be found',
    detail:
      'The message has no Received line from a server outside your mail provider ({received} Received lines read), which is usual for a message saved from a mail program. The checks that need the sending server (SPF, its name and the IP blocklists) were left out; who sent it is judged from your provider’s Authentication-Results and the DKIM signatures alone.',
    fix: 'For a fuller answer, save the message with all its headers ("Show original" or "View source" in your mail program) and inspect that.',
  },
  'inspect.unconfirmed': {
    title: 'Nothing confirms who sent this message',
    detail:
      'Neither a mail provider you trust nor the sender’s domain (DMARC) vouches for the sender {domain}. Anyone can write any name and address in From; this message may be genuine, but nothing in it proves it.',
    fix: 'Before you act on it (pay, sign in, open a file), confirm with the sender by phone or through a contact you already have, not one from this message.',
  },
  'inspect.sender-confirmed': {
    title: 'The sender’s domain vouches for this message',
    detail:
      'DMARC passed for {domain}: the message was sent by a server or signed by a key that {domain} authorizes. It proves the domain, not that the domain is the one you think it is: check it is spelled exactly right.',
    fix: null,
  },
  'inspect.authenticated': {
    title: '{by} confirmed that {domain} sent this message',
    detail:
      'When the message arrived, your mail provider ({by}) checked its authentication and found that it really comes from {domain} ({via}). Other servers cannot fake this result: it was recorded by your provider, above everything the sender wrote. It proves the domain, not the person: check that {domain} is exactly the domain you expect, letter by letter.',
    fix: null,
    values: {
      via: {
        dmarc: 'DMARC passed',
        dkim: 'a signature of that domain verified',
        spf: 'the sending server is one that domain allows',
      },
    },
  },
  'inspect.dmarc-fail': {
    title: '{domain} says this message is not from it',
    detail:
      'When the message arrived, your mail provider ({by}) checked it against the rules {domain} publishes (DMARC), and it failed: it was neither sent by a server {domain} allows nor signed by {domain}. The policy {domain} publishes for such mail is "{policy}". This is what a message forged to look like {domain} looks like. Mail forwarded by a mailing list can also fail this way (ARC: {arc}).',
    fix: 'Treat it as a fake until proven otherwise: do not click its links, open its attachments, pay or reply with information. If it matters, contact {domain}’s organization by phone or through a contact you already have.',
    values: {
      policy: {
        none: 'none (only monitor)',
        quarantine: 'quarantine (put in spam)',
        reject: 'reject (refuse the message)',
      },
      arc: {
        none: 'no ARC record',
        pass: 'an intermediary vouches that it passed before',
        fail: 'a broken ARC chain',
      },
    },
  },
  'inspect.not-authenticated': {
    title: '{by} could not confirm that {domain} sent this message',
    detail:
      'Your mail provider ({by}) checked the message when it arrived, and nothing tied it to its From domain {domain} (DMARC: {dmarc}). The name and address in From can be written by anyone; the message may be genuine, but nothing proves it.',
    fix: 'Before acting on it (paying, signing in, opening a file), confirm with the sender by phone or through a contact you already have, not one given in this message.',
    values: { dmarc: { none: 'no result' } },
  },
  'inspect.spoofed-auth-results': {
    title: 'Authentication results claiming a trusted provider were ignored',
    detail:
      '{count} Authentication-Results header(s) naming {ids} sit where the sender (or a server before your provider) could have written them, not where your provider adds its own. They were ignored. Forged "passed" results are a known trick to make a fake look checked; such headers can also be left over when a message is forwarded.',
    fix: 'Do not rely on those results. Judge the message by what your own provider recorded and by the other findings here.',
  },
  'inspect.untrusted-auth-results': {
    title: 'Authentication results from servers not trusted were ignored',
    detail:
      '{count} Authentication-Results header(s) from {ids} were not used: only your own mail provider’s results (or the servers you name) can be trusted, since anyone can write such a header.',
    fix: 'If {ids} is your own organization’s mail server, run the inspection again trusting it (--trust <authserv-id>, or the "trust" field of the upload page).',
  },
  'inspect.no-trusted-results': {
    title: 'No authentication result from your provider was found',
    detail:
      'The message has no Authentication-Results header from a mail provider we trust, added where only your provider could have added it (a message saved from a mail program, or a provider we do not know). It was judged by checking its DKIM signatures and DMARC again now instead (DKIM: {dkim}, DMARC: {dmarc}).',
    fix: 'If your provider adds Authentication-Results under another name, run the inspection again trusting it (--trust <authserv-id>).',
  },
  'inspect.dkim-broken-in-transit': {
    title: 'A signature that passed on arrival fails now ({signatures})',
    detail:
      'Your mail provider ({by}) verified the signature {signatures} when the message arrived, but it fails now: the {part} was changed after delivery. Security gateways and mailing lists often do this (adding a footer or a warning banner). The provider’s result on arrival is the one that counts.',
    fix: null,
    values: { part: { body: 'text of the message', message: 'message' } },
  },
  'inspect.dkim-key-changed': {
    title: 'A signature that failed on arrival passes now ({signatures})',
    detail:
      'Your mail provider ({by}) could not verify the signature {signatures} when the message arrived, but it passes now. The sender probably published or changed its key since, or the key could not be looked up at the time. The provider’s result on arrival is the one that decided where the message went.',
    fix: null,
  },
  'inspect.hop-no-tls': {
    title: 'The message reached your provider unencrypted',
    detail:
      'The server {from} handed the message to {by} without encryption (Received line {hop}), so it could be read on the way. Small or old servers still do this; it says nothing about who wrote the message.',
    fix: null,
  },
  'inspect.hop-dates': {
    title: 'The delivery dates in the headers do not add up',
    detail:
      'Some Received lines carry dates that cannot be right. Dated in the future: {future}. Dated much later than the line above them, written by the server that received the message afterwards: {outOfOrder}. Servers keep their clocks right; such dates are usually written by hand, to make a forged message look like it travelled normally.',
    fix: 'Treat the message with suspicion: confirm it with the sender through a contact you already have before acting on it.',
    values: { future: { none: 'none' }, outOfOrder: { none: 'none' } },
  },
  'inspect.hop-delay': {
    title: 'The message was held up for {hours} hours on the way',
    detail:
      'Between two servers (arriving at {by}, Received line {hop}) the message waited about {hours} hours. Queues and spam filters delay mail; an old message that says "urgent" deserves a second look.',
    fix: null,
  },
  // Sender tricks (src/inspect/sender.ts)
  'inspect.display-name-address': {
    title: 'The sender’s name hides a different address',
    detail:
      'The name shown for the sender contains the address {shown}, but the message really comes from {address}. Many mail apps show only the name, so the address in it is what you would believe.',
    fix: 'Trust the real address ({address}), not the name. If the message asks you to do anything, confirm with the sender through a contact you already have.',
  },
  'inspect.display-name-brand': {
    title: 'The sender’s name says {brand}, the address does not',
    detail:
      'The sender is named "{name}", but the message comes from {domain}, which is not a domain {brand} sends from ({brandDomains}). Anyone can write any name; this is how most fake bank, shop and delivery messages are disguised.',
    fix: 'Do not click links or open files in it. Go to {brand}’s website or app yourself (from a bookmark or by typing the address) and check there.',
  },
  'inspect.lookalike-domain': {
    title: 'The sender’s domain imitates {imitates}',
    detail:
      'The message comes from {domain}, which is {how} {imitates}. Such names are registered to be misread as the real one.',
    fix: 'Treat it as fake: do not reply, click or pay. If it concerns a real matter, contact {imitates}’s people through a number or address you already have.',
    values: {
      how: {
        confusable: 'written with look-alike characters (other alphabets, 0 for o, rn for m) to read as',
        'one-letter': 'one letter away from',
        'brand-in-name': 'built from the name of',
      },
    },
  },
  'inspect.punycode-domain': {
    title: 'The sender’s domain uses international characters',
    detail:
      'The message comes from {domain}, which mail apps may show as {shown}. International domains can be genuine, but they are also how look-alike letters from other alphabets get into a name.',
    fix: 'Check the name letter by letter against the sender you expect; if you are unsure, confirm through a contact you already have.',
  },
  'inspect.reply-to-freemail': {
    title: 'Replies go to a free-mail address',
    detail:
      'The message is from {domain}, but your reply would go to {replyTo}, a free-mail service anyone can sign up to. Fraudsters posing as a business partner or a boss do exactly this, to read the answers themselves.',
    fix: 'Do not reply to it. Write a new message to the address you already know, or call the sender on a number you already have.',
  },
  'inspect.reply-to-other-org': {
    title: 'Replies go to another organization',
    detail:
      'The message is from {domain}, but your reply would go to {replyTo}. That can be an agency or help desk working for the sender, or someone else waiting for your answer.',
    fix: 'Before you send anything sensitive, check the reply address is one the sender really uses.',
  },
  'inspect.return-path-other-org': {
    title: 'Bounces go to another domain',
    detail:
      'Undeliverable-mail notices for this message go to {returnPath}, not to {domain}. Email services that send on a company’s behalf do this routinely; it is shown for completeness.',
    fix: null,
  },
  'inspect.domain-age-unknown': {
    title: 'How old the domain {domain} is was not checked',
    detail:
      'Fake senders often use domains registered days before. Finding out needs a registry lookup, which this offline check does not make, so nothing is assumed either way.',
    fix: 'If the domain is new to you, treat it with extra care and confirm the sender another way.',
  },
  // Danger beyond the attachment and link checks (src/inspect/danger.ts)
  'inspect.password-in-body': {
    title: 'The password of the encrypted file is in the message',
    detail:
      'The message carries an encrypted archive and writes its password ("{word}") in the same message. That protects nothing, and it stops virus scanners from looking inside: Emotet spread this way.',
    fix: 'Open the file only if you expected it from this sender, and confirm with them by phone first. Ask senders to share files through a file-sharing service instead.',
  },
  'inspect.lookalike-link': {
    title: 'A link leads to a site imitating {imitates}',
    detail:
      'A link in the message goes to {domain}, which is {how} {imitates} ({count} linked domains imitate another). Fake sign-in and payment pages are put on such names.',
    fix: 'Do not click it. Open {imitates}’s website yourself, from a bookmark or by typing its address.',
    values: {
      how: {
        confusable: 'written with look-alike characters (other alphabets, 0 for o, rn for m) to read as',
        'one-letter': 'one letter away from',
        'brand-in-name': 'built from the name of',
      },
    },
  },
  'inspect.credential-form': {
    title: 'The message asks for a password in a form',
    detail:
      'A form with a password field is {where}. Attached HTML files with such a form: {files}. Real services never ask for your password inside an email or an attached file; such forms send it to whoever made them.',
    fix: 'Do not fill it in. If you already typed a password, change it now on the real website and turn on two-step sign-in.',
    values: {
      where: {
        body: 'in the message itself',
        attachment: 'in an attached HTML file',
        both: 'in the message itself and in an attached HTML file',
      },
    },
  },
  'inspect.pressure-words': {
    title: 'The message pushes you to act quickly',
    detail:
      'It says: {phrases}. Urgency, threats to close an account, password resets and gift cards are how fraudulent mail rushes readers past checking; genuine mail uses such words too, so this is a sign, not proof.',
    fix: 'Take your time. Check the matter on the company’s own website or app, or by phone on a number you already have, never through the links in this message.',
  },
  'inspect.bank-change': {
    title: 'The message announces a change of bank account',
    detail:
      'It says: {phrases}. "Please pay to our new account" is the typical line of business email compromise, where a fraudster poses as a supplier or a colleague.',
    fix: 'Do not pay to the new account until you have confirmed the change by phone with someone you know at the sender, on a number you already have (not one from this message).',
  },
};
