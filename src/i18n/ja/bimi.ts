import type { AreaCatalog } from '../types.js';

const DMARC_REASONS = {
  ok: 'DMARC ポリシーはすでに十分な強さです',
  'dmarc-unknown': 'DMARC レコードを読み取れませんでした',
  'no-dmarc': 'DMARC レコードがありません',
  'policy-none': '適用される DMARC ポリシーが none（監視のみ）です',
  pct: 'pct= によってポリシーが一部のメールにしか適用されません',
  testing: 't=y によってポリシーがテストモードになっています',
  'org-no-dmarc': '組織ドメインに独自の DMARC レコードがありません',
  'org-policy-none': '組織ドメインの DMARC ポリシーが none です',
  'org-sp-none': '組織ドメインがサブドメインに sp=none を指定しています',
};

const FETCH_REASONS = {
  dns: 'ロゴのホスト名に DNS のアドレスがありません',
  'private-address':
    'ロゴのホスト名が、受信側から到達できないプライベートまたは予約済みのアドレスを指しています',
  certificate: 'ロゴのホストの HTTPS 証明書を検証できません',
  timeout: 'サーバーが時間内に応答しませんでした',
  connection: '接続または TLS ハンドシェイクに失敗しました',
  redirect: 'サーバーがファイルではなくリダイレクトで応答しました',
  'http-status': 'サーバーがステータス 200 で応答しませんでした',
};

const SVG_PROBLEMS = {
  'not-svg': 'ファイルが SVG 文書ではありません',
  version: 'ルートの <svg> 要素に version="1.2" がありません',
  'base-profile': 'ルートの <svg> 要素に baseProfile="tiny-ps" がありません',
  'no-title': '<svg> の直下に（ブランド名を書いた）<title> がありません',
  script: 'スクリプトまたはイベントハンドラー（on...=）が含まれています',
  'external-reference': 'ファイルの外部を参照しています（別のアドレスへの href や url()）',
  animation: 'アニメーションが含まれています',
  'raster-image': '<image> 要素が含まれています（ラスター画像は使えません）',
  'foreign-object': '<foreignObject> 要素が含まれています',
  'root-position': 'ルートの <svg> 要素に x= または y= があります',
  'no-viewbox': 'ルートの <svg> 要素に viewBox がありません',
  'not-square': 'viewBox が正方形ではありません',
  'too-complex': 'ロゴとしては要素が多すぎるか、入れ子が深すぎます',
  'too-large': '32 KB を超えています',
};

