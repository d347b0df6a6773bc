/**
 * What the built-in rules look for: phrase patterns in English and Japanese, and the lists (URL shorteners,
 * free-mail domains, abused TLDs, brands). Detection data, not words shown to people: the rules' descriptions
 * live in src/i18n/{en,ja}/builtin-rules.ts.
 *
 * Every pattern runs on text that was NFKC-normalized and lower-cased (so full-width ！ is !, １００％ is 100%,
 * half-width katakana is full-width, URL is url). Every quantifier is bounded and no pattern nests them, so a
 * match attempt costs bounded work at each position: linear time on any input. None is global (a global
 * pattern's test() carries lastIndex from one message to the next); countMatches() makes its own copy.
 */

/** An English and a Japanese pattern for one idea; either may match. */
export interface PhrasePair {
  en: RegExp;
  /** Every alternative holds a non-ASCII character, so ASCII-only text is not searched with it (a test keeps this true). */
  ja: RegExp;
}

export const URGENCY: PhrasePair = {
  en: /\b(?:act now|urgent|immediately|limited time|expires? (?:today|soon|tonight)|last chance|don'?t miss (?:out|this)|hurry|only \d{1,4} (?:left|remaining)|today only|final notice|within (?:24|48) hours|respond now|order now|buy now|while supplies last|ends (?:today|tonight))\b/,
  ja: /今すぐ|いますぐ|本日限り|今日限り|今日だけ|お急ぎ|急いで|期間限定|数量限定|先着|残りわずか|残り僅か|最終(?:案内|通知|警告|のご案内)|締切間近|締め切り間近|(?:24|48)時間以内|至急|緊急|早い者勝ち|お見逃しなく/,
};

/** Something given away. Free shipping is left out: every shop offers it ("送料無料" likewise). */
export const FREE_OFFER: PhrasePair = {
  en: /\b(?:for free|100% free|absolutely free|totally free|free (?:gift|trial|access|money|offer|bonus|iphone|sample|membership|download|cash|spins?|registration)|at no cost|no cost to you)\b/,
  ja: /無料(?:で|の)?(?:プレゼント|進呈|差し上げ|配布|お試し|招待|登録|診断)|完全無料|今なら無料|(?<![\d,])0円|タダ(?:で|に)|無償(?:で|提供)|プレゼント(?:します|いたします|中)|全員に/,
};

export const PRIZE: PhrasePair = {
  en: /\b(?:you(?:'ve| have)? (?:won|been selected|been chosen)|winner|congratulations|claim your (?:prize|reward|gift|winnings)|lottery|jackpot|prize|sweepstakes|lucky (?:winner|draw))\b/,
  ja: /当選|当せん|賞金|懸賞|特賞|選ばれました|受け取り権利|受取権利|ご褒美/,
};

export const LOTS_OF_MONEY: PhrasePair = {
  en: /\$ ?\d{1,3}(?:,\d{3}){2,}|\$ ?\d{7,}|\b\d{1,4}(?:\.\d{1,2})? million (?:dollars|usd|euros?|pounds)|\bmillions of dollars|\b\d{1,3}(?:,\d{3}){2,} ?(?:usd|dollars|euros?)\b/,
  ja: /\d{3,5}万円|\d{1,4}億円|百万円|千万円|億円/,
};

export const EARN_MONEY: PhrasePair = {
  en: /\b(?:make money|earn (?:\$|money|cash|extra)|work from home|extra income|passive income|financial freedom|be your own boss|get rich|income from home)\b|\$\d{2,5} (?:a|per) day\b/,
  ja: /副業|稼げる|稼ぐ|在宅ワーク|在宅で(?:簡単|稼)|月収|日給|不労所得|高収入|簡単に儲|儲かる|楽して|権利収入|お小遣い稼ぎ/,
};

export const ACCOUNT_ALERT: PhrasePair = {
  en: /\b(?:verify your (?:account|identity|information|email)|account (?:has been |will be |was )?(?:suspended|locked|limited|disabled|closed|on hold)|confirm your (?:account|identity|password|billing|details)|unusual (?:sign-?in|login|activity)|update your (?:payment|billing) (?:information|details|method)|your password (?:expires|has expired|will expire)|security alert|unauthori[sz]ed (?:access|login|transaction))\b/,
  ja: /アカウント(?:が|を|の)?(?:停止|凍結|ロック|制限|無効|一時停止)|本人確認|ご本人様確認|利用制限|不正(?:な)?(?:アクセス|ログイン|利用)|パスワード(?:の)?(?:有効期限|再設定)|(?:お)?支払い(?:情報|方法)(?:の|を)?(?:更新|確認)|セキュリティ(?:警告|アラート)|異常なログイン/,
};

export const BANK_TRANSFER: PhrasePair = {
  en: /\b(?:wire transfer|bank account|account number|routing number|western union|moneygram|bank details|beneficiary|transfer the (?:funds|money)|gift cards?|itunes cards?)\b/,
  ja: /口座|振込|振り込み|送金|入金|暗証番号|キャッシュカード|ギフトカード|電子マネー/,
};

export const CLICK_HERE: PhrasePair = {
  en: /\b(?:click (?:here|below|the (?:link|button)|now)|tap here|follow the link below)\b/,
  ja: /ここをクリック|こちらをクリック|今すぐクリック|(?:下記|以下)(?:の)?(?:url|リンク|ボタン)(?:を|から|より)|クリックして(?:ください|下さい)/,
};

export const GUARANTEE: PhrasePair = {
  en: /\b(?:100% (?:guaranteed|satisfaction)|guaranteed|risk[- ]free|no risk|no obligation|money[- ]back|no questions asked)\b/,
  ja: /100%保証|全額返金|返金保証|絶対に(?:儲|稼|痩)|必ず儲|確実に(?:稼|儲)|リスクなし|ノーリスク|損しない/,
};

export const PHARMA: PhrasePair = {
  en: /\b(?:viagra|cialis|levitra|online pharmacy|cheap meds|no prescription|pills|weight loss|lose weight|diet pills?|fat burn(?:ing|er))\b/,
  ja: /バイアグラ|シアリス|ed治療|精力剤|医薬品(?:が|を)?(?:格安|通販)|処方箋なし|痩せる|飲むだけで|ダイエット(?:サプリ|薬)/,
};

export const ADULT_GAMBLING: PhrasePair = {
  en: /\b(?:casino|slots|betting|online poker|hot singles|adult (?:content|videos?|dating)|xxx|sex(?:y|ual)? (?:videos?|chat|partners?)|lonely (?:women|wives))\b/,
  ja: /カジノ|スロット|ギャンブル|出会い系|人妻|セフレ|アダルト|エロ|無修正/,
};

export const CRYPTO_INVEST: PhrasePair = {
  en: /\b(?:bitcoin|crypto(?:currency|currencies)?|forex|investment opportunity|stock alert|hot stock|high returns?|binary options|double your (?:money|investment)|guaranteed returns?|fx)\b/,
  ja: /仮想通貨|暗号資産|ビットコイン|投資案件|必ず上がる|爆上げ|億り人|高配当|高利回り|元本保証/,
};

export const LOAN_DEBT: PhrasePair = {
  en: /\b(?:loans?|credit score|debt relief|consolidate|refinanc(?:e|ing)|mortgage|pre-?approved|bad credit|no credit check)\b/,
  ja: /融資|借入|借り入れ|即日融資|審査なし|審査不要|ブラックok|過払い金|債務整理|キャッシング/,
};

export const ADVANCE_FEE: PhrasePair = {
  en: /\b(?:inheritance|next of kin|deceased|barrister|diplomat(?:ic)?|consignment|unclaimed (?:funds|fund|sum)|compensation fund|atm card|confidential business proposal)\b/,
  ja: /遺産|相続人|外交官|未請求|補償金|受取人|極秘(?:の)?(?:取引|提案)/,
};

export const DEAR_GENERIC: PhrasePair = {
  en: /\bdear (?:customer|friend|user|member|client|sir(?:\/madam)?|beneficiary|account holder|valued (?:customer|member)|winner|email user)\b/,
  ja: /親愛なる|尊敬する|愛する(?:お客様|友)/,
};

/** Subject words of a price or a sale. */
export const MONEY_SUBJECT: PhrasePair = {
  en: /\$ ?\d|\b\d{1,3} ?% ?off\b|\bsale\b|\bdiscount|\bcheap\b|\bclearance\b|\blowest price/,
  ja: /¥ ?\d|\d円|万円|割引|半額|\d{1,3}%(?:オフ|off)|セール|激安|格安|特価|値下げ/,
};

/** Template placeholders left unreplaced: {{name}}, %%FNAME%%, *|FNAME|*, ${name}, [FIRSTNAME]. */
export const PLACEHOLDER =
  /\{\{ ?[\w.]{1,40} ?\}\}|%%[a-z_]{1,30}%%|\*\|[a-z_]{1,30}\|\*|\$\{[\w.]{1,40}\}|\[(?:first_?name|last_?name|name|email)\]/;

/** Unsubscribe words in the body (the bulk-without-unsubscribe rule). */
export const UNSUBSCRIBE: PhrasePair = {
  en: /unsubscribe|opt[- ]out|manage (?:your )?(?:email )?(?:preferences|subscriptions?)|remove me|stop receiving/,
  ja: /配信停止|配信解除|購読解除|購読停止|登録解除|配信(?:を)?(?:停止|解除)|受信拒否|オプトアウト|メルマガ(?:の)?解除/,
};

/** Subject prefixes of a reply or a forward, in the languages mail clients write them. */
export const REPLY_PREFIX = /^(?:re|fw|fwd|aw|wg|sv|vs|tr|rv|回覆|返信|転送) ?(?:\[\d{1,3}\])? ?:/;

/** "F R E E  M O N E Y": letters spaced out to slip past word filters. */
export const SPACED_WORD = /\b(?:[a-z] ){3,}[a-z]\b/;

/** Hype symbols: brackets, stars, shapes and the emoji marketing spam decorates with. */
export const HYPE_SYMBOLS = /[【】★☆◆◇■□▲△▼▽●◎♪♥❤]|\p{Extended_Pictographic}/u;

export const SHOUTED_PUNCTUATION = /[!?]{2,}/;

/** A domain written in link text: "www.paypal.com", "https://paypal.com/login". */
export const DOMAIN_IN_TEXT =
  /(?:^|[\s(<"'[/:@])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z]{2,24})(?=$|[\s)>"'\]/:?#,.])/;

/** An e-mail address inside a display name. */
export const ADDRESS_IN_TEXT = /[a-z0-9._%+-]{1,64}@((?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,24})/;

/** Generic URL shorteners (SpamAssassin's url_shortener list, the well-known part). Brands' own (amzn.to) are left out. */
export const URL_SHORTENERS = new Set([
  'bit.ly',
  'bitly.com',
  'bit.do',
  'tinyurl.com',
  'tiny.cc',
  'tiny.one',
  'goo.gl',
  't.co',
  'ow.ly',
  'is.gd',
  'v.gd',
  'buff.ly',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  'shorturl.asia',
  't.ly',
  'rb.gy',
  'x.gd',
  's.id',
  'j.mp',
  'ouo.io',
  'adf.ly',
  'shorte.st',
  'soo.gd',
  'short.gy',
  'clck.ru',
  'u.to',
  'urlz.at',
  'grabify.link',
  'lnkd.in',
  'han.gl',
]);

/** Free-mail providers (a Reply-To there while From is a company is a classic fraud sign). */
export const FREEMAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.jp',
  'ymail.com',
  'outlook.com',
  'outlook.jp',
  'hotmail.com',
  'hotmail.co.jp',
  'live.com',
  'live.jp',
  'msn.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'mail.com',
  'mail.ru',
  'yandex.com',
  'yandex.ru',
  'protonmail.com',
  'proton.me',
  'qq.com',
  '163.com',
  '126.com',
  'zoho.com',
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'au.com',
  'softbank.ne.jp',
  'i.softbank.jp',
]);

/**
 * Top-level domains that abuse trackers (Spamhaus's most-abused TLD list, SURBL's) name again and again.
 * A link there is a weak sign on its own; the weight says so.
 */
export const ABUSED_TLDS = new Set([
  'xyz',
  'top',
  'click',
  'buzz',
  'icu',
  'cyou',
  'rest',
  'work',
  'loan',
  'gq',
  'tk',
  'ml',
  'cf',
  'ga',
  'cam',
  'monster',
  'bond',
  'sbs',
  'cfd',
  'lol',
  'mom',
  'quest',
  'zip',
]);

/**
 * Brands phishing mail names in its From display name, with the tokens of their real domains: the name
 * is suspicious when the From domain contains none of them ("Amazon <info@amazon.co.jp>" is fine).
 * Names are matched on the NFKC lower-cased display name.
 */
export const BRANDS: ReadonlyArray<{ names: RegExp; domains: readonly string[] }> = [
  { names: /paypal|ペイパル/, domains: ['paypal'] },
  { names: /amazon|アマゾン/, domains: ['amazon', 'amzn'] },
  { names: /\bapple\b|icloud|アップル/, domains: ['apple', 'icloud'] },
  {
    names: /microsoft|office ?365|outlook|マイクロソフト/,
    domains: ['microsoft', 'office', 'outlook', 'live'],
  },
  { names: /netflix|ネットフリックス/, domains: ['netflix'] },
  { names: /\bgoogle\b|gmail/, domains: ['google', 'gmail'] },
  { names: /facebook|instagram|\bmeta\b/, domains: ['facebook', 'instagram', 'meta', 'fb'] },
  { names: /\bdhl\b|fedex|\bups\b|usps/, domains: ['dhl', 'fedex', 'ups', 'usps'] },
  { names: /docusign|dropbox|linkedin/, domains: ['docusign', 'dropbox', 'linkedin'] },
  {
    names: /wells fargo|bank of america|\bchase\b|citibank/,
    domains: ['wellsfargo', 'bankofamerica', 'chase', 'citi'],
  },
  { names: /楽天|rakuten/, domains: ['rakuten'] },
  { names: /三井住友|smbc/, domains: ['smbc', 'vpass'] },
  { names: /三菱ufj|mufg/, domains: ['mufg'] },
  { names: /みずほ|mizuho/, domains: ['mizuho'] },
  { names: /ゆうちょ|日本郵便|japan ?post/, domains: ['jp-bank', 'japanpost', 'post'] },
  { names: /ヤマト運輸|クロネコ/, domains: ['kuronekoyamato', 'yamato'] },
  { names: /佐川急便/, domains: ['sagawa'] },
  { names: /メルカリ|mercari/, domains: ['mercari'] },
  { names: /ヤフー|yahoo/, domains: ['yahoo'] },
  { names: /ドコモ|docomo/, domains: ['docomo'] },
  { names: /ソフトバンク|softbank/, domains: ['softbank'] },
  { names: /イオン|aeon/, domains: ['aeon'] },
  { names: /\bjcb\b/, domains: ['jcb'] },
  { names: /国税庁|e-tax/, domains: ['nta', 'e-tax'] },
  { names: /えきねっと|eki-net/, domains: ['eki-net', 'jreast'] },
  { names: /etc利用照会|etcサービス/, domains: ['etc-meisai', 'go.jp'] },
];

/** Headers an e-mail service provider or bulk mailer adds. */
export const BULK_HEADERS = [
  'list-id',
  'list-unsubscribe',
  'feedback-id',
  'x-campaign',
  'x-campaign-id',
  'x-mailgun-sid',
  'x-ses-outgoing',
  'x-sg-eid',
  'x-mc-user',
  'x-mailchimp-campaign',
  'x-cmae-score',
  'x-bulkmail',
] as const;
