import type { AreaCatalog } from '../types.js';

const FETCH_REASONS = {
  dns: 'ポリシーのホスト名に DNS のアドレスがありません',
  'private-address':
    'ポリシーのホスト名がプライベートまたは予約済みのアドレスを指しており、インターネット上の送信サーバーからは到達できません（このようなアドレスには接続しません）',
  timeout: 'サーバーが時間内に応答しませんでした',
  connection: '接続または TLS ハンドシェイクに失敗しました',
  redirect:
    'サーバーがリダイレクトで応答しました。RFC 8461 では、ポリシーの取得時に送信側がリダイレクトをたどることを禁じています',
  'http-status': 'サーバーがステータス 200 で応答しませんでした',
  'too-large': 'ファイルが読み取る上限より大きすぎます（ポリシーは通常数百バイトです）',
};

const POLICY_PROBLEMS = {
  'content-type': 'Content-Type: text/plain で配信されていません',
  syntax: '「key: value」の形になっていない行があります',
  version: 'version の行がないか、「version: STSv1」になっていません',
  mode: 'mode の行がないか、enforce、testing、none のいずれでもありません',
  'max-age': 'max_age がないか、数値でないか、31557600（1 年）を超えています',
  'mx-missing': 'mx の行がないため、どの MX ホストも一致しません',
  'mx-syntax': 'ホスト名になっていない mx の行があります（ワイルドカードは先頭の「*.」のみ使えます）',
};

