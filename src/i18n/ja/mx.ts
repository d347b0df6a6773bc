import type { AreaCatalog } from '../types.js';

export const mx: AreaCatalog<'mx'> = {
  'mx.pass': {
    title: '{domain} の MX レコード: メールを受信できるホストが {count} 台あります',
    detail: '{domain} 宛てのメールは {hosts} に届きます。どのホストにもパブリックなアドレスがあります。',
    fix: null,
  },
  'mx.none': {
    title: '{domain} には MX レコードもアドレスもありません',
    detail:
      '{domain} は MX レコードも A・AAAA レコードも公開していないため、このドメインにはメールを配送できません。送信したメールのバウンスや、{domain} のアドレス宛ての DMARC レポートは失われます。また、送信者のドメインを確認する受信側（Postfix の reject_unknown_sender_domain など）は、エンベロープ送信者が {domain} のメールを拒否します。',
    fix: 'メールボックスを提供しているサービス、または自前のメールサーバーの MX レコードを公開してください（例:「{domain}. IN MX 10 mail.{domain}.」と、mail.{domain} の A レコード）。{domain} でメールを一切受信しない場合は、代わりに null MX「{domain}. IN MX 0 .」（RFC 7505）を公開し、バウンスを受け取れるドメインのエンベロープ送信者（Return-Path）で送信してください。',
  },
  'mx.implicit': {
    title: '{domain} には MX レコードがなく、メールは A レコードのホストに届きます',
    detail:
      'MX レコードがない場合、送信側は RFC 5321 5.1 に従って {domain} 自身のアドレス（{addresses}）に配送します。通常これはメールを受け付けない Web サーバーなので、{domain} のアドレス宛てのバウンスや DMARC レポートが失われるおそれがあります。',
    fix: '{domain} のメールを受信するサーバーの MX レコードを公開してください（例:「{domain}. IN MX 10 mail.{domain}.」）。{domain} でメールを受信しない場合は、null MX「{domain}. IN MX 0 .」（RFC 7505）を公開してください。',
  },
  'mx.null': {
    title: '{domain} は null MX を公開しています（メールを受信しません）',
    detail:
      '{domain} の MX レコードは「0 .」だけです（RFC 7505）。このドメインはメールを受け付けないと宣言しています。From にだけ使い、バウンスは別のドメイン（配信サービスの Return-Path）で受け取る場合は、これで正しい設定です。ただし、エンベロープ送信者（MAIL FROM）が {domain} のメールは受信側に拒否されることがあり（RFC 7505 4.2、応答コード 5.7.27）、{domain} のアドレス宛てには DMARC レポートも送れません。',
    fix: '{domain} のエンベロープ送信者で送信する場合や、{domain} のアドレスで DMARC レポートを受け取りたい場合は、null MX をメールボックスを提供しているサービスの MX レコードに置き換えてください。それ以外の場合は、対応は不要です。',
  },
  'mx.null-mixed': {
    title: 'null MX がほかの MX レコードと混在しています',
    detail:
      '{domain} は null MX「0 .」を、ほかの MX レコード（{hosts}）と一緒に公開しています。RFC 7505 3 では、null MX は唯一の MX レコードでなければなりません。このような混在の扱いは送信側によって異なり、ドメインがメールを一切受信しないとみなす送信側もあります。',
    fix: '「{domain}. IN MX 0 .」のレコードを削除し、実際の MX レコードだけを残してください（{domain} でメールを受信しない場合は、null MX だけを残してください）。',
  },
  'mx.too-many': {
    title: 'MX ホスト {count} 台のうち、最初の {checked} 台だけを確認しました',
    detail:
      '{domain} は {count} 台の MX ホストを公開しています。優先度の値が小さい {checked} 台を確認し、{skipped} は確認していません。',
    fix: null,
  },
  'mx.ip-literal': {
    title: 'MX レコードに IP アドレスが書かれています: {host}',
    detail:
      '{domain} の MX レコードには、ホスト名を書くべきところに IP アドレス {host} が書かれています（RFC 5321 5.1）。送信側はこれを名前として検索しても何も見つからず、配送できません。該当するホストは {hosts} です。',
    fix: 'サーバーに名前を付けて公開してください（「mail.{domain}. IN A <その IP アドレス>」と「{domain}. IN MX 10 mail.{domain}.」）。そのうえで、{host} を指している MX レコードを削除してください。',
  },
  'mx.invalid-name': {
    title: 'MX ホスト名 {host} が正しくありません',
    detail:
      '{domain} の MX レコードが指す {host} は、正しいホスト名（完全修飾名で、各ラベルが英数字と途中のハイフンだけからなり、localhost ではないもの）ではないため、送信側は配送できません。該当するホストは {hosts} です。',
    fix: 'MX レコードを、メールサーバーの実際のホスト名を指すものに置き換え（例:「{domain}. IN MX 10 mail.{domain}.」）、そのホストの A または AAAA レコードを公開してください。',
  },
  'mx.host-no-address': {
    title: 'MX ホスト {host} にアドレスがありません',
    detail:
      '{domain} の MX レコードが指す {host} には A・AAAA レコードがないため、送信側はこのホストに配送できず、ほかのホストがあればそちらに移ります。該当するホストは {hosts} です。',
    fix: '{host} のアドレスを公開するか（「{host}. IN A <IP アドレス>」）、もう存在しないホストの MX レコードを削除してください。',
  },
  'mx.private-address': {
    title: 'MX ホスト {host} のアドレスがプライベートアドレスです',
    detail:
      '{host} は {addresses} に解決されます。これはインターネットから到達できない範囲のアドレスなので、外部の送信側は配送できません。該当するホストは {hosts} です。',
    fix: 'メールサーバーのパブリックアドレスを公開 DNS に登録し（「{host}. IN A <パブリック IP>」）、内部アドレスは内部向けのゾーンにだけ置いてください。',
  },
  'mx.no-usable-host': {
    title: '{domain} はメールを受信できません（到達できる MX ホストがありません）',
    detail:
      '{domain} の MX ホスト（{hosts}）のどれにもパブリックなアドレスがないため、このドメインにはメールを配送できません。バウンスや DMARC レポートは失われ、送信者のドメインを確認する受信側はあなたのメールを拒否することがあります。',
    fix: '上の項目に従って MX ホストを修正するか、メールボックスを提供しているサービスの MX レコードを公開してください。{domain} でメールを受信しない場合は、null MX「{domain}. IN MX 0 .」（RFC 7505）だけを公開してください。',
  },
  'mx.cname': {
    title: 'MX ホスト {host} は別名（CNAME）です',
    detail:
      '{host} は {target} への CNAME です。RFC 2181 10.3 では、MX レコードの名前は別名ではなくホスト自身の名前でなければなりません。ほとんどの送信側は別名をたどりますが、検索が 1 回増え、厳格なソフトウェアは拒否することがあります。該当するホストは {hosts} です。',
    fix: 'MX レコードが実際の名前を指すようにしてください（「{domain}. IN MX <優先度> {target}.」、優先度は現在と同じ値）。',
  },
  'mx.no-fcrdns': {
    title: 'MX アドレス {ip} の逆引きが確認できません',
    detail:
      '{ip}（{host}）の PTR 名は {ptr} で、どれも {ip} に正引きで戻りません。受信には逆引きは不要ですが、このサーバーがメールを送信もする場合、受信側はそのメールを拒否するか迷惑メールとして扱います。逆引きが確認できないアドレスは {addresses} です。',
    fix: '{host} がメールを送信する場合は、{ip} を管理している事業者（ホスティング事業者など）に PTR レコードを {host} にするよう依頼し、{host} が {ip} に解決されることを確認してください。',
  },
  'mx.temperror': {
    title: '{names} の MX 関連の DNS 検索に失敗しました',
    detail:
      '{domain} のメール設定の DNS 検索が {names} で失敗したため（{error}）、メールを配送できるかどうかは不明です。同じ失敗に遭った送信側は、配送を後回しにします。',
    fix: '{domain} の権威 DNS サーバーが MX・A・AAAA の問い合わせに UDP と TCP の両方で速やかに応答することを確認してから、もう一度監査してください。',
  },
};
