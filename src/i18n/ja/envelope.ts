import type { AreaCatalog } from '../types.js';

export const envelope: AreaCatalog<'envelope'> = {
  'envelope.from-received': {
    title: '送信元 IP {ip} を Received ヘッダー（上から {header} 番目）から読み取りました',
    detail:
      '送信元 IP が指定されなかったため、Received ヘッダーから読み取りました。メールを中継したサーバーはそれぞれ先頭に Received ヘッダーを追加するので、上のほうはご自身のシステムが追加したものです。上から順に、ご自身のシステム内とみなしたヘッダー {skipped} 件（アドレスのない受け渡し、プライベートまたは予約済みのアドレス、信頼する中継として指定したもの）を飛ばし、サーバーが受け取った相手として記録した最初のグローバルアドレスを使いました。上から {header} 番目のヘッダー「{field}」です。{taken}これより下のヘッダーは送信者が自由に書けるため、使っていません。',
    fix: 'これがご自身のシステムにメールを届けたサーバーでない場合は、そのアドレスを指定してください（mailscore analyze --ip <アドレス>、API では POST /api/analyze?ip=<アドレス>）。ご自身の中継サーバーである場合は、--trusted-relay <IP|CIDR|ホスト名>（API では ?trustedRelay=）で指定すると飛ばします。',
    values: {
      taken: {
        'helo-tls': 'このヘッダーの HELO 名と TLS の記録もあわせて使いました。',
        helo: 'このヘッダーの HELO 名もあわせて使いました。',
        tls: 'このヘッダーの TLS の記録もあわせて使いました。',
        none: 'このヘッダーからはほかに何も使っていません。',
      },
    },
  },
};
