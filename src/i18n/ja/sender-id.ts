import type { AreaCatalog } from '../types.js';

export const senderId: AreaCatalog<'senderId'> = {
  'senderId.pass': {
    title: '{pra} の Sender ID は合格（pass）です',
    detail:
      '責任者アドレス（PRA、RFC 4407）は {field} フィールドの {pra} で、{domain} の {scope} レコードは {ip} を許可しています（一致した機構: {mechanism}）。Sender ID は廃止された仕組みで（Microsoft が提供を終了し、現在の受信側は確認していません）、この結果は読者に表示されるドメインもこのサーバーを認めていることを示すだけです。',
    fix: null,
  },
  'senderId.fail': {
    title: '{pra} の Sender ID が不合格（fail）です',
    detail:
      '責任者アドレス（PRA）は {field} フィールドの {pra} で、{domain} の {scope} レコードは {ip} を許可していません（結果: {result}）。Sender ID は廃止された仕組みで、現在の受信側は使っていないため影響は小さいものの、{domain} が自ドメインのメールを送るサーバーを認めていないことを意味します。修正は簡単です。',
    fix: '{domain} のレコードでこのサーバーを許可してください。TXT レコードを次の内容に変更します: {suggested}',
  },
  'senderId.none': {
    title: '{domain} に Sender ID 用のレコードも SPF レコードもありません',
    detail:
      '責任者アドレスは {pra}（{field} フィールド）ですが、{domain} は spf2.0/pra レコードも v=spf1 レコードも公開していません。一方、エンベロープのドメイン {mailFromDomain} には SPF があります。Sender ID は廃止された仕組みで（Microsoft が提供を終了）、現在の受信側は使っていませんが、読者に表示されるドメインに自身の SPF がないと、なりすましが容易になります。',
    fix: '{domain} に次の値の TXT レコードを公開してください: {suggested} ほかにも {domain} として送信するサーバーがあれば、-all の前に追加してください。これで {domain} 自身の SPF にもなります。',
  },
  'senderId.not-applicable': {
    title: 'Sender ID: 確認するレコードがありません',
    detail:
      '{domain}（責任者アドレス {pra} のドメイン）にも、エンベロープのドメインにも SPF や Sender ID のレコードがないため、Sender ID では評価できません。公開すべき内容は SPF の項目を参照してください。Sender ID 自体は廃止された仕組みで、受信側は使っていません。',
    fix: null,
  },
  'senderId.weak': {
    title: '{pra} の Sender ID: {result}',
    detail:
      '責任者アドレス {pra}（{field} フィールド）のドメイン {domain} の {scope} レコードは、{ip} を明確に許可も拒否もしていません（結果: {result}）。Sender ID は廃止された仕組みで受信側は使っていないため、参考として表示しています。',
    fix: '合格させるには、{domain} の TXT レコードを次の内容に変更してください: {suggested}',
  },
  'senderId.error': {
    title: '{domain} の Sender ID: {result}',
    detail:
      '責任者アドレス {pra} について {domain} の {scope} レコードを評価した結果、{result} になりました: {reason}。Sender ID は廃止された仕組みで受信側は使っていないため、減点はしていません。',
    fix: '{domain} のレコードに誤りがある場合は修正してください（レコード: {record}）。temperror は、DNS サーバーが再び応答すれば解消します。',
  },
  'senderId.no-pra': {
    title: 'Sender ID: 責任者アドレス（PRA）を特定できません',
    detail:
      'RFC 4407 では、責任者アドレスを最初の Resent-Sender、Resent-From、Sender、From フィールドから取り出します。このメールでは {field} フィールドがないか、重複しているか、ドメイン付きのアドレスを 1 つだけ含む形になっていないため（{value}）、Sender ID は permerror になります。Sender ID 自体は廃止された仕組みです。ヘッダーの修正点は形式の項目を参照してください。',
    fix: null,
  },
};
