/**
 * 「Gmail / Yahoo / Outlook.com の送信者要件」セクションの文言。`why` は各社が公開しているガイドライン
 * （Google のメール送信者のガイドライン、Yahoo の Sender Best Practices、Microsoft の Outlook.com 大量送信者向け要件（2025 年））の要約です。
 */
import type { RequirementCatalog } from '../../report/requirements.js';

const DNS_HICCUP = 'DNS の問い合わせが一時的に失敗したため判定できません。もう一度メールを送ってください。';
const NOT_MARKETING =
  'このメールは購読型・マーケティングメールには見えません。トランザクションメール（領収書、パスワード再設定など）は対象外です。';

export const requirements: RequirementCatalog = {
  'spf-or-dkim': {
    title: 'SPF または DKIM が成功している',
    why: {
      gmail:
        'Google はすべての送信者に、ドメインの SPF または DKIM の設定を求めています。認証によって Gmail はメールが本当にあなたから届いたと確認でき、認証のないメールは拒否されたり迷惑メールになったりします。',
      yahoo:
        'Yahoo はすべての送信者に SPF または DKIM での認証を求めています。ドメインの評価をあなただけのものにし、なりすましに使われないようにするためです。',
    },
    reasons: {
      both: 'SPF と DKIM の両方が成功しています。',
      'spf-only': 'SPF は成功していますが、成功した DKIM 署名はありません。',
      'dkim-only': 'DKIM 署名は成功していますが、SPF は成功していません。',
      neither: 'SPF も DKIM 署名も成功していません。',
      unknown: DNS_HICCUP,
    },
  },
  ptr: {
    title: '送信元 IP に正引きで一致する PTR レコードがある',
    why: {
      gmail:
        'Google は送信元 IP に正しい正引き・逆引き DNS（PTR レコード）を求めています。サーバーが名乗るとおりのものかを Gmail が確かめる手段です。',
      yahoo:
        'Yahoo は送信元 IP に正しい正引き・逆引き DNS を求めています。これがない IP からのメールは、感染した家庭用パソコンからのメールのように見えます。',
    },
    reasons: {
      confirmed: 'PTR の名前 {ptr} は送信元 IP に正引きで一致します。',
      'no-ptr': '送信元 IP に PTR レコードがありません。',
      'not-confirmed': 'PTR の名前（{ptr}）を正引きしても送信元 IP になりません。',
      'private-ip':
        'プライベートアドレスから届いたメールです。この要件はインターネットへ送信するサーバーに適用されますが、このテストではそのサーバーは見えていません。',
      unknown: DNS_HICCUP,
    },
  },
  tls: {
    title: 'TLS で配送されている',
    why: {
      gmail:
        'Google は送信者に、メールの送信に TLS 接続を使うよう求めています。Gmail は暗号化されていないメールに赤い開いた南京錠を表示します。',
    },
    reasons: {
      tls: 'このメールは TLS で届きました。',
      outdated: 'TLS は使われていますが、古いバージョン（{protocol}）です。',
      none: 'このメールは暗号化されずに届きました。',
    },
  },
  format: {
    title: 'RFC 5322 に沿った形式である',
    why: {
      gmail:
        'Google はメールをインターネットメッセージ形式（RFC 5322）に沿って作るよう求めています。Message-ID がない、From が 2 つあるなど、これに反するメールを Gmail は拒否するか迷惑メールにします。',
      yahoo: 'Yahoo は送信者に RFC 5321 と RFC 5322 への準拠を求めています。',
    },
    reasons: {
      clean: 'RFC 5322 に反する点は見つかりませんでした。',
      faults: '問題点: {faults}。',
    },
  },
  'freemail-from': {
    title: 'Gmail や Yahoo の From アドレスを他所から送っていない',
    why: {
      gmail:
        'Google は Gmail の From アドレスを詐称しないよう求めています。gmail.com には DMARC の quarantine ポリシーがあるため、そのようなメールはどこでも迷惑メールになります。',
      yahoo:
        'Yahoo は自社ドメインに DMARC p=reject を公開しています。Yahoo のサーバーを通らずに送られた Yahoo の From アドレスのメールは拒否されます。',
    },
    reasons: {
      'own-domain':
        'From アドレスは自社ドメインに DMARC を適用しているプロバイダーのものではないか、このメールは DMARC に合格しています。',
      freemail:
        'From は {domain} のアドレスですが、{provider} を通って送られていません（DMARC が合格しません）。',
    },
  },
  'spam-rate': {
    title: '迷惑メール報告率が 0.3% 未満である',
    why: {
      gmail:
        'Google は Postmaster Tools の迷惑メール率を 0.1% 未満に保ち、0.3% に達しないよう求めています。それを超えると Gmail はより多くのメールを振り分けます。',
      yahoo: 'Yahoo は迷惑メール報告率を 0.3% 未満に保つよう求めています。',
    },
    reasons: {
      'not-measurable':
        'メール 1 通から報告率は分かりません。Google Postmaster Tools と Yahoo の Complaint Feedback Loop で確認してください。',
    },
  },
  'spf-and-dkim': {
    title: 'SPF と DKIM の両方が成功している',
    why: {
      gmail: 'Google は一斉送信者に、ドメインの SPF と DKIM の両方の設定を必須としています。',
      yahoo: 'Yahoo は一斉送信者に、SPF と DKIM の両方での認証を必須としています。',
      outlook:
        'Microsoft は Outlook.com への大量送信者に SPF と DKIM の両方の成功を必須としています。満たさないメールは迷惑メールフォルダに送られ、その後は拒否されます（550 5.7.515）。',
    },
    reasons: {
      both: 'SPF と DKIM の両方が成功しています。',
      'spf-only': 'SPF は成功していますが、成功した DKIM 署名はありません。',
      'dkim-only': 'DKIM 署名は成功していますが、SPF は成功していません。',
      neither: 'SPF も DKIM 署名も成功していません。',
      unknown: DNS_HICCUP,
    },
  },
  'dmarc-record': {
    title: 'DMARC レコード（p=none 以上）がある',
    why: {
      gmail:
        'Google は一斉送信者にドメインの DMARC の公開を必須としています。ポリシーは none でもよいため、始めるのに負担はありません。',
      yahoo: 'Yahoo は一斉送信者に、p=none 以上の有効な DMARC ポリシーの公開を必須としています。',
      outlook:
        'Microsoft は大量送信者に p=none 以上の DMARC の公開を必須としています。ない場合、Outlook.com はメールを迷惑メールフォルダに送り、その後は拒否します。',
    },
    reasons: {
      published: '{domain} には p={policy} の DMARC レコードが適用されます。',
      none: '{domain} の DMARC レコードがありません。',
      invalid: '{domain} の DMARC レコードは無効で、ないものとして扱われます。',
      unknown: DNS_HICCUP,
    },
  },
  'dmarc-aligned': {
    title: 'From が SPF または DKIM とアラインしている（DMARC アライメント）',
    why: {
      gmail:
        'Google は一斉送信メールの From ドメインが SPF または DKIM のドメインとアラインしていることを必須としています。これにより DMARC が合格できます。',
      yahoo:
        'Yahoo は一斉送信メールに DMARC の合格を求めています。それには From ドメインとアラインした SPF または DKIM が必要です。',
      outlook:
        'Microsoft は大量送信者に SPF または DKIM との DMARC アライメントを必須とし、両方を推奨しています。',
    },
    reasons: {
      both: 'SPF（{spfDomain}）と DKIM（{dkimDomains}）の両方が {domain} とアラインして成功しています。',
      spf: 'SPF は {spfDomain} で成功し、{domain} とアラインしています。',
      dkim: '{dkimDomains} の DKIM 署名が成功し、{domain} とアラインしています。',
      'not-aligned':
        'SPF のドメイン（{spfDomain}）も、成功した DKIM のドメイン（{dkimDomains}）も、From のドメイン {domain} とアラインしていません。',
      unknown: DNS_HICCUP,
    },
  },
  'one-click-unsubscribe': {
    title: 'ワンクリック配信停止（RFC 8058）',
    why: {
      gmail:
        'Google は一斉送信者のマーケティング・購読型メールにワンクリック配信停止への対応と、配信停止依頼の 2 日以内の処理を必須としています。',
      yahoo:
        'Yahoo は一斉送信者にワンクリック配信停止（RFC 8058）への対応と、2 日以内の処理を必須としています。',
    },
    reasons: {
      valid: 'List-Unsubscribe と List-Unsubscribe-Post があり、{signedBy} が署名しています。',
      missing: 'List-Unsubscribe ヘッダーがありません。',
      malformed: 'List-Unsubscribe に使えるアドレスがありません。',
      absent:
        'List-Unsubscribe に「List-Unsubscribe-Post: List-Unsubscribe=One-Click」が添えられていません。',
      'bad-value': 'List-Unsubscribe-Post の値が List-Unsubscribe=One-Click ではありません。',
      'no-https': 'List-Unsubscribe にワンクリック用の https の URL がありません。',
      'not-signed': '両方のフィールドを対象にした、成功している DKIM 署名がありません。',
      'not-marketing': NOT_MARKETING,
    },
  },
  'visible-unsubscribe': {
    title: '本文に分かりやすい配信停止リンクがある',
    why: {
      gmail:
        'Google はマーケティングメールの本文に、分かりやすい配信停止リンクを置くことを必須としています。',
      yahoo: 'Yahoo はマーケティングメールの本文に、分かりやすい配信停止リンクを置くことを必須としています。',
      outlook:
        'Microsoft は大量送信者に、受信者が簡単に配信を停止できるよう、すべてのメールに機能する配信停止リンクを置くことを推奨しています。',
    },
    reasons: {
      link: '配信停止リンク:「{evidence}」。',
      text: '配信停止の案内:「{evidence}」。',
      none: '本文に配信停止のリンクや文言が見つかりませんでした。',
      'not-marketing': NOT_MARKETING,
    },
  },
};
