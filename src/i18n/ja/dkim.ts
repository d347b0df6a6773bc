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
  'dkim.audit-keys-found': {
    title: '{domain} の DKIM 鍵が見つかりました',
    detail:
      '受信側が使える鍵: {keys}。DNS に鍵があることは {domain} が署名できることを示します。実際のメールがその鍵で署名されているかどうかは、送信したメールのレポートで確認できます。',
    fix: null,
  },
  'dkim.audit-none-found': {
    title: 'よく使われるセレクタには DKIM 鍵が見つかりませんでした',
    detail:
      '_domainkey.{domain} の下で、サービスやメールソフトウェアがよく使う {count} 個のセレクタ（{selectors}）を調べましたが、鍵は見つかりませんでした。DNS ではドメインのセレクタを一覧できないため、{domain} に DKIM 鍵がないとは限りません。セレクタがこれらのどれでもない、ということだけが分かります。',
    fix: 'セレクタを指定して、もう一度監査してください。{domain} から送信したメールを開き、DKIM-Signature ヘッダーの s= の値を確認します（「s=mail2024;」ならセレクタは mail2024 です）。d={domain} の DKIM-Signature がない場合は DKIM を設定してください。鍵を作成し（ここの DKIM 鍵の生成機能で作成できます）、<selector>._domainkey.{domain} に TXT レコードとして公開します。',
  },
  'dkim.audit-selector-missing': {
    title: '{keyName} に DKIM 鍵がありません',
    detail:
      'セレクタ {selector} が指定されましたが、{keyName} には TXT レコードがありません。受信側は s={selector} の署名を検証できないため、そのメールは署名なしとして扱われ、DMARC は DKIM による合格を得られません。見つからない鍵は {keys} です。',
    fix: 'セレクタ {selector} の公開鍵を、{keyName} に TXT レコード「v=DKIM1; k=rsa; p=<Base64 の公開鍵>」として公開してください（正確な値はメールサーバーまたはメール配信サービスで確認できます）。または、セレクタが正しいか確認してください。セレクタは、送信したメールの DKIM-Signature の s= の値です。',
  },
  'dkim.audit-selector-invalid': {
    title: 'DKIM セレクタではありません: {selectors}',
    detail:
      'セレクタは英数字、ハイフン、アンダースコア、ドットからなる DNS 名です。{selectors} はセレクタではないため、検索しませんでした。',
    fix: 'DKIM-Signature ヘッダーの s= の値を、書かれているとおりに指定してください（例: selector1）。',
  },
  'dkim.audit-cname-dangling': {
    title: 'DKIM セレクタ {selector} が存在しない鍵を指しています',
    detail:
      '{keyName} は {target} への CNAME ですが、そこに鍵がありません。鍵を代わりに公開するサービス（Microsoft 365、SendGrid、Mailchimp など）では、この CNAME で DKIM を設定します。CNAME は設定済みですが、サービス側で独自ドメインでの署名が有効になっていないか、サービスが参照先を変更しています。このままでは、サービスは自社のドメインで署名するため、{domain} の DMARC には数えられません。該当するものは {keys} です。',
    fix: 'サービスの設定で {domain} の DKIM 署名を有効にし（Microsoft 365 の場合: Microsoft Defender ポータル、メール認証の設定、DKIM、{domain}、有効にする）、{keyName} の CNAME がサービスの現在の指示どおりの参照先になっていることを確認してください。そのサービスをもう使っていない場合は、{keyName} の CNAME を削除してください。',
  },
  'dkim.audit-key-invalid': {
    title: '{keyName} の DKIM 鍵は使えません',
    detail:
      '{keyName} の TXT レコードは使える鍵ではありません（{reason}）。受信側は s={selector} の署名を検証できないものとして扱います。レコード: {record}。該当する鍵は {keys} です。',
    fix: '{keyName} に、公開鍵を 1 つの TXT レコード「v=DKIM1; k=rsa; p=<Base64 の公開鍵>」として公開し直してください。メールサーバーまたは配信サービスから引用符や改行を含めずに全体をコピーし、255 文字ごとの分割は DNS サービスに任せてください。新しい鍵が必要な場合は、ここの DKIM 鍵の生成機能で鍵と正確なレコードを作成できます。',
    values: {
      reason: {
        'no-key': 'p= タグ（公開鍵）がありません',
        'bad-base64':
          'p= の値が正しい Base64 ではありません（コピーの際に文字が欠けたか、余分な文字が入っています）',
        truncated: '255 文字で途切れています（多くの DNS の Web フォームは 1 つの文字列をここで切ります）',
        'unknown-type': 'p= の値が RSA または Ed25519 の公開鍵ではないか、k= と一致しません',
        'unknown-version': 'v= が DKIM1 ではありません',
        'not-email': 's= に email がないため、メール用の鍵ではありません',
        'not-a-key': 'DKIM 鍵のレコードではありません（v=DKIM1 も p= もありません）',
      },
    },
  },
  'dkim.audit-key-split': {
    title: '{keyName} の DKIM 鍵が複数の TXT レコードに分かれています',
    detail:
      '鍵が、断片ごとに別々の TXT レコードとして公開されています。長い値は、複数の文字列からなる 1 つの TXT レコードにしなければなりません。受信側は 1 つのレコードだけを読むため、途切れた鍵として扱い、DNS はレコードを順不同で返します。s={selector} の署名は検証できません。',
    fix: '{keyName} の TXT レコードを削除し、断片を順に並べた文字列からなる 1 つのレコードを公開してください。ゾーンファイルの形式では {fixedRecord} です。DNS の Web フォームでは、値全体を 1 つのレコードに貼り付けてください。分割はサービスが行います。',
  },
  'dkim.audit-key-quoted': {
    title: '{keyName} の DKIM 鍵に引用符が含まれています',
    detail:
      '{keyName} の TXT レコードに「"」の文字がそのまま入っています。ゾーンファイルの引用符ごと DNS の Web フォームに貼り付けたため、値の一部として保存されています。受信側はこれを鍵の一部として読むため、鍵が無効になります。レコード: {record}。',
    fix: '{keyName} のレコードを、引用符を含まない値に置き換えてください。ゾーンファイルの形式では {fixedRecord} です。Web フォームでは、引用符の内側の文字列だけを 1 つの値につなげて貼り付けてください。',
  },
  'dkim.audit-key-multiple': {
    title: '{keyName} に DKIM 鍵のレコードが複数あります',
    detail:
      '{keyName} には鍵を含む TXT レコードが複数あります。受信側は DNS が最初に返したどれか 1 つを使うため、署名は検証できたりできなかったりします。該当するものは {keys} です。',
    fix: '{keyName} には、メールサーバーが署名に使っている鍵のレコードだけを残し、ほかは削除してください。鍵を入れ替えるときは、古い鍵の隣ではなく新しいセレクタに新しい鍵を公開してください。',
  },
  'dkim.audit-key-revoked': {
    title: '{keyName} の DKIM 鍵は失効しています',
    detail:
      '{keyName} のレコードの p= が空です。鍵は取り消されています（RFC 6376 3.6.1）。鍵の入れ替えの最後にはこうするので、s={selector} で署名したメールがもうなければ問題ありません。この鍵でまだ署名しているメールは DKIM に失敗します。該当するものは {keys} です。',
    fix: 'メールサーバーや配信サービスがまだセレクタ {selector} で署名している場合は、有効な鍵のあるセレクタに切り替えるか、現在の公開鍵を {keyName} に公開してください。',
  },
  'dkim.audit-key-too-large': {
    title: '{keyName} の DKIM 鍵が 4096 ビットを超えています（{keyBits} ビット）',
    detail:
      'RFC 8301 は、検証側に 1024 から 4096 ビットの RSA 鍵を扱うことを求めています。それより大きい鍵はどこでも検証できるとは限らず、レコードも小さな DNS 応答に収まらなくなります。該当するものは {keys} です。',
    fix: '新しいセレクタ（例: new._domainkey.{domain}）に 2048 ビットの RSA 鍵を公開して署名を切り替え、古い鍵で署名したメールが配送中でなくなってから {keyName} を削除してください。',
  },
  'dkim.audit-key-sha1-only': {
    title: '{keyName} の DKIM 鍵は SHA-1 しか許可していません',
    detail:
      'レコードの h= タグに sha256 がないため、この鍵は rsa-sha1 でしか使えません。RFC 8301 は rsa-sha1 を禁じており、受信側が拒否することがあります。一方、この鍵による rsa-sha256 の署名は失敗します。該当するものは {keys} です。',
    fix: '{keyName} のレコードから h= タグを削除し（または h=sha256 にし）、署名に rsa-sha256 を使うよう設定してください。',
  },
  'dkim.audit-key-syntax': {
    title: '{keyName} の DKIM 鍵のレコードに構文エラーがあります',
    detail:
      '{keyName} のレコードは多くの受信側で受け付けられますが、{problem}。RFC 6376 6.1.2 は構文に違反した鍵のレコードを無視するよう定めているため、厳格な受信側ではこの鍵の署名を検証できません。レコード: {record}。',
    fix: 'レコードを標準の形「v=DKIM1; k={keyType}; p=<Base64 の公開鍵>」で公開してください。v=DKIM1 を先頭に置き、各タグは 1 回だけ、タグはセミコロンで区切ります。',
    values: {
      problem: {
        'empty-tag': 'セミコロンの間が空の部分があります',
        'no-equals': '「=」のない部分（余分な語）があります',
        'bad-tag-name': '正しくないタグ名があります',
        'duplicate-tag': '同じタグが 2 回あります',
        'v-not-first': 'v=DKIM1 が先頭のタグでないか、正確にこのとおり書かれていません',
        'k-missing': 'Ed25519 の鍵なのに k=ed25519 がありません（k= がなければ rsa とみなされます）',
      },
    },
  },
  'dkim.audit-key-strict': {
    title: '{keyName} の DKIM 鍵に t=s があります',
    detail:
      't=s は、この鍵の署名の i= にはサブドメインではなく {domain} そのものを書かなければならない、という意味です（RFC 6376 3.6.1）。署名側が i= にサブドメインを書かない限り問題はありませんが、書いた場合はその署名が失敗します。該当するものは {keys} です。',
    fix: null,
  },
  'dkim.audit-ed25519-only': {
    title: 'Ed25519 の DKIM 鍵しか見つかりませんでした',
    detail:
      '見つかった鍵はすべて Ed25519 の鍵です（{keys}）。Ed25519（RFC 8463）はまだすべての受信側で検証されるわけではなく、検証しない受信側はこの署名を検証できないものとして扱います。RFC 8463 は、Ed25519 を RSA と併用し、各メールに 2 つの署名を付けることを想定しています。',
    fix: '別のセレクタ（例: rsa._domainkey.{domain}）に 2048 ビットの RSA 鍵を追加し、各メールを両方の鍵で署名してください。すでに今回調べていないセレクタの RSA 鍵で署名している場合は、そのセレクタを指定して監査してください。',
  },
  'dkim.audit-temperror': {
    title: '一部の DKIM 鍵の検索に失敗しました',
    detail: '{selectors} の検索に失敗したため（{error}）、そこに鍵が公開されているかどうかは不明です。',
    fix: '{domain} の権威 DNS サーバーが、_domainkey.{domain} の下の TXT の問い合わせに UDP と TCP の両方で速やかに応答することを確認してから、もう一度監査してください。',
  },
  'dkim.generated-key': {
    title: '新しい鍵を {name} に公開してください',
    detail:
      'この鍵ペアはこのリクエストのためだけに作成され、どこにも保存されていません。秘密鍵は今だけ表示されるので、安全に保管し、メールサーバーまたは配信サービスに d={domain}、s={selector} の鍵として設定してください。公開鍵は {name} の 1 つの TXT レコードとして DNS に公開します。値は 255 文字以下の {strings} 個の文字列に分割されており、受信側はこれをつなげて読みます。',
    fix: '{domain} のゾーンにこのレコードを公開してください: {zoneLine} そのうえでセレクタ {selector} による署名を有効にし、テストメールを送って DKIM が合格することを確認してください。',
  },
  'dkim.generated-ed25519': {
    title: 'Ed25519 の鍵と一緒に RSA の鍵も公開してください',
    detail:
      'Ed25519 の鍵は短くて強力ですが、Ed25519 の署名はまだすべての受信側で検証されるわけではありません（RFC 8463）。検証しない受信側は、この署名を検証できないものとして扱います。RFC 8463 は、RSA の鍵でも署名することを想定しています。',
    fix: '2048 ビットの RSA 鍵も作成して別のセレクタ（例: rsa._domainkey.{domain}）に公開し、すべてのメールに両方の署名を付けるよう署名側を設定してください。',
  },
};
