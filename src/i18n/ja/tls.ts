import type { AreaCatalog } from '../types.js';

export const tls: AreaCatalog<'tls'> = {
  'tls.pass': {
    title: 'TLS（{protocol}）で配送されています',
    detail: 'このメールは {protocol}（{cipher}）で暗号化されて届きました。',
    fix: null,
  },
  'tls.none': {
    title: 'TLS なしで配送されています',
    detail:
      'このメールは暗号化されずに届きました。Gmail ではこのようなメールに赤い開いた南京錠が表示され、経路上の第三者が内容を読んだり改ざんしたりできます。',
    fix: '{domain} のメールを送信するサーバーで STARTTLS を有効にし、受信側が対応していれば必ず TLS を使うよう設定してください（Postfix の場合: smtp_tls_security_level = may）。',
  },
  'tls.old': {
    title: '古い TLS バージョン（{protocol}）で配送されています',
    detail:
      '{protocol} は廃止されたバージョンです（RFC 8996）。受信側や監査では暗号化なしと同等に扱われます。',
    fix: '{domain} の送信サーバーで TLS 1.2 と 1.3 のみを許可してください（Postfix の場合: smtp_tls_protocols = >=TLSv1.2）。対応できない場合は TLS ライブラリを更新してください。',
  },
};
