import type { AreaCatalog } from '../types.js';

export const iprev: AreaCatalog<'iprev'> = {
  'iprev.pass': {
    title: '逆引き DNS を確認できました（{ip} → {name}）',
    detail:
      '{ip} の PTR レコードは {ptr} を指しており、{confirmed} を正引きすると {ip} に戻ります（正引きで確認された逆引き DNS、RFC 8601 の iprev: pass）。',
    fix: null,
  },
  'iprev.no-ptr': {
    title: '{ip} に逆引き DNS（PTR レコード）がありません',
    detail:
      '{reverseName} に PTR レコードがありません（iprev: permerror）。Gmail は送信元 IP アドレスに PTR レコードを必須としており、ない場合はメールを拒否するか迷惑メールとして扱います。ほかの大手受信サービスも同様です。',
    fix: '{ip} を管理している事業者（ホスティング事業者やプロバイダー。逆引きゾーンを変更できるのはその管理者だけです）に、PTR レコード「{reverseName}. PTR {host}.」の設定を依頼してください。あわせて、ご自身の DNS に「{host}. {addressType} {ip}」を登録し、名前から IP アドレスに戻れるようにしてください。',
  },
  'iprev.not-confirmed': {
    title: '{ip} の逆引き DNS が正引きで一致しません',
    detail:
      '{ip} の PTR レコードは {ptr} を指していますが、どの名前を正引きしても {ip} になりません（正引きの結果: {addresses}、iprev: fail）。Gmail などの受信側は、PTR の名前に同じ IP アドレスの {addressType} レコードがあること（FCrDNS）を求めています。',
    fix: '{name} の DNS ゾーンに「{name}. {addressType} {ip}」を登録してください。{name} がご自身の管理する名前でない場合は、{ip} を管理している事業者（ホスティング事業者など）に PTR レコードをご自身の名前「{reverseName}. PTR {host}.」へ変更するよう依頼し、「{host}. {addressType} {ip}」を登録してください。',
  },
  'iprev.temperror': {
    title: '{ip} の逆引き DNS を確認できませんでした',
    detail:
      '{ip} の逆引き DNS の問い合わせが失敗したため（{error}）、PTR の名前が {ip} に戻るかどうかは不明です（iprev: temperror）。受信側で同じ失敗が起きると、メールの受信は保留または拒否されます。',
    fix: '{ip} の逆引きゾーンのネームサーバーと、PTR の指す名前のネームサーバーが応答することを確認してください。「dig -x {ip}」で PTR レコードが 1 秒以内に返るのが目安です。そのうえで再度テストしてください。',
  },
  'iprev.generic': {
    title: 'PTR の名前 {name} が汎用的な名前に見えます',
    detail:
      '{name} には {signs} が含まれています。これはプロバイダーが動的 IP、家庭向け回線、未設定のアドレスなどに一括で付ける名前の特徴です。受信側やブロックリストは、このような名前からのメールを、メールサーバーではなく管理されていないホストからのものとして扱います。',
    fix: '{ip} を管理している事業者（ホスティング事業者やプロバイダー）に、PTR レコードをメールサーバーの名前「{reverseName}. PTR {host}.」へ変更するよう依頼し、「{host}. {addressType} {ip}」を登録してください。',
  },
  'iprev.not-public': {
    title: '接続元 IP {ip} はグローバルアドレスではありません',
    detail:
      '{ip} はインターネットで経路制御されない範囲 {block}（{rfc}）のアドレスのため、逆引き DNS は確認していません。自社ネットワークの内部からテストメールを送った場合に表示されます。',
    fix: null,
  },
  'iprev.sending-ip-invalid': {
    title: '{ip} は IP アドレスではありません',
    detail:
      '監査に指定された送信 IP が IPv4 または IPv6 のアドレスではないため、逆引きとブロックリストへの掲載は確認していません。',
    fix: 'メールサーバーが送信に使うパブリックな IP アドレスを指定してください（例: 192.0.2.10、2001:db8::10）。',
  },
  'iprev.sending-ip-not-public': {
    title: '送信 IP {ip} はパブリックアドレスではありません',
    detail:
      '{ip} は {block}（{rfc}）の範囲にあり、インターネットでは経路がありません。受信側がこのアドレスからメールを受け取ることはなく、どのブロックリストにも載りません。逆引きとブロックリストへの掲載は確認していません。',
    fix: 'メールが送り出されるパブリックアドレス、つまり受信側から見えるアドレスを指定してください。受信サーバーが付ける Received ヘッダーに書かれています（Gmail では「メッセージのソースを表示」）。',
  },
};
