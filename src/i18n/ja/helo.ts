import type { AreaCatalog } from '../types.js';

export const helo: AreaCatalog<'helo'> = {
  'helo.pass': {
    title: 'HELO 名 {helo} は名前解決できます',
    detail:
      'サーバーは {helo} と名乗りました。アドレスレコード（{addresses}）を持つ完全修飾ドメイン名（FQDN）で、RFC 5321 4.1.1.1 の求めるとおりです。',
    fix: null,
  },
  'helo.bad': {
    title: 'HELO 名 {helo} は不適切です',
    detail:
      'サーバーは {helo} と名乗りましたが、この名前はサーバーを表していません（{reason}）。RFC 5321 では、HELO にはクライアント自身の完全修飾ドメイン名（FQDN）か、角かっこで囲んだ自身の IP アドレス（アドレスリテラル）を使うことになっています。かっこのない IP アドレス、ドットのない名前、localhost、使えない文字を含む名前、別の IP アドレスのリテラル、名前解決できない名前は、多くの受信側で拒否または減点されます。',
    fix: 'メールを送信するサーバーが {host} と名乗るよう設定し（Postfix の場合: smtp_helo_name = {host}、Exim の場合: helo_data = {host}）、DNS に「{host}. {addressType} {ip}」を登録してください。',
    values: {
      reason: {
        'bare-ip': '角かっこのない IP アドレスです',
        'not-fqdn': '完全修飾ドメイン名（FQDN）ではありません',
        localhost: 'localhost は外部から名前解決できません',
        'invalid-characters': 'ホスト名に使えない文字を含んでいます',
        'too-long': 'ドメイン名の長さの上限を超えています',
        'invalid-literal': 'アドレスリテラルの形式が正しくありません',
        'literal-mismatch': '接続元とは別の IP アドレスのリテラルです',
        'no-address': 'A レコードも AAAA レコードもありません',
      },
    },
  },
  'helo.literal': {
    title: 'HELO がアドレスリテラル（{helo}）です',
    detail:
      'サーバーは名前ではなく IP アドレス {literal} で名乗りました。RFC 5321 では名前を持たないクライアントにだけ認められている形式で、受信側にとっては手がかりにならず、不審とみなす受信側もあります。',
    fix: 'サーバーに名前を付けてください。DNS に「{host}. {addressType} {ip}」を登録し、HELO 名を {host} に設定します（Postfix の場合: smtp_helo_name = {host}）。',
  },
  'helo.ptr-mismatch': {
    title: 'HELO 名 {helo} が PTR の名前と一致しません',
    detail:
      'サーバーは {helo} と名乗りましたが、{ip} の PTR レコードは {ptr} を指しています。両者の一致を期待する受信側もありますが、NAT や共用の中継サーバーではよくあることなので、減点はしていません。',
    fix: '両者を同じ名前にそろえてください。HELO 名を {name} に設定するか（Postfix の場合: smtp_helo_name = {name}）、{ip} を管理している事業者に PTR レコードを「{reverseName}. PTR {helo}.」へ変更するよう依頼します（その場合、{helo} も {ip} に名前解決できる必要があります）。',
  },
  'helo.missing': {
    title: 'HELO 名が指定されていません',
    detail:
      'このメールには HELO/EHLO 名の情報がないため（CLI では --helo で指定します）、名前は確認していません。',
    fix: null,
  },
  'helo.temperror': {
    title: 'HELO 名 {helo} を名前解決できませんでした',
    detail:
      '{helo} の A/AAAA レコードの問い合わせが失敗したため（{error}）、名前解決できるかどうかは不明です。失敗の原因がご自身の DNS ではなく経路上にある可能性もあるため、減点はしていません。',
    fix: '{helo} のネームサーバーが応答することを確認してください。「dig {helo} A」でアドレスが 1 秒以内に返るのが目安です。そのうえで再度テストしてください。',
  },
};
