import type { AreaCatalog } from '../types.js';

export const format: AreaCatalog<'format'> = {
  'format.pass': {
    title: 'メールの形式は RFC 5322 に沿っています',
    detail:
      'From フィールドは 1 つで有効なアドレスが 1 つ、Date と Message-ID は正しい形式、Subject があり、1 回だけ許されるヘッダーフィールドの重複も、998 オクテットを超える行もなく、MIME 構造も正常です。',
    fix: null,
  },
  'format.from-invalid': {
    title: 'From フィールド{problem}',
    detail:
      'From: {value}（見つかったアドレス: {addresses}）。RFC 5322 では、作成者を local@domain の形で示す From フィールドが必須です。DMARC と Gmail は、どのドメインを認証するかを決めるため From にアドレスがちょうど 1 つあることを必要とします。Gmail は From のないメールを「not RFC 5322 compliant」として拒否し、アドレスが複数あるメールや有効なアドレスのないメールも多くの受信側で拒否されます。',
    fix: '自社で管理するドメインのアドレスを 1 つだけ書いた From フィールドを 1 つ付けて送信してください。例: From: 送信者名 <news@{domain}>',
    values: {
      problem: {
        missing: 'がありません',
        'no-address': 'にアドレスがありません',
        invalid: 'のアドレスが不正です',
        multiple: 'にアドレスが複数あります',
      },
    },
  },
  'format.from-repeated': {
    title: 'From フィールドが {count} 個あります',
    detail:
      "RFC 5322 で From フィールドは 1 つだけ許されますが、このメールには {count} 個あります（{values}）。受信側はどの作成者を認証すべきか判断できず、Gmail はこのようなメールを 550 5.7.1「Multiple 'From' headers found」として拒否します。",
    fix: 'メールを組み立てるプログラムが From を 1 回だけ書くようにしてください（独自に From を追加するテンプレートやライブラリがないか確認してください）。例: From: 送信者名 <news@{domain}>',
  },
  'format.no-date': {
    title: 'Date フィールドがありません',
    detail:
      'RFC 5322 では、メールの作成日時を示す Date フィールドが必須です。ない場合、受信側が独自の日時を補ったり、迷惑メールらしさの判定材料にしたりします。',
    fix: 'メールを組み立てるプログラムで、RFC 5322 形式の Date フィールドを追加してください。例: Date: {example}',
  },
  'format.bad-date': {
    title: 'Date フィールド{problem}',
    detail:
      'Date: {value}。Date は「Tue, 01 Jul 2025 09:30:00 +0900」のように、曜日（省略可、日付と一致すること）、日、英語の月の略称、4 桁の年、24 時間表記の時刻、数値のタイムゾーンの順で書く必要があります。形式の崩れた Date は迷惑メールの特徴として評価されます。',
    fix: 'Date は手作業で組み立てず、使用している言語の RFC 5322 用日時フォーマッターで生成してください。例: Date: {example}',
    values: {
      problem: {
        syntax: 'が RFC 5322 の日時形式になっていません',
        weekday: 'の曜日が日付と一致していません',
      },
    },
  },
  'format.date-future': {
    title: 'Date フィールドが {hours} 時間先の日時になっています',
    detail:
      'Date: {value} は {parsed}（UTC）を表しますが、このレポートの作成時刻は {now}（UTC）です。未来の日付のメールは迷惑メールの特徴とされ、メールソフトでは新しいメールより上に並んでしまいます。',
    fix: 'メールを組み立てるホストの時計とタイムゾーンを正してください（NTP で時刻を同期し、タイムゾーンのオフセットが現地時刻と合っているか確認してください）。正しい Date の例: Date: {example}',
  },
  'format.date-old': {
    title: 'Date フィールドが {days} 日前の日時になっています',
    detail:
      'Date: {value} は {parsed}（UTC）を表しますが、このレポートの作成時刻は {now}（UTC）です。受信側は日付が大きく古いメールを、古いものや再送されたものとして扱います（保存済みの古いメールを分析している場合は想定どおりです）。',
    fix: 'Date は送信時に、正しい時計（NTP で同期）から設定してください。例: Date: {example}',
  },
  'format.no-message-id': {
    title: 'Message-ID フィールドがありません',
    detail:
      'RFC 5322 ではすべてのメールに Message-ID を付けるべきとされ、Gmail の送信者ガイドラインでも必須です。ない場合、Gmail は受信を拒否する（550 5.7.1）か、迷惑メールに振り分けることがあります。',
    fix: 'メールを組み立てるプログラムで、自社ドメインを使った一意の Message-ID を追加してください。例: Message-ID: <20250701093000.1a2b3c4d@{domain}>',
  },
  'format.bad-message-id': {
    title: 'Message-ID フィールドの形式が正しくありません',
    detail:
      'Message-ID: {value}。RFC 5322 では <left@right> の形式、つまり一意な左側部分、@、ドメインを山かっこで囲み、空白を含めない形が必要です。Gmail も RFC 5322 に準拠した Message-ID を求めています。',
    fix: 'Message-ID は <一意な文字列@{domain}> の形式で生成してください。例: Message-ID: <20250701093000.1a2b3c4d@{domain}>',
  },
  'format.no-subject': {
    title: '件名（Subject）がありません',
    detail:
      'Subject フィールドがないか、空です。RFC 5322 上は許されますが、フィルターは件名のないメールを迷惑メールの特徴として評価し、受信者にも読まれにくくなります。',
    fix: 'メールの内容がわかる短い件名を付けてください。',
  },
  'format.no-mime-version': {
    title: 'MIME-Version フィールドがありません',
    detail:
      'このメールは MIME を使っています（{field}）が、RFC 2045 で必須の MIME-Version フィールドがありません。多くのメールソフトは問題なく表示しますが、評価を下げるフィルターもあります。',
    fix: 'メールに次のヘッダーフィールドを追加してください: MIME-Version: 1.0',
  },
  'format.repeated-header': {
    title: '1 回だけ許されるヘッダーフィールドが重複しています: {fields}',
    detail:
      'RFC 5322 の 3.6 節では、次のフィールドはそれぞれ 1 回までしか許されません: {fields}。Gmail は Subject、Message-ID、To、Date などが重複したメールを「not RFC 5322 compliant: duplicate headers」として拒否します。',
    fix: 'メールを組み立てるプログラムが {names} をそれぞれ 1 回だけ書くようにしてください（独自に同じフィールドを追加するテンプレートやライブラリがないか確認してください）。',
  },
  'format.eight-bit-header': {
    title: 'ヘッダーフィールドに 8 ビットの生バイトが含まれています: {fields}',
    detail:
      '{count} 個のヘッダーフィールド（{fields}）に ASCII 以外の生バイトが含まれています。これが許されるのは、メールが SMTPUTF8（RFC 6531/6532）で転送され、かつ UTF-8 である場合だけです。送信サーバーが SMTPUTF8 を使ったかどうかは、こちらからは確認できません。UTF-8 以外の 8 ビット文字コード（生の Shift_JIS や ISO-8859-1 など）はどの場合も許されません。SMTPUTF8 に対応しない中継サーバーでは、拒否されたり文字化けしたりすることがあります。',
    fix: 'ヘッダーフィールド内の ASCII 以外の文字は、RFC 2047 のエンコード形式で書いてください（例: Subject: =?UTF-8?B?5L6L?=）。メールライブラリには生のバイト列ではなく Unicode 文字列を渡せば、この変換を行ってくれます。',
  },
  'format.long-line': {
    title: '998 オクテットを超える行が {count} 行あります',
    detail:
      'RFC 5322 の 2.1.1 節では、1 行は 998 オクテットまでと定められています。最初の長すぎる行は {line} 行目（{length} オクテット）で、最長の行は {longest} オクテットです。中継サーバーがこのような行を分割すると、本文や HTML が崩れ、DKIM 署名も無効になります。',
    fix: '本文は quoted-printable か base64 の転送エンコーディングで送信してください（どちらも 76 文字で行を折り返します）。長いヘッダーフィールドは、空白で始まる継続行に折り返してください。',
  },
  'format.html-only': {
    title: 'HTML のみで、プレーンテキストの代替パートがありません',
    detail:
      'このメールには HTML 本文がありますが、text/plain のパートがありません。フィルターは HTML のみのメールを迷惑メールの特徴として評価し、テキスト表示のメールソフトでは内容が読めません。',
    fix: 'multipart/alternative 形式にし、同じ内容の text/plain パートを先に、text/html パートを後に入れて送信してください。',
  },
  'format.html-clipped': {
    title: 'HTML が {sizeKb} KB あり、Gmail で途中までしか表示されません',
    detail:
      'Gmail はメールの HTML のうち先頭の約 {limitKb} KB だけを表示し、残りは「[メッセージの一部が表示されています] メッセージ全体を表示」の後ろに隠します。配信停止リンクや開封計測用の画像が隠れることもよくあります。',
    fix: 'HTML を {limitKb} KB 未満にしてください。繰り返しインライン化された CSS、コメント、使われていないマークアップを削除し、画像は埋め込まずにリンクで参照してください。',
  },
  'format.large': {
    title: 'メールのサイズが大きくなっています（{sizeMb} MB）',
    detail:
      'このメールは送信時の形式で {sizeMb} MB です。サイズ制限はこのエンコード後のサイズで数えられ、base64 で送られる添付ファイルは元のファイルより約 3 分の 1 大きくなります。Gmail の上限は {limitMb} MB で、それより小さい上限（10〜20 MB 程度）のプロバイダーも多くあります。',
    fix: '大きなファイルは添付せず、ダウンロード用のリンクで送ってください。',
  },
  'format.too-many-headers': {
    title: 'ヘッダーフィールドが多すぎます（{count} 個）',
    detail:
      'ヘッダー部に {count} 個のフィールド（{headerKb} KB）があります。通常のメールでは 200 個未満です。このツールは先頭の {limit} 個、最大 {limitKb} KB までを読み、残りは無視しています。受信側はこのようなメールを拒否したり、途中で切り捨てたりすることがあります。',
    fix: 'ヘッダーフィールドを繰り返し追加している箇所（テンプレートや、フィールドを再追加する中継サーバーなど）を見つけ、各フィールドを 1 回だけ付けるようにしてください。',
  },
  'format.mime-broken': {
    title: 'MIME 構造が壊れています',
    detail:
      'boundary パラメーターのない multipart: {noBoundary}。本文に一度も現れない boundary: {boundaryNeverSeen}。「--boundary--」で閉じられていない multipart: {unterminated}。不正なデータを含む base64 パート: {badBase64}。入れ子の深さ: {depth}。デコーダーのエラー: {error}。このようなメールは、メールソフトで空のまま、または一部だけ表示されたり、添付ファイルが欠けたりすることがあります。',
    fix: 'メールは手作業で組み立てず、MIME ライブラリで生成してください。multipart には boundary パラメーターが必要で、各パートは「--boundary」の行で始まり、最後のパートは「--boundary--」の行で終わる必要があります。また、base64 のデータは欠けのない完全なものにしてください。',
  },
  'format.freemail-from': {
    title: 'From は {domain} ですが、DMARC が pass になっていません',
    detail:
      '{provider} は {domain} に DMARC を適用しています（ポリシー: {policy}）。そのため受信側は、From が {domain} のアドレスのメールを、実際に {provider} のサーバーから送られたものでない限り、拒否するか迷惑メールに振り分けます。このメールの DMARC の結果: {dmarc}。',
    fix: '自社ドメインのアドレスから送信してください（返信を {domain} のアドレスで受けたい場合は、そのアドレスを Reply-To に入れてください）。または、そのアカウントで {provider} 自身のサーバーを経由して送信してください。',
  },
};
