/**
 * Words of pressure: what phishing and business-email-compromise messages say to make a reader act before
 * thinking (pay now, sign in now, the account is locked, buy gift cards, our bank account has changed).
 * A bounded phrase table in Japanese and English, matched on NFKC-folded, lower-case text, so full-width
 * and half-width forms match alike. Japanese phrases are matched with the spaces taken out (mail often
 * breaks or pads Japanese lines); English ones with runs of spaces made one.
 */

export type PressureKind = 'urgency' | 'payment' | 'account' | 'credential' | 'gift-card' | 'bank-change';

// prettier-ignore
const PHRASES: Readonly<Record<PressureKind, readonly string[]>> = {
  urgency: [
    'urgent', 'urgently', 'immediately', 'immediate action', 'act now', 'within 24 hours', 'within 48 hours',
    'final notice', 'last warning', 'as soon as possible', 'asap',
    '至急', '緊急', '大至急', '早急に', 'ただちに', '直ちに', '本日中', '24時間以内', '48時間以内', '最終通告', '最終警告',
  ],
  payment: [
    'urgent payment', 'wire transfer', 'overdue invoice', 'outstanding payment', 'payment failed', 'unpaid',
    'お振込', 'お振り込み', 'ご入金', '未払い', '未納', '料金未納', 'お支払いが確認できません', '支払いに失敗',
  ],
  account: [
    'account locked', 'account has been locked', 'account suspended', 'account has been suspended',
    'account will be suspended', 'account will be closed', 'verify your account', 'unusual sign-in',
    'unusual activity', 'suspicious activity', 'unauthorized access',
    'アカウントが停止', 'アカウントを停止', 'アカウントがロック', 'アカウントをロック', '利用停止', 'ご利用を制限', '利用制限',
    '不正アクセス', '不正ログイン', '不正利用', '本人確認',
  ],
  credential: [
    'password reset', 'reset your password', 'confirm your password', 'verify your password', 'verify your identity',
    'confirm your identity', 'update your payment', 'update your billing',
    'パスワードの再設定', 'パスワードを再設定', 'パスワードのリセット', 'パスワードをリセット', 'パスワードの変更', 'ログインして確認',
    'カード情報の更新', 'お支払い情報の更新', '暗証番号',
  ],
  'gift-card': [
    'gift card', 'itunes card', 'google play card', 'apple gift card', 'steam card',
    'ギフトカード', 'ギフト券', 'プリペイドカード', '電子マネーカード',
  ],
  // The classic business-email-compromise line: "our bank account has changed, pay the invoice to this one".
  'bank-change': [
    'new bank account', 'new bank details', 'updated bank details', 'change of bank details', 'bank details have changed',
    'changed our bank', 'change in bank account', 'new account details', 'updated account details', 'new banking details',
    '振込先の変更', '振込先が変更', '振込先を変更', 'お振込先の変更', '振込口座の変更', '振込口座が変更', '口座の変更', '口座が変更',
    '口座を変更', '新しい口座', '口座変更',
  ],
};

/** Characters of text searched (the subject and the first part of the body are what a reader sees). */
export const PRESSURE_TEXT_CHARS = 200_000;
/** Phrases reported (the first found of each kind come first). */
const MAX_FOUND = 10;

const isJapanese = (phrase: string): boolean => /[^\x00-\x7f]/.test(phrase);
/** ASCII phrases as whole words, plural allowed: "gift cards" is found, "asap" is not in "asapb". */
const ENGLISH = Object.fromEntries(
  Object.entries(PHRASES).map(([kind, phrases]) => [
    kind,
    phrases
      .filter((phrase) => !isJapanese(phrase))
      .map((phrase) => ({ phrase, pattern: new RegExp(`(?<![a-z0-9])${phrase}s?(?![a-z0-9])`) })),
  ]),
) as Record<PressureKind, Array<{ phrase: string; pattern: RegExp }>>;

export interface PressureFound {
  kind: PressureKind;
  phrase: string;
}

/** The pressure phrases in a text, each once, as the table writes them. */
export function pressurePhrases(text: string): PressureFound[] {
  const folded = text.slice(0, PRESSURE_TEXT_CHARS).normalize('NFKC').toLowerCase();
  const spaced = folded.replace(/\s+/g, ' ');
  const unspaced = folded.replace(/\s+/g, '');
  const found: PressureFound[] = [];
  for (const kind of Object.keys(PHRASES) as PressureKind[]) {
    for (const phrase of PHRASES[kind].filter(isJapanese))
      if (unspaced.includes(phrase)) found.push({ kind, phrase });
    for (const { phrase, pattern } of ENGLISH[kind]) if (pattern.test(spaced)) found.push({ kind, phrase });
  }
  return found.slice(0, MAX_FOUND * 2);
}

export const MAX_PRESSURE_SHOWN = MAX_FOUND;
