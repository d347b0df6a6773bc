import type { AreaCatalog } from '../types.js';

export const content: AreaCatalog<'content'> = {
  'content.pass': {
    title: 'The text and HTML look clean',
    detail:
      'The text alternative matches the HTML, the message is not just images, nothing is hidden from the reader, links are in proportion to the text, there are no scripts, frames or forms, no template placeholders were left unreplaced, and the Subject does not shout.',
    fix: null,
  },
  'content.text-html-differ': {
    title: 'The text alternative does not match the HTML ({similarity}% alike)',
    detail:
      'The plain-text part ({textWords} words) and the HTML part ({htmlWords} words) share only {similarity}% of their words. Both are the same message for the recipient’s client to choose from; when they differ (a text part that says “view this email in your browser”, or an old text left in a template), filters read it as a trick to show scanners one message and readers another. SpamAssassin scores this as MPART_ALT_DIFF, which the filter score above already includes.',
    fix: 'Generate the text part from the same content as the HTML for every send (most sending tools have a “generate plain text from HTML” option), so that both say the same thing.',
  },
  'content.image-only': {
    title: 'The HTML is mostly images ({images} images, {words} words of text)',
    detail:
      'The HTML shows {images} images but only {words} words of text. Filters cannot read text inside images, so image-only mail is a classic way to hide spam, and Outlook and many corporate clients block images until the reader allows them, leaving an empty message. SpamAssassin scores this as HTML_IMAGE_ONLY_*, which the filter score above already includes.',
    fix: 'Put the message’s words in HTML text and keep images for illustration: aim for at least a few sentences of real text alongside the images.',
  },
  'content.images-no-alt': {
    title: '{count} of {images} images have no alt text',
    detail:
      'Readers whose client blocks images (Outlook does by default) and readers using screen readers see nothing where an image without an alt attribute stands. This does not affect delivery, but it loses the reader.',
    fix: 'Add an alt attribute that says what each image shows or links to, for example <img src="…" alt="Summer sale: 20% off all shoes">; use alt="" for purely decorative images.',
  },
  'content.hidden-text': {
    title: 'The HTML hides {chars} characters of text from the reader',
    detail:
      'Text the reader cannot see ({reason}), for example: “{sample}”. Hidden words are how spam fools filters (random words to change the message’s fingerprint, keywords to look harmless), so Gmail’s and Outlook’s filters hold hidden text against the message. A short preheader before the visible content and responsive variants revealed by @media rules are not counted.',
    fix: 'Remove the hidden text from the HTML template; if it is a preheader, keep a single short one (under about 150 characters) at the very start of the body.',
    values: {
      reason: {
        'display-none': 'display:none',
        'visibility-hidden': 'visibility:hidden',
        collapsed: 'a zero-height box with overflow hidden',
        transparent: 'transparent or fully faded text',
        'tiny-font': 'a font too small to read',
        'low-contrast': 'text in the same color as its background',
      },
    },
  },
  'content.too-many-links': {
    title: 'The message has {links} links for {words} words of text',
    detail:
      'Mail made mostly of links, or with very many of them, has the shape of spam and link farms; filters weigh it, and every link is one more domain whose reputation the message depends on.',
    fix: 'Cut the links to the ones readers need (one per item or call to action), and give each link some text around it that says where it leads.',
  },
  'content.active-html': {
    title: 'The HTML holds active content: {tags}',
    detail:
      'Found: {tags}. No mail client runs scripts, frames, plugins or automatic refreshes in a message: Gmail, Outlook and Apple Mail strip them. They are only ever useful to phishing pages, so filters treat mail carrying them as suspicious.',
    fix: 'Remove every <script>, <iframe>, <frame>, <object>, <embed>, <applet> and <meta http-equiv="refresh"> element, every on…= attribute and every javascript: link from the HTML; link to a web page for anything interactive.',
  },
  'content.form': {
    title: 'The HTML holds {count} form(s)',
    detail:
      'Gmail and Outlook disable forms in messages (Outlook warns the reader first), so a form does not work for most readers, and a form asking for data inside an email is a phishing trait that filters look for.',
    fix: 'Replace the form with a link to the same form on your website.',
  },
  'content.placeholders': {
    title: 'Template placeholders were left unreplaced: {placeholders}',
    detail:
      'The message shows merge tags the sending tool should have filled in: {placeholders}. Recipients greeted by “Dear *|FNAME|*” rarely trust the message, and spam complaints are what Gmail weighs most.',
    fix: 'Check the merge-tag syntax against your sending tool’s documentation (for example *|FNAME|* in Mailchimp, %%FirstName%% in Salesforce Marketing Cloud) and make sure every recipient has a value or a default; send a test to yourself before the campaign.',
  },
  'content.subject-shouting': {
    title: 'The Subject {reason}',
    detail:
      'Subject: {subject}. Capitals, runs of exclamation marks and hype labels are long-standing spam traits that filters score and readers distrust. (SpamAssassin scores an all-capitals Subject as SUBJ_ALL_CAPS.)',
    fix: 'Write the Subject in ordinary sentence case, with at most one exclamation mark and no decorative symbols; say plainly what the message is about.',
    values: {
      reason: {
        caps: 'is written in capitals',
        exclamation: 'is full of exclamation marks',
        hype: 'is decorated like an advertisement (【】 labels or symbols)',
      },
    },
  },
  'content.partial': {
    title: 'Only part of the content was checked',
    detail: 'The content checks judged part of the message only: {why}. The other checks are not affected.',
    fix: null,
    values: {
      why: {
        bounds: 'it is larger than what we decode, or holds more text, links or images than we read',
        decoder: 'the MIME decoder could not read all of it (see the format checks)',
      },
    },
  },
};
