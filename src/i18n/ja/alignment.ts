import type { AreaCatalog } from '../types.js';

export const alignment: AreaCatalog<'alignment'> = {
  'alignment.aligned': {
    title: '送信に使われるすべての識別子が {orgDomain} に属しています',
    detail:
      'From（{fromDomain}）と、確認した識別子（{aligned}）はすべて組織ドメイン {orgDomain} に属しており、DKIM 署名も作成者自身のものです。受信側はこのメールとその評価（レピュテーション）を、あなたのドメインだけに結び付けます。',
    fix: null,
  },
  'alignment.partial': {
    title: '送信に使われる識別子の一部が {orgDomain} に属していません',
    detail:
      'From は {fromDomain} ですが、次の識別子は別の組織ドメインに属しているか、存在しません（現在 → 推奨）：{changes}。Gmail などの受信側はドメインごとに評価（レピュテーション）を管理しています。送信サービスのドメインが使われていると、あなたのメールはそのサービスの評価を共有することになり、DMARC もアラインメントの取れた識別子しか利用できません。',
    fix: '一覧の各識別子を自ドメインに移してください（{changes}）。MAIL FROM：送信サービスで独自のバウンス（Return-Path）ドメインとして {fromDomain} または {orgDomain} 配下の名前を設定し、その SPF レコードで {ip} を許可します。DKIM d=：送信サービスに d={fromDomain} で署名させ、提供される公開鍵を DNS に公開します。PTR：{ip} の管理者（ホスティング事業者や ISP）に逆引きを推奨の名前に設定してもらい、その名前が {ip} に正引きできるようにします。HELO にも同じ名前を使ってください。',
  },
};
