/**
 * The name lists the link rules use. Each is short, written out here, and matched on the registered
 * domain (Public Suffix List) unless it says otherwise; additions are one line with nothing else to change.
 */

/**
 * Public URL shorteners: anyone can make a link on them that hides where it leads, which is why
 * spammers use them to dodge URI blocklists and why SpamAssassin (its url_shortener list) and rspamd
 * (its url_redirector module) look behind them. Only general-purpose services: a brand's own short
 * domain that only leads to the brand (youtu.be, a bank's own) hides nothing and is not here.
 */
// prettier-ignore
export const URL_SHORTENERS: ReadonlySet<string> = new Set([
  'bit.ly', 'bitly.com', 'j.mp', 't.co', 'tinyurl.com', 'goo.gl', 'ow.ly', 'is.gd', 'v.gd', 'buff.ly',
  'rebrand.ly', 'cutt.ly', 't.ly', 'amzn.to', 'tiny.cc', 'shorturl.at', 'rb.gy', 'bl.ink', 's.id',
  'lnkd.in', 'soo.gd', 'x.gd', 'clck.ru', 'u.to', 'qrco.de', 'surl.li', 'shorte.st', 'adf.ly', 'ouo.io',
  'bc.vc', 'tr.im', 'cli.gs', 'db.tt', 'dlvr.it', 'ift.tt', 'fb.me', 'short.io', 'shorturl.com',
  '1url.com', 'tiny.one', 'urlz.fr', 'gg.gg', 'snip.ly', 'po.st', 'mcaf.ee', 'su.pr', 'vk.cc', 'tinu.be',
]);

/**
 * Click-tracking domains of email service providers: a marketing link's target is their redirector
 * while its text shows the sender's site. That is how bulk mail works, not phishing, so the
 * "text shows another domain" rule lets them pass (the URI blocklists still see the real domains).
 */
// prettier-ignore
export const CLICK_TRACKERS: ReadonlySet<string> = new Set([
  'list-manage.com', 'mailchi.mp', // Mailchimp
  'mandrillapp.com', // Mandrill
  'sendgrid.net', // Twilio SendGrid
  'awstrack.me', // Amazon SES
  'mjt.lu', // Mailjet
  'sparkpostmail.com', // SparkPost
  'pstmrk.it', // Postmark
  'rs6.net', // Constant Contact
  'hubspotlinks.com', 'hubspotemail.net', 'hs-sites.com', // HubSpot
  'klclick.com', 'klclick1.com', 'klclick2.com', 'klclick3.com', // Klaviyo
  'createsend.com', 'createsend1.com', 'cmail19.com', 'cmail20.com', // Campaign Monitor
  'exacttarget.com', // Salesforce Marketing Cloud
  'sendibt2.com', 'sendibt3.com', 'sendibm1.com', // Brevo (Sendinblue)
  'mlsend.com', 'mailerlite.com', // MailerLite
  'acemlna.com', 'acemlnb.com', 'acemlnc.com', 'acemlnd.com', // ActiveCampaign
  'convertkit-mail.com', 'convertkit-mail2.com', 'ck.page', // ConvertKit
  'aweber.com', // AWeber
  'gr8.com', // GetResponse
  'bmetrack.com', // Benchmark Email
  'substack.com', // Substack
  'mailgun.org', // Mailgun
  'blayn.jp', 'bme.jp', 'cuenote.jp', 'hmup.jp', // Japanese ESPs: Blaynmail, blastmail, Cuenote, HMup
  'safelinks.protection.outlook.com', // Microsoft Defender rewrites links in forwarded mail
]);

/**
 * Latin-script names that phishing look-alikes imitate most (global and Japanese brands). A Unicode
 * host whose label, reduced to the Latin letters it looks like, is one of these is flagged even when
 * each of its characters alone would be allowed (pаypal with a Cyrillic а, páypal with an accent).
 */
// prettier-ignore
export const IMITATED_NAMES: ReadonlySet<string> = new Set([
  'paypal', 'apple', 'icloud', 'google', 'gmail', 'microsoft', 'outlook', 'office', 'live', 'amazon',
  'facebook', 'instagram', 'whatsapp', 'netflix', 'spotify', 'linkedin', 'twitter', 'dropbox', 'adobe',
  'docusign', 'yahoo', 'ebay', 'dhl', 'fedex', 'ups', 'usps', 'chase', 'wellsfargo', 'bankofamerica',
  'citibank', 'hsbc', 'barclays', 'coinbase', 'binance', 'metamask', 'steam', 'steamcommunity',
  'rakuten', 'mercari', 'docomo', 'softbank', 'aeon', 'smbc', 'mufg', 'mizuho', 'resona', 'jcb',
  'saisoncard', 'japanpost', 'sagawa', 'kuronekoyamato', 'paypay', 'line', 'nintendo', 'sony', 'epos',
]);

/**
 * Words that mark an unsubscribe or opt-out link in the link text or URL (English, Japanese and other
 * major languages). The link checker never fetches such a link: the fetch itself could unsubscribe.
 */
// prettier-ignore
export const UNSUBSCRIBE_WORDS: readonly string[] = [
  'unsubscribe', 'unsub', 'opt-out', 'opt out', 'optout', 'opt_out', 'remove me', 'email preferences',
  'manage preferences', 'manage subscription',
  '配信停止', '配信解除', '登録解除', '購読解除', '購読停止', 'メール停止', '受信停止', '配信を停止', '解約',
  'désabonner', 'désinscri', 'abmelden', 'abbestellen', 'darse de baja', 'cancelar suscripción',
  'cancelar inscrição', 'descadastr', 'disiscriviti', 'annulla iscrizione', 'afmelden', 'uitschrijven',
  '退订', '取消订阅', '退訂', '取消訂閱', '수신거부', '구독취소', '구독 취소', 'отписаться', 'wypisz',
];
