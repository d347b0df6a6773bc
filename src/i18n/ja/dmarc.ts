import type { AreaCatalog } from '../types.js';

export const dmarc: AreaCatalog<'dmarc'> = {
  'dmarc.pass': {
    title: '{domain} の DMARC 認証に成功しています',
    detail:
      'From ドメイン {domain} は、アラインメントの取れた識別子で認証されています（SPF：{spfDomain}、DKIM：{dkimDomain}）。適用されるレコードは _dmarc.{recordDomain} のもので、ポリシーは {policy} です：{record}',
    fix: null,
  },
  'dmarc.none': {
    title: '{domain} に DMARC レコードがありません',
    detail:
      '{domain} に適用される DMARC レコードが、_dmarc.{domain} にも組織ドメイン {orgDomain} にも見つかりませんでした。このため受信側は、あなたの名前で送られて認証に失敗したメールの扱いを判断できず、あなたにはレポートも届きません。Gmail と Yahoo は 2024 年 2 月から、一括送信者に DMARC レコードを必須としています。',
    fix: '_dmarc.{orgDomain} に次の値の TXT レコードを公開してください：{suggestedRecord}（{orgDomain} とそのすべてのサブドメインに適用されます）。まず p=none で始めて集約レポートを確認し、その後 p=quarantine、さらに p=reject へ移行してください。',
  },
  'dmarc.invalid-record': {
    title: '{domain} の DMARC レコードが無効です',
    detail:
      '_dmarc.{recordDomain} の TXT レコードは DMARC のように見えますが、有効なポリシーを示していないため、受信側はレコードがないものとして扱います：{records}。レコードは 1 件だけにし、v=DMARC1（大文字・小文字もこのとおり）で始め、p= に none、quarantine、reject のいずれかを指定する必要があります（sp= と np= を書く場合も、このいずれかの値にします）。',
    fix: 'これらを、_dmarc.{recordDomain} の次の TXT レコード 1 件に置き換えてください：{suggestedRecord}',
  },
  'dmarc.fail': {
    title: '{domain} の DMARC 認証に失敗しています',
    detail:
      '認証に成功した識別子のうち、From ドメイン {domain} とアラインメントが取れているものがありません（aspf={aspf}、adkim={adkim}）。SPF：{spfDomain} に対して {spfResult}。成功した DKIM 署名（d=）：{dkimDomains}。_dmarc.{recordDomain} のレコードのポリシーは {policy} で、これに従う受信側はこのメールを次のように扱います：{disposition}（none：通常どおり配信、quarantine：迷惑メールフォルダ、reject：受信拒否）。',
    fix: '少なくとも 1 つの識別子を {domain} にそろえてください。DKIM（転送されても維持されるため推奨）：自ドメインの鍵で d={domain} として署名し、公開鍵を <selector>._domainkey.{domain} の TXT レコードとして公開します。または SPF：MAIL FROM（Return-Path）を @{domain} のアドレスにし、{domain} の SPF レコードに {spfMechanism} を追加します。adkim=r / aspf=r の場合は {orgDomain} 配下の任意の名前でもアラインメントが取れますが、s の場合は {domain} と完全に一致する必要があります。',
  },
  'dmarc.temperror': {
    title: '{domain} の DMARC を確認できませんでした（DNS エラー）',
    detail:
      'DMARC の評価に必要な DNS 問い合わせに応答がありませんでした：{error}。この状態になった受信側は、通常メールの受け取りを保留し、後で再試行します。',
    fix: '{orgDomain} のネームサーバーが、_dmarc.{domain} と _dmarc.{orgDomain} への TXT 問い合わせに素早く確実に応答する（タイムアウトや SERVFAIL にならない）ことを確認してから、もう一度テストメールを送信してください。',
  },
  'dmarc.no-author-domain': {
    title: 'From のドメインが 1 つに定まらないため、DMARC を評価できません',
    detail:
      'DMARC では、From フィールドが 1 つだけで、そのアドレスがすべて同じドメインである必要があります（RFC 9989 5.3.1）。このメールには From フィールドが {fromFields} 個、アドレスが {mailboxes} 個あり、ドメインは {domains} です。受信側はこのようなメールを不審なものとして扱い、多くは受信を拒否します。',
    fix: 'From フィールドは 1 つだけにし、自ドメインのアドレスを 1 つだけ入れてください（例：From: 送信者名 <news@example.com>）。ほかの人のアドレスは Reply-To または Sender に入れてください。',
  },
  'dmarc.policy-none': {
    title: '{domain} の DMARC ポリシーは監視のみです（{applied}）',
    detail:
      '_dmarc.{recordDomain} のレコード（{record}）は、DMARC に失敗したメールを特別に扱わないよう受信側に求めているため、今も誰でも {domain} を名乗ってメールを送れます。p=none はレポートを確認する間の最初の段階としては適切ですが、なりすましを防ぐ効果はありません。',
    fix: '集約レポートで正規のメールがすべて DMARC に成功していることを確認できたら、_dmarc.{recordDomain} のレコードを次のように変更してポリシーを強化してください：{suggestedRecord}。その後、reject へ移行してください。',
  },
  'dmarc.no-reports': {
    title: '{domain} の DMARC レコードがレポートを要求していません',
    detail:
      '_dmarc.{recordDomain} のレコード（{record}）に rua= タグがないため、受信側から集約レポートが送られてきません。誰が {domain} を名乗って送信しているのか、自社のメールのどれが失敗しているのかを把握できません。',
    fix: '_dmarc.{recordDomain} のレコードに集約レポートの送信先を追加してください：{suggestedRecord}（メールボックス {reportAddress} が実在している必要があります。DMARC レポート解析サービスのアドレスも指定できます）。',
  },
};