export const mtaSts: AreaCatalog<'mtaSts'> = {
  'mtaSts.enforce': {
    title: '{domain} の MTA-STS は enforce で運用されています',
    detail:
      '_mta-sts レコードとポリシーは正しく、モードは enforce で、すべての MX ホストがパターン（{patterns}）に一致します。MTA-STS に対応した送信サーバー（Gmail、Microsoft、Yahoo など）は、ポリシーの取得後 {maxAge} 秒間、有効な証明書による TLS でのみ {domain} に配送します。',
    fix: null,
  },
  'mtaSts.none': {
    title: '{domain} に MTA-STS が設定されていません',
    detail:
      '{domain} 宛てのメールの暗号化は日和見的なものにとどまります。経路上の攻撃者が STARTTLS を取り除いたり接続先をすり替えたりすると、送信サーバーは平文のまま配送してしまいます。MTA-STS（RFC 8461）は、MX ホストへの配送に有効な証明書による TLS を必須とするよう送信側に伝える仕組みです。任意の設定で、影響するのは受信するメールだけです。',
    fix: '失敗しそうな配送をレポートで知らせる TLS-RPT と合わせて、まず testing モードで始めてください。(1) {suggested} を公開します。(2) 次の内容のファイルを、{host} に有効な証明書を使った HTTPS で、Content-Type: text/plain として {url} に置きます。\n{policy}\n(3) {suggestedRecord} を公開します（宛先のメールボックスが存在している必要があります）。数週間レポートに失敗がなければ、ポリシーを mode: enforce に変更し、id を更新してください。',
  },
  'mtaSts.testing': {
    title: '{domain} の MTA-STS は testing モードです',
    detail:
      '{url} のポリシーは testing モードです。送信側は TLS の失敗を報告します（TLS-RPT を設定している場合）が、TLS なしでも配送を続けます。最初の段階としては正しい設定ですが、まだメールは保護されていません。',
    fix: 'TLS-RPT のレポートに失敗がないことを確認したら、{url} のポリシーを次の内容にしてください。\n{policy}\nあわせて、送信側がポリシーを取得し直すようレコードの id を変更してください: {suggested}',
  },
  'mtaSts.mode-none': {
    title: '{domain} の MTA-STS ポリシーは取り下げられています（mode: none）',
    detail:
      '{url} のポリシーは mode: none で、以前のポリシーを破棄するよう送信側に伝えています。MTA-STS を停止する正しい方法ですが、この状態の間、{domain} 宛てのメールは日和見的な TLS 以上には保護されません。',
    fix: null,
  },
  'mtaSts.record-multiple': {
    title: '{domain} に MTA-STS レコードが {count} 件あります',
    detail:
      '_mta-sts.{domain} に v=STSv1 で始まる TXT レコードが {count} 件あります: {records}。この場合 RFC 8461 では送信側が MTA-STS を完全に無視するため、設定済みに見えてもドメインは保護されていません。',
    fix: '_mta-sts.{domain} の TXT レコードを 1 件だけにしてください。例: {suggested}',
  },
  'mtaSts.record-syntax': {
    title: '{domain} の MTA-STS レコードが正しくありません',
    detail:
      '_mta-sts.{domain} のレコードは {record} です。「v=STSv1; id=」に続けて 1～32 文字の英数字を書く必要があります（ほかのフィールドは name=value の形で「;」で区切ります）。送信側は正しくないレコードを無視するため、ドメインは保護されていません。',
    fix: '次のレコードに置き換えてください: {suggested}',
  },
  'mtaSts.policy-unreachable': {
    title: 'MTA-STS ポリシーを取得できませんでした',
    detail:
      '_mta-sts レコードはポリシーがあることを示していますが、{url} の取得に失敗しました: {reason}（詳細: {detail}）。この場合、送信側はポリシーがないものとして扱います。ドメインは保護されているように見えますが、MTA-STS は機能していません。',
    fix: '{url} でポリシーを直接配信してください。{host} が公開アドレスに解決され、サーバーがポート 443 でリダイレクトなしにステータス 200、Content-Type: text/plain で応答する必要があります。MTA-STS をやめる場合は _mta-sts レコードを削除してください。',
    values: { reason: FETCH_REASONS },
  },
  'mtaSts.policy-certificate': {
    title: '{host} の証明書が有効ではありません',
    detail:
      '{url} の HTTPS サーバーが提示した証明書を検証できません（{code}）。期限切れ、自己署名、不明な認証局による発行、または別の名前用の証明書です。送信側はこのようなポリシーを拒否しなければならないため、このドメインでは MTA-STS が機能していません。',
    fix: "公的な認証局（Let's Encrypt など）が発行した {host} の証明書を中間証明書も含めてインストールし、自動で更新されるようにしてください。",
  },
  'mtaSts.policy-invalid': {
    title: 'MTA-STS ポリシーが正しくありません',
    detail:
      '{url} のポリシーは RFC 8461 に違反しています: {reason}。見つかった問題の一覧: {problems}（Content-Type: {contentType}）。送信側は解釈できないポリシーを無視するため、MTA-STS は機能していません。',
    fix: 'ポリシーをプレーンテキスト（Content-Type: text/plain）で、1 行に 1 つ「key: value」の形で配信してください。例:\n{policy}\nあわせて、送信側がポリシーを取得し直すようレコードの id を変更してください: {suggested}',
    values: { reason: POLICY_PROBLEMS },
  },
  'mtaSts.policy-not-checked': {
    title: 'MTA-STS ポリシーは取得していません',
    detail: 'この監査では HTTPS での取得が無効になっているため、{url} のポリシーは確認していません。',
    fix: null,
  },
  'mtaSts.mx-not-covered': {
    title: '{domain} の MX ホストが MTA-STS ポリシーに含まれていません',
    detail:
      '{url} のポリシーは enforce ですが、次の MX ホストはどの mx パターン（{patterns}）にも一致しません: {hosts}。MTA-STS を適用する送信側はこれらのホストへの配送を拒否するため、そこへ向かうメールは遅延するか返送されます。「*.example.com」のようなパターンは 1 階層下の名前にだけ一致し、それより深い名前には一致しません。',
    fix: '{url} のポリシーに不足しているホストを追加してください。\n{policy}\nあわせて、送信側がポリシーを取得し直すようレコードの id を変更してください: {suggested}',
  },
  'mtaSts.mx-not-covered-testing': {
    title: '{domain} の MX ホストが MTA-STS ポリシーに含まれていません（testing モード）',
    detail:
      '次の MX ホストは {url} のポリシーのどの mx パターン（{patterns}）にも一致しません: {hosts}。testing モードでは送信側が報告するだけですが、このまま enforce に切り替えるとこれらのホストへの配送が止まります。',
    fix: 'enforce にする前に、{url} のポリシーに不足しているホストを追加してください。\n{policy}\nあわせてレコードの id を変更してください: {suggested}',
  },
  'mtaSts.max-age-short': {
    title: 'MTA-STS の max_age が短すぎます（{maxAge} 秒）',
    detail:
      '送信側は {url} のポリシーを {maxAge} 秒間保持します。{minimum} 秒（1 日）未満では取得と取得の間にポリシーが期限切れになり、その間のメールは保護されません。RFC 8461 では数週間程度を推奨しています。',
    fix: 'max_age を長くしてください（例: 1 週間）。\n{policy}\nあわせてレコードの id を変更してください: {suggested}',
  },
  'mtaSts.error': {
    title: '{domain} の MTA-STS を確認できませんでした（DNS エラー）',
    detail: '_mta-sts.{domain} の TXT レコードの問い合わせに応答がありませんでした: {code}。',
    fix: null,
  },
};
