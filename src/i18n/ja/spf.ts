import type { AreaCatalog } from '../types.js';

export const spf: AreaCatalog<'spf'> = {
  'spf.pass': {
    title: '{domain} の SPF は合格（pass）です',
    detail:
      '{domain} の SPF レコードは、{ip} から {sender} として送信することを許可しています（一致した機構: {mechanism}）。',
    fix: null,
  },
  'spf.none': {
    title: '{domain} に SPF レコードがありません',
    detail:
      '{domain} は SPF レコード（v=spf1 で始まる TXT レコード）を公開していないため、受信側は {ip} が {sender} として送信してよいかを判断できません。Gmail と Yahoo は、すべての送信者に SPF または DKIM を、大量送信者には両方を求めています。',
    fix: '{domain} に次の値の TXT レコードを公開してください: {suggested} ほかのサーバーやサービス（メールプロバイダー、配信ツールなど）も {domain} として送信している場合は、-all の前にそれらを追加してください（例: include:<サービスの SPF ドメイン>）。記載のない送信元は SPF が fail になります。',
  },
  'spf.permerror': {
    title: '{domain} の SPF レコードにエラーがあります（permerror）',
    detail:
      '{domain} の SPF レコードを評価できません: {reason}。受信側は permerror を SPF なしと同じように扱い、DMARC でも SPF の合格になりません。使用した DNS 参照: {lookups} 回（上限 10 回）、結果が空だった参照: {voidLookups} 回（上限 2 回）。レコード: {record}',
    fix: '{domain} の TXT レコードを修正してください。v=spf1 で始まるレコードを 1 つだけにし、構文を正しくし、DNS 参照を伴う項目（include、a、mx、ptr、exists、redirect。include 先の分も数えます）を 10 個以内に抑え、SPF レコードのないドメインを include しないでください。使っていないサービスの include は削除し、固定のアドレスは a や mx ではなく ip4:／ip6: で記述してください。',
  },
  'spf.fail': {
    title: 'SPF が不合格（fail）です: {domain} は {ip} を許可していません',
    detail:
      '{domain} の SPF レコードにより、{ip} は fail と判定されました（一致した機構: {mechanism}）。受信側はこのメールを拒否するか、迷惑メールに振り分けます。ドメインが公開している説明文: {explanation}。現在のレコード: {record}',
    fix: '{ip} が自社の送信サーバーであれば、{domain} の TXT レコードを次の内容に変更してください: {suggested} そうでない場合は、レコードに記載済みのサーバーから送信してください。',
  },
  'spf.softfail': {
    title: 'SPF が softfail です: {domain} のレコードに {ip} が含まれていません',
    detail:
      '{domain} の SPF レコードには {ip} が含まれておらず、softfail（{mechanism}）で終わっています。受信側はメールを受け取りますが疑わしいものとして扱い、DMARC でも SPF の合格になりません。現在のレコード: {record}',
    fix: 'このサーバーをレコードに追加してください。{domain} の TXT レコードを次の内容に変更します: {suggested}',
  },
  'spf.neutral': {
    title: 'SPF が neutral です: {domain} は {ip} について何も宣言していません',
    detail:
      '{domain} の SPF レコードは {ip} を許可も拒否もしていません（一致した機構: {mechanism}）。受信側は neutral を SPF なしと同じように扱い、DMARC や Gmail では合格になりません。現在のレコード: {record}',
    fix: '{domain} の TXT レコードを次の内容に変更してください: {suggested}',
  },
  'spf.temperror': {
    title: '{domain} の SPF 確認が一時的に失敗しました（temperror）',
    detail:
      '{domain} の SPF レコードの評価に必要な DNS 参照が、失敗またはタイムアウトしました: {reason}。DNS が応答するようになるまで、受信側はメールの受け取りを保留するか、SPF なしとして扱います。',
    fix: '{domain}、および SPF レコードが include しているすべてのドメインの DNS サーバーが、TXT の問い合わせに速く安定して応答するかを確認してください（各ネームサーバーに dig TXT {domain} @<ネームサーバー> で問い合わせます）。',
  },
  'spf.no-envelope': {
    title: 'MAIL FROM が不明のため、HELO 名で SPF を確認しました',
    detail:
      'エンベロープ送信者（MAIL FROM）が指定されておらず、メッセージに Return-Path フィールドもないため、代わりに HELO の ID で SPF を確認しました: {checked}。受信側は実際の MAIL FROM で確認します。受信側と同じ結果を得るには MAIL FROM を指定してください（コマンドラインでは --mail-from、API では mailFrom=）。',
    fix: null,
  },
  'spf.helo': {
    title: 'HELO 名 {helo} の SPF: {result}',
    detail:
      'HELO 名 {helo}（postmaster@{helo} として確認）の SPF の結果は {result} です。これは参考情報です。Gmail や DMARC は MAIL FROM の結果を使いますが、HELO 名も確認する受信側があり、バウンスメール（空の MAIL FROM）では HELO 名で SPF が判定されます。合格していない場合は、{helo} に {suggested} のような TXT レコードを公開すると合格します。',
    fix: null,
  },
  'spf.lookups-near-limit': {
    title: '{domain} の SPF レコードは DNS 参照を {lookups} 回使います（上限 10 回）',
    detail:
      '{domain} の SPF レコードを include 先まですべて評価すると、DNS 参照が {lookups} 回必要です。RFC 7208 の上限は 10 回で、超えると受信側は permerror とし、SPF はないものとして扱われます。新しいサービスの include を 1 つ追加するだけで上限を超えるおそれがあります。レコード: {record}',
    fix: '{domain} のレコードの DNS 参照を減らしてください。使っていないサービスの include を削除し、a や mx の項目はそれらが指すアドレスを ip4:／ip6: で記述し、ptr は使わないでください（RFC 7208 でも非推奨です）。',
  },
};
