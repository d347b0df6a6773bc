/**
 * Well-known brands and organizations phishing imitates, with the domains they really send mail from.
 * Bounded and deliberately short: only names whose mail domains we are sure of (banks and card companies,
 * shops, carriers, clouds, the tax office), Japanese and international. A display name naming one of these
 * over a From domain outside its list, or a From domain that looks like one of these, is a sender trick.
 * Domains are organizational domains (bk.mufg.jp → mufg.jp, post.japanpost.jp → japanpost.jp).
 */

export interface Brand {
  /** How the brand is named in the words (shown to the recipient). */
  name: string;
  /**
   * What a display name says when it names the brand, NFKC-folded and lower case. ASCII keywords match as
   * whole words (so "apple" is not found in "pineapple"); Japanese ones anywhere.
   */
  keywords: readonly string[];
  /** Organizational domains the brand sends from. */
  domains: readonly string[];
}

// Free-mail domains (outlook.com, gmail.com) are left out on purpose even where the brand runs them:
// anyone can get an address there, so "Microsoft <x@outlook.com>" proves nothing.
export const BRANDS: readonly Brand[] = [
  // Japanese banks and card companies
  { name: '三井住友銀行', keywords: ['三井住友銀行', 'smbc'], domains: ['smbc.co.jp'] },
  { name: '三井住友カード', keywords: ['三井住友カード'], domains: ['smbc-card.com'] },
  { name: '三菱UFJ銀行', keywords: ['三菱ufj', 'mufg'], domains: ['mufg.jp'] },
  { name: 'みずほ銀行', keywords: ['みずほ', 'mizuho'], domains: ['mizuhobank.co.jp', 'mizuho-fg.co.jp'] },
  { name: 'ゆうちょ銀行', keywords: ['ゆうちょ', 'japan post bank'], domains: ['japanpost.jp'] },
  { name: 'JCB', keywords: ['jcb'], domains: ['jcb.co.jp'] },
  // Shops and payments
  {
    name: '楽天',
    keywords: ['楽天', 'rakuten'],
    domains: [
      'rakuten.co.jp',
      'rakuten.com',
      'rakuten-card.co.jp',
      'rakuten-bank.co.jp',
      'rakuten-sec.co.jp',
    ],
  },
  {
    name: 'Amazon',
    keywords: ['amazon', 'アマゾン'],
    domains: ['amazon.co.jp', 'amazon.com', 'amazonaws.com'],
  },
  { name: 'Mercari', keywords: ['mercari', 'メルカリ'], domains: ['mercari.com', 'mercari.jp'] },
  { name: 'PayPal', keywords: ['paypal', 'ペイパル'], domains: ['paypal.com'] },
  { name: 'PayPay', keywords: ['paypay'], domains: ['paypay.ne.jp'] },
  // Carriers and post
  {
    name: 'ヤマト運輸',
    keywords: ['ヤマト運輸', 'クロネコヤマト', 'yamato transport'],
    domains: ['kuronekoyamato.co.jp'],
  },
  { name: '佐川急便', keywords: ['佐川急便', 'sagawa'], domains: ['sagawa-exp.co.jp'] },
  { name: '日本郵便', keywords: ['日本郵便', '郵便局', 'japan post'], domains: ['japanpost.jp'] },
  { name: 'DHL', keywords: ['dhl'], domains: ['dhl.com'] },
  { name: 'FedEx', keywords: ['fedex'], domains: ['fedex.com'] },
  // Mobile carriers
  { name: 'NTTドコモ', keywords: ['ドコモ', 'docomo'], domains: ['docomo.ne.jp'] },
  { name: 'au', keywords: ['au', 'kddi'], domains: ['au.com', 'kddi.com'] },
  { name: 'ソフトバンク', keywords: ['ソフトバンク', 'softbank'], domains: ['softbank.jp'] },
  // Clouds and platforms
  { name: 'Apple', keywords: ['apple', 'icloud', 'アップル'], domains: ['apple.com'] },
  {
    name: 'Microsoft',
    keywords: ['microsoft', 'office 365', 'microsoft 365', 'マイクロソフト'],
    domains: ['microsoft.com', 'microsoftonline.com'],
  },
  { name: 'Google', keywords: ['google', 'グーグル'], domains: ['google.com'] },
  { name: 'Netflix', keywords: ['netflix', 'ネットフリックス'], domains: ['netflix.com'] },
  { name: 'DocuSign', keywords: ['docusign'], domains: ['docusign.com', 'docusign.net'] },
  // Government
  { name: '国税庁', keywords: ['国税庁', 'national tax agency', 'e-tax'], domains: ['nta.go.jp'] },
];

/** Keywords of every brand, ready for matching: whole words for ASCII, substrings for Japanese. */
const MATCHERS: ReadonlyArray<{ brand: Brand; test: (text: string) => boolean }> = BRANDS.flatMap((brand) =>
  brand.keywords.map((keyword) => {
    if (!/^[\x00-\x7f]+$/.test(keyword)) return { brand, test: (text: string) => text.includes(keyword) };
    const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const word = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u');
    return { brand, test: (text: string) => word.test(text) };
  }),
);

/** The brands a display name names (NFKC-folded, lower case text expected), each once. */
export function brandsNamedIn(folded: string): Brand[] {
  const found = new Set<Brand>();
  for (const { brand, test } of MATCHERS) if (!found.has(brand) && test(folded)) found.add(brand);
  return [...found];
}
