import type { AreaCatalog } from '../types.js';

export const dkim: AreaCatalog<'dkim'> = {
  'dkim.pass': {
    title: '{domain} の DKIM 署名を検証できました',
    detail:
      '{domain} の署名（セレクタ {selector}、{algorithm}、{keyBits} ビット鍵）は正しく検証でき、From のドメイン {fromDomain} とアラインしているため、DMARC の判定に使われます。検証した {total} 件の署名のうち {passing} 件が合格しました。',
    fix: null,
  },
  'dkim.none': {
    title: 'DKIM 署名がありません',
    detail:
      'DKIM-Signature ヘッダーが見つかりませんでした。DKIM がないと DMARC は SPF だけに頼ることになり、メールが転送されると認証に失敗します。Gmail と Yahoo は、すべての送信者に SPF または DKIM を、大量送信者には DKIM を求めています。',
    fix: '送信するすべてのメールに d={fromDomain} で DKIM 署名を付けてください。2048 ビットの RSA 鍵ペアを作成し、公開鍵を <selector>._domainkey.{fromDomain} に TXT レコード「v=DKIM1; k=rsa; p=<Base64 の公開鍵>」として公開したうえで、メールサーバー（OpenDKIM、rspamd など）またはメール配信サービスの設定で署名を有効にしてください。',
  },
  'dkim.fail': {
    title: '検証に合格する DKIM 署名がありません',
    detail:
      'DKIM 署名が {count} 件ありますが、どれも検証に合格しませんでした（{reasons}）。受信側はこのメールを良くても署名なしとして扱い、壊れた署名は改ざんの形跡とみなされることもあります。',
    fix: '{domain} の署名（セレクタ {selector}）を修正してください。検証結果は「{reason}」です。「no key」または「key revoked」の場合は、{keyName} に公開鍵を TXT レコード「v=DKIM1; k=rsa; p=<Base64 の公開鍵>」として公開してください。「body hash did not verify」の場合は、本文を変更する処理（フッター、免責文、ウイルス対策の追記、改行コードの変換など）をすべて終えてから、最後に署名してください。「bad signature」の場合は、秘密鍵が {keyName} の公開鍵と対応していること、署名後に署名対象のヘッダーが書き換えられていないことを確認してください。',
  },
  'dkim.third-party-only': {
    title: '合格したのは第三者の DKIM 署名（{domains}）だけです',
    detail:
      '合格した署名は d={domains} で、From のドメイン {fromDomain} とアラインしていません。DMARC は DKIM による合格を得られず、Gmail では送信者の横に「{domain} 経由」と表示されます。',
    fix: 'd={fromDomain}（またはそのサブドメイン）で署名されるようにしてください。メール配信サービスで独自ドメインの DKIM 設定（ドメイン認証）を行い、指示された TXT または CNAME レコードを _domainkey.{fromDomain} の下に公開してください。',
  },
  'dkim.temperror': {
    title: 'DKIM 公開鍵の DNS 検索が一時的に失敗しました',
    detail:
      '{keys} の公開鍵の DNS 検索がタイムアウトしたか、エラーになりました。受信側は後で再試行するか、署名を未検証として扱います。',
    fix: '{domain} のすべての権威 DNS サーバーが、{keyName} の問い合わせに UDP と TCP の両方で速やかに応答することを確認してから、もう一度テストしてください。',
  },
  'dkim.key-too-small': {
    title: 'DKIM 鍵が短すぎます（{keyBits} ビット）',
    detail:
      '{keyName} の RSA 鍵は {keyBits} ビットしかありません。RFC 8301 は 1024 ビット未満の RSA 鍵による検証を禁じており、Gmail などの受信側はこのような署名を無視します。該当する鍵は {keys} です。',
    fix: '新しい 2048 ビットの RSA 鍵を作成し（例: openssl genrsa -out {selector}.key 2048）、新しいセレクタに公開鍵を公開してください（例: new._domainkey.{domain} に TXT レコード「v=DKIM1; k=rsa; p=<Base64 の公開鍵>」）。署名を新しいセレクタに切り替えたら、古い {keyName} のレコードを削除してください。',
  },
  'dkim.key-1024': {
    title: 'DKIM 鍵が 1024 ビットしかありません',
    detail:
      '{keyName} の RSA 鍵は 1024 ビットです。現在は検証に合格しますが、1024 ビットは RFC 8301 の最低限の長さで、推奨は 2048 ビットです。該当する鍵は {keys} です。',
    fix: '新しいセレクタに 2048 ビットの RSA 公開鍵を公開し（例: new._domainkey.{domain} に TXT レコード「v=DKIM1; k=rsa; p=<Base64 の公開鍵>」。255 文字以下の文字列に分割して登録します。多くの DNS サービスは自動で分割します）、署名をその鍵に切り替えてください。古い鍵で署名したメールが配送し終わったら、{keyName} を削除してください。',
  },
  'dkim.rsa-sha1': {
    title: 'DKIM 署名に rsa-sha1 が使われています',
    detail:
      '{domain} の署名（セレクタ {selector}）は rsa-sha1 を使っています。RFC 8301 は署名にも検証にも rsa-sha1 を使ってはならないと定めています。SHA-1 は安全ではなく、受信側が受け付けなくなるおそれがあります。',
    fix: '{domain} の署名設定で rsa-sha256 を使うように変更してください（{keyName} の鍵はそのまま使えます）。別の鍵を追加して ed25519-sha256 を使うこともできます。',
  },
  'dkim.body-length': {
    title: 'DKIM 署名が本文の一部しか対象にしていません（l={bodyLength}）',
    detail:
      '{domain} の署名（セレクタ {selector}）には l={bodyLength} があり、本文の先頭 {bodyLength} バイトしか署名の対象になっていません。このメールでは {unsignedBytes} バイトが対象外です。署名を壊さずに誰でも内容を書き足せるため、Gmail は l= を使わないよう勧めています。該当する鍵は {keys} です。',
    fix: '{domain} の署名設定で本文長の指定を無効にし（OpenDKIM の場合: BodyLengthDB を削除）、l= タグを付けずに本文全体に署名してください。',
  },
  'dkim.expired': {
    title: 'DKIM 署名の有効期限が切れています',
    detail:
      '{domain} の署名（セレクタ {selector}）は {expiresAt} に期限切れになりました（x= タグ）。期限切れの署名は検証に合格しません（RFC 6376 3.5）。該当する鍵は {keys} です。',
    fix: '{domain} の署名の有効期限を長くする（配送の遅れに備えて数日以上）か、x= タグを付けないようにしてください。署名サーバーの時計が正しいことも確認してください。',
  },
  'dkim.testing': {
    title: 'DKIM 鍵がテストモード（t=y）です',
    detail:
      '{keyName} の鍵レコードに t=y が付いています。受信側は、署名が検証に失敗したメールを署名なしのメールと同じように扱うよう求められており、合格した場合でも署名を重視しないことがあります。該当する鍵は {keys} です。',
    fix: '署名が安定して検証に合格するようになったら、{keyName} の TXT レコードから t=y を削除してください。',
  },
  'dkim.skipped': {
    title: 'DKIM 署名 {total} 件のうち最初の {verified} 件だけを検証しました',
    detail:
      'このメールには DKIM 署名が {total} 件あります。署名ごとに DNS 検索と本文のハッシュ計算が必要なため、検証は最大 {limit} 件までとし、残りの {skipped} 件は未検証として表示しています。通常のメールの署名は 1〜3 件です。',
    fix: '署名は 1 通につき 1〜2 件（自ドメインと、必要であればメール配信サービスのもの）にして、ほかの署名を付けている余分な署名処理を取り除いてください。',
  },
};
