import type { AreaCatalog } from '../types.js';

export const tlsRpt: AreaCatalog<'tlsRpt'> = {
  'tlsRpt.pass': {
    title: '{domain} に TLS レポート（TLS-RPT）が設定されています',
    detail:
      'TLS-RPT に対応した送信サーバー（Gmail、Microsoft など）が、{domain} 宛てのメールの TLS の成功と失敗を毎日 {rua} に報告します。',
    fix: null,
  },
  'tlsRpt.none': {
    title: '{domain} に TLS レポート（TLS-RPT）が設定されていません',
    detail:
      'TLS-RPT レコード（RFC 8460）がないと、送信サーバーが MX ホストに TLS で接続できなかったことや、MTA-STS ポリシーが配送を妨げていることに気づけません。任意の設定ですが、MTA-STS と組み合わせると特に役立ちます。',
    fix: '{suggested} を公開してください（宛先のメールボックスが存在し、レポートサービスなどで読める必要があります。https: のアドレスも使えます）。',
  },
  'tlsRpt.record-multiple': {
    title: '{domain} に TLS-RPT レコードが {count} 件あります',
    detail:
      '_smtp._tls.{domain} に v=TLSRPTv1 で始まる TXT レコードが {count} 件あります: {records}。この場合 RFC 8460 では送信側はレポートを送りません。',
    fix: '_smtp._tls.{domain} のレコードを 1 件だけにし、宛先はすべて 1 つの rua= タグにカンマ区切りで並べてください。例: {suggested}',
  },
  'tlsRpt.record-syntax': {
    title: '{domain} の TLS-RPT レコードが正しくありません',
    detail:
      '_smtp._tls.{domain} のレコードは {record} です: {reason}。送信側は正しくないレコードを無視し、レポートを送りません。',
    fix: '正しいレコードに置き換えてください。例: {suggested}',
    values: {
      reason: {
        syntax: '「v=TLSRPTv1;」に続けて、「;」で区切った name=value のフィールドを書く必要があります',
        'no-rua': 'rua= タグがないため、レポートの送り先がありません',
        'bad-uri': 'rua= のアドレスが mailto:<アドレス> の形でも https: の URL でもありません',
      },
    },
  },
  'tlsRpt.error': {
    title: '{domain} の TLS-RPT を確認できませんでした（DNS エラー）',
    detail: '_smtp._tls.{domain} の TXT レコードの問い合わせに応答がありませんでした: {code}。',
    fix: null,
  },
};