export const bimi: AreaCatalog<'bimi'> = {
  'bimi.pass': {
    title: '{domain} に BIMI が設定されています',
    detail:
      'BIMI レコード、ロゴ（{logoUrl}、SVG Tiny PS の基本要件）、DMARC ポリシーはいずれも問題なく、Gmail と Apple Mail に必要なマーク証明書（{authorityUrl}）も指定されています。証明書そのものは確認していません。有効で、このロゴそのものを含んでいる必要があります。',
    fix: null,
  },
  'bimi.none': {
    title: '{domain} に BIMI レコードがありません',
    detail:
      'BIMI を設定すると、メールボックスプロバイダーがメールの横にロゴを表示します。任意のブランディングで、配信には影響しません。すべてのメールに対して quarantine または reject の DMARC（現在: {dmarcReason}）、HTTPS で配信する SVG Tiny PS の正方形のロゴ、そして Gmail と Apple Mail ではマーク証明書（VMC または CMC）が必要です。',
    fix: 'DMARC を強制する設定にしたうえで、ロゴと証明書の URL を自社のものにして {suggested} を公開してください（最初は a= を省いても構いません。Yahoo や Fastmail は証明書なしでもロゴを表示します）。',
    values: { dmarcReason: DMARC_REASONS },
  },
  'bimi.declined': {
    title: '{domain} は BIMI を辞退しています',
    detail:
      '{domain} の BIMI レコードは l= と a= が空です（{record}）。ロゴを表示しないよう受信側に伝えています。',
    fix: null,
  },
  'bimi.no-authority': {
    title: '{domain} の BIMI レコードにマーク証明書（a=）がありません',
    detail:
      'a= で VMC（Verified Mark Certificate）または CMC（Common Mark Certificate）を指定していないため、ロゴ {logoUrl} は Yahoo や Fastmail など自己申告のロゴを受け入れる受信側でしか表示されません。Gmail と Apple Mail は証明書がある場合にのみロゴを表示します。',
    fix: 'Gmail と Apple Mail でロゴを表示するには、発行している認証局（DigiCert、Sectigo、GlobalSign など）から VMC（商標登録が必要）または CMC を取得し、PEM ファイルを HTTPS サーバーに置いて、default._bimi.{domain} のレコードに a=<その URL> を追加してください。',
  },
  'bimi.record-multiple': {
    title: '{domain} に BIMI レコードが {count} 件あります',
    detail:
      'default._bimi.{domain} に v=BIMI1 で始まる TXT レコードが {count} 件あります: {records}。この場合、受信側はロゴを表示しません。',
    fix: 'default._bimi.{domain} のレコードを 1 件だけにしてください。例: {suggested}',
  },
  'bimi.record-syntax': {
    title: '{domain} の BIMI レコードが正しくありません',
    detail: 'default._bimi.{domain} のレコードは {record} です: {reason}。受信側はロゴを表示しません。',
    fix: '正しいレコードに置き換えてください。例: {suggested}',
    values: {
      reason: {
        syntax: '「v=BIMI1;」で始め、「;」で区切った name=value のタグを続ける必要があります',
        'logo-url':
          'l= には SVG ロゴの https: の URL を 1 つだけ書く必要があります（ポート番号やユーザー名は使えません）',
        'authority-url': 'a= は空にするか、PEM 証明書の https: の URL を 1 つだけ書く必要があります',
      },
    },
  },
  'bimi.svg-unreachable': {
    title: 'BIMI のロゴを取得できませんでした',
    detail:
      '{url} のロゴの取得に失敗しました: {reason}（詳細: {detail}）。受信側も取得できないため、ロゴは表示されません。',
    fix: '{url} で SVG ファイルを HTTPS により直接配信してください（有効な証明書、ステータス 200、リダイレクトなし）。または BIMI レコードの l= を実際の配信場所に変更してください。',
    values: { reason: FETCH_REASONS },
  },
  'bimi.svg-invalid': {
    title: 'BIMI のロゴが SVG Tiny PS の要件を満たしていません',
    detail:
      '{url} のロゴは BIMI が求める SVG Tiny PS プロファイルに違反しています: {reason}。見つかった問題の一覧: {problems}。受信側はこのようなロゴを表示しません。',
    fix: 'ロゴを SVG Tiny PS（{maxBytes} バイト以内）で書き出してください。ルート要素は <svg version="1.2" baseProfile="tiny-ps" viewBox="0 0 N N"> とし、viewBox は正方形で x= と y= は付けず、ブランド名を書いた <title> を入れ、スクリプト、アニメーション、ラスター画像、外部参照は使いません。デザインツールや BIMI Group の変換ガイドで作成できます。',
    values: { reason: SVG_PROBLEMS },
  },
  'bimi.svg-not-checked': {
    title: 'BIMI のロゴは取得していません',
    detail: 'この監査では HTTPS での取得が無効になっているため、{url} のロゴは確認していません。',
    fix: null,
  },
  'bimi.dmarc-weak': {
    title: '{domain} の DMARC は BIMI に必要な強さに達していません',
    detail:
      '受信側が BIMI のロゴを表示するのは、ドメインとその組織ドメイン {org} の両方で DMARC がすべてのメールに対して強制されている場合だけです: {reason}。DMARC レコード: {record}。',
    fix: '_dmarc.{org} の DMARC を p=quarantine または p=reject にし、100 未満の pct=、t=y、sp=none は使わないでください（DMARC の項目の段階的な計画を参照してください）。例: 「v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@{org}」',
    values: { reason: DMARC_REASONS },
  },
  'bimi.error': {
    title: '{domain} の BIMI を確認できませんでした（DNS エラー）',
    detail: 'default._bimi.{domain} の BIMI レコードの問い合わせに応答がありませんでした: {code}。',
    fix: null,
  },
};
