import type { AreaCatalog } from '../types.js';

export const dnssec: AreaCatalog<'dnssec'> = {
  'dnssec.signed': {
    title: 'DNSSEC: {domain} の応答は署名され、検証されています',
    detail:
      '問い合わせたリゾルバーが {domain} の応答に AD ビット（authenticated data）を付けました。ルートまでの DNSSEC 署名を検証したことを示します。署名の検証はこちらでは行っておらず、検証を行うリゾルバーが保証した結果です。同じく検証を行う受信側は MX、SPF、DKIM、DMARC のレコードを信頼でき、受信の TLS に DANE も使えます。',
    fix: null,
  },
  'dnssec.unsigned': {
    title: 'DNSSEC: {domain} は署名されていません',
    detail:
      '問い合わせたリゾルバーは DNSSEC を検証しています（.{tld} の応答には AD ビットを付けました）が、{domain} の応答には付けませんでした。ドメインが署名されていないか、レジストラーに DS レコードが登録されていません。多くのメールドメインは署名されておらず、受信側の評価にも影響しませんが、署名するとレコードを偽の応答から守れ、DANE を使うには必須です。',
    fix: 'DNSSEC を使う場合は、{domain} の DNS プロバイダーで署名を有効にし、表示される DS レコードをレジストラーに登録してください。その後、検証を行うリゾルバーで確認してください。例: 「dig @1.1.1.1 +dnssec {domain} SOA」のフラグに ad が含まれていれば有効です。',
  },
  'dnssec.not-validated': {
    title: 'DNSSEC: {domain} の応答は検証されていません',
    detail:
      '問い合わせたリゾルバーは {domain} の応答に AD ビットを付けませんでした。ドメインが署名されていないか、このリゾルバーが DNSSEC を検証していないかのどちらかです。.{tld} の応答にも AD が付かなかったため、どちらなのかは判断できません。受信側が DNSSEC の恩恵を受けるかどうかは、その受信側が使うリゾルバーによって決まります。',
    fix: '確かめるには、検証を行うリゾルバーにご自身で問い合わせてください。例: 「dig @1.1.1.1 +dnssec {domain} SOA」のフラグに ad があれば署名・検証済みです。または --dns で検証を行うリゾルバーを指定してこの監査を実行してください。',
  },
  'dnssec.unknown': {
    title: 'DNSSEC: {domain} の応答がありません',
    detail: '{domain} の問い合わせから判断できる応答が得られませんでした: {code}。',
    fix: null,
    values: {
      code: {
        ETIMEOUT: 'タイムアウトしました',
        ESERVFAIL:
          'リゾルバーが SERVFAIL を返しました。検証を行うリゾルバーは、署名済みドメインの署名が壊れているときにこう応答します（検証を省略する「dig +cd」で確認してください）',
        EREFUSED: 'リゾルバーが応答を拒否しました',
        'no-records': 'ドメインに TXT、MX、NS のレコードがありません',
      },
    },
  },
};
