import type { AreaCatalog } from '../types.js';

export const spf: AreaCatalog<'spf'> = {
  'spf.pass': {
    title: '{domain} の SPF は合格（pass）です',
    detail:
      '{domain} の SPF レコードは、{ip} から {sender} として送信することを許可しています（一致した機構: {mechanism}）。',
    fix: null,
  },
  'spf.none': {
    title: '{domain} に SPF レコードがありません',
    detail:
      '{domain} は SPF レコード（v=spf1 で始まる TXT レコード）を公開していないため、受信側は {ip} が {sender} として送信してよいかを判断できません。Gmail と Yahoo は、すべての送信者に SPF または DKIM を、大量送信者には両方を求めています。',
    fix: '{domain} に次の値の TXT レコードを公開してください: {suggested} ほかのサーバーやサービス（メールプロバイダー、配信ツールなど）も {domain} として送信している場合は、-all の前にそれらを追加してください（例: include:<サービスの SPF ドメイン>）。記載のない送信元は SPF が fail になります。',
  },
  'spf.permerror': {
    title: '{domain} の SPF レコードにエラーがあります（permerror）',
    detail:
      '{domain} の SPF レコードを評価できません: {reason}。受信側は permerror を SPF なしと同じように扱い、DMARC でも SPF の合格になりません。使用した DNS 参照: {lookups} 回（上限 10 回）、結果が空だった参照: {voidLookups} 回（上限 2 回）。レコード: {record}',
    fix: '{domain} の TXT レコードを修正してください。v=spf1 で始まるレコードを 1 つだけにし、構文を正しくし、DNS 参照を伴う項目（include、a、mx、ptr、exists、redirect。include 先の分も数えます）を 10 個以内に抑え、SPF レコードのないドメインを include しないでください。使っていないサービスの include は削除し、固定のアドレスは a や mx ではなく ip4:／ip6: で記述してください。',
  },
  'spf.fail': {
    title: 'SPF が不合格（fail）です: {domain} は {ip} を許可していません',
    detail:
      '{domain} の SPF レコードにより、{ip} は fail と判定されました（一致した機構: {mechanism}）。受信側はこのメールを拒否するか、迷惑メールに振り分けます。ドメインが公開している説明文: {explanation}。現在のレコード: {record}',
    fix: '{ip} が自社の送信サーバーであれば、{domain} の TXT レコードを次の内容に変更してください: {suggested} そうでない場合は、レコードに記載済みのサーバーから送信してください。',
  },
  'spf.softfail': {
    title: 'SPF が softfail です: {domain} のレコードに {ip} が含まれていません',
    detail:
      '{domain} の SPF レコードには {ip} が含まれておらず、softfail（{mechanism}）で終わっています。受信側はメールを受け取りますが疑わしいものとして扱い、DMARC でも SPF の合格になりません。現在のレコード: {record}',
    fix: 'このサーバーをレコードに追加してください。{domain} の TXT レコードを次の内容に変更します: {suggested}',
  },
  'spf.neutral': {
    title: 'SPF が neutral です: {domain} は {ip} について何も宣言していません',
    detail:
      '{domain} の SPF レコードは {ip} を許可も拒否もしていません（一致した機構: {mechanism}）。受信側は neutral を SPF なしと同じように扱い、DMARC や Gmail では合格になりません。現在のレコード: {record}',
    fix: '{domain} の TXT レコードを次の内容に変更してください: {suggested}',
  },
  'spf.temperror': {
    title: '{domain} の SPF 確認が一時的に失敗しました（temperror）',
    detail:
      '{domain} の SPF レコードの評価に必要な DNS 参照が、失敗またはタイムアウトしました: {reason}。DNS が応答するようになるまで、受信側はメールの受け取りを保留するか、SPF なしとして扱います。',
    fix: '{domain}、および SPF レコードが include しているすべてのドメインの DNS サーバーが、TXT の問い合わせに速く安定して応答するかを確認してください（各ネームサーバーに dig TXT {domain} @<ネームサーバー> で問い合わせます）。',
  },
  'spf.no-envelope': {
    title: 'MAIL FROM が不明のため、HELO 名で SPF を確認しました',
    detail:
      'エンベロープ送信者（MAIL FROM）が指定されておらず、メッセージに Return-Path フィールドもないため、代わりに HELO の ID で SPF を確認しました: {checked}。受信側は実際の MAIL FROM で確認します。受信側と同じ結果を得るには MAIL FROM を指定してください（コマンドラインでは --mail-from、API では mailFrom=）。',
    fix: null,
  },
  'spf.helo': {
    title: 'HELO 名 {helo} の SPF: {result}',
    detail:
      'HELO 名 {helo}（postmaster@{helo} として確認）の SPF の結果は {result} です。これは参考情報です。Gmail や DMARC は MAIL FROM の結果を使いますが、HELO 名も確認する受信側があり、バウンスメール（空の MAIL FROM）では HELO 名で SPF が判定されます。合格していない場合は、{helo} に {suggested} のような TXT レコードを公開すると合格します。',
    fix: null,
  },
  'spf.lookups-near-limit': {
    title: '{domain} の SPF レコードは DNS 参照を {lookups} 回使います（上限 10 回）',
    detail:
      '{domain} の SPF レコードを include 先まですべて評価すると、DNS 参照が {lookups} 回必要です。RFC 7208 の上限は 10 回で、超えると受信側は permerror とし、SPF はないものとして扱われます。新しいサービスの include を 1 つ追加するだけで上限を超えるおそれがあります。レコード: {record}',
    fix: '{domain} のレコードの DNS 参照を減らしてください。使っていないサービスの include を削除し、a や mx の項目はそれらが指すアドレスを ip4:／ip6: で記述し、ptr は使わないでください（RFC 7208 でも非推奨です）。',
  },
  // ドメイン監査の SPF レコード（src/audit/spf.ts）
  'spf.record-valid': {
    title: '{domain} の SPF レコードは有効です',
    detail:
      '{domain} は構文の正しい SPF レコードを 1 つ公開しています。include 先まですべて評価すると、DNS 参照は上限 10 回のうち {lookups} 回で、そのうち結果が空だった参照は {voidLookups} 回です（上限 2 回）。レコードの末尾は {all} です。レコード: {record}',
    fix: null,
  },
  'spf.record-none': {
    title: '{domain} に SPF レコードがありません',
    detail:
      '{domain} は SPF レコード（v=spf1 で始まる TXT レコード）を公開していないため、受信側はどのサーバーが {domain} としてメールを送ってよいかを判断できません。Gmail と Yahoo は、すべての送信者に SPF または DKIM を、大量送信者には両方を求めています。',
    fix: '{domain} として送信するすべてのサーバーとサービスを記載した TXT レコードを {domain} に 1 つ公開してください。例: {suggested} 利用している送信サービスごとに include:<サービスの SPF ドメイン> を追加します（SPF ビルダーを使うと、サービスの一覧からレコードを作成できます）。{domain} からメールをまったく送信しない場合は、v=spf1 -all を公開して、誰も {domain} として SPF に合格できないようにしてください。',
  },
  'spf.record-multiple': {
    title: '{domain} に SPF レコードが 1 つではなく {count} 個あります',
    detail:
      '{domain} には v=spf1 で始まる TXT レコードが {count} 個あります。RFC 7208 で許されるのは 1 つだけです。複数あると、すべての受信側が permerror とし、{domain} からのすべてのメールで SPF がないものとして扱われます。レコード: {records}',
    fix: 'すべての項目をまとめた 1 つの TXT レコードを {domain} に公開してください: {suggested} そのうえで、ほかの v=spf1 レコードを削除してください。',
  },
  'spf.record-syntax': {
    title: '{domain} の SPF レコードに構文エラーがあります',
    detail:
      '{domain} の SPF レコードの次の項目を、受信側は解釈できません: {terms}（{reason}）。構文エラーが 1 つでもあるとレコード全体が permerror になり（RFC 7208 4.6）、{domain} からのすべてのメールで SPF がないものとして扱われます。',
    fix: 'これらの項目を修正するか、削除してください。エラーを取り除いたレコード: {suggested}',
    values: {
      reason: {
        'unknown-mechanism': '未知の機構です',
        'bad-macro': 'マクロ（%{...}）の書式が正しくありません',
        'bad-domain': '正しいドメイン名ではありません',
        'missing-domain': 'コロンの後にドメイン名がありません',
        'bad-ip4': '正しい IPv4 アドレスではありません',
        'bad-ip6': '正しい IPv6 アドレスではありません',
        'bad-cidr': 'プレフィックス長が範囲外です',
        'bad-modifier': '修飾子（名前=値）の書式が正しくありません',
        'duplicate-modifier': 'redirect= または exp= が複数回あります',
        'bad-all': '「all」には値を付けられません',
        'bad-character': 'SPF で使えない文字があります',
        'split-without-space':
          'レコードが複数の文字列に分けて公開されており、受信側は文字列を間に何も挟まずに連結するため、2 つの項目がつながってしまいます。各文字列の末尾に空白を入れてください',
      },
    },
  },
  'spf.include-missing': {
    title: '{domain} の SPF レコードが、SPF レコードのないドメインを include しています',
    detail:
      '次の include の参照先は、存在しないか SPF レコードを公開していません: {includes}。評価がここに達すると結果は permerror になり（RFC 7208 5.2）、SPF がないものとして扱われます。また、それぞれが上限 2 回の「結果が空の参照」を 1 回使います。多くの場合、入力の誤りか、サービスが SPF ドメインを変更したか、もう使っていないサービスです。',
    fix: 'これらの include を削除するか、サービスが現在案内している SPF ドメインに置き換えてください。削除した場合のレコード: {suggested}',
  },
  'spf.include-broken': {
    title: '{domain} の SPF レコードが、誤りのある SPF レコードを include しています',
    detail:
      '次の include の参照先のレコード自体が無効です（構文エラー、または同じ名前に複数の SPF レコード）: {includes}。評価がここに達すると {domain} の結果は permerror になり、SPF がないものとして扱われます。',
    fix: '参照先のレコードの管理者に修正を依頼するか、そこへつながる include を削除してください。削除した場合のレコード: {suggested}',
  },
  'spf.loop': {
    title: '{domain} の SPF レコードが自分自身を参照しています（ループ）',
    detail:
      'include と redirect をたどると、すでに通ったレコードに戻ります: {chain}。評価はこれを繰り返して上限の DNS 参照 10 回を超え、permerror になるため、SPF がないものとして扱われます。',
    fix: 'ループの原因になっている include または redirect を削除してください。削除した場合のレコード: {suggested}',
  },
  'spf.lookups-over-limit': {
    title: '{domain} の SPF レコードは DNS 参照が {lookups} 回必要です（上限 10 回）',
    detail:
      '{domain} の SPF レコードを include 先まですべて評価すると、DNS 参照が {lookups} 回必要です。RFC 7208 の上限は 10 回で、超えると受信側は permerror とし、評価の早い段階で一致しない送信元では SPF がないものとして扱われます。参照回数の多い順（それぞれの合計回数）: {heaviest}。',
    fix: '参照回数を 10 回以内にしてください。まず、もう使っていないサービスの include を削除します。次のレコードは上限内に収まります: {suggested} このレコードでは、{flattened} を現在公開されているアドレスに置き換えています（このようにフラット化したレコードは、サービス側がアドレスを変更するたびに更新が必要です）。また、{removed} を除いています（エンベロープ送信者に {domain} を使って送信しているサービスだけを残してください）。',
  },
  'spf.void-lookups-over-limit': {
    title: '{domain} の SPF レコードに結果が空の参照が {voidLookups} 回あります（上限 2 回）',
    detail:
      '{domain} の SPF レコードまたはその include 先の項目が参照する次の名前は、存在しないかレコードがありません: {names}。RFC 7208 で許される「結果が空の参照」は 2 回までで、超えると受信側は permerror とし、SPF がないものとして扱われます。',
    fix: 'これらの名前を指す項目（a:、mx:、exists:、include:）を削除するか、項目が必要とするレコードを公開してください。',
  },
  'spf.void-lookups': {
    title: '{domain} の SPF レコードが、存在しない名前を参照しています（上限 2 回のうち {voidLookups} 回）',
    detail:
      '{domain} の SPF レコードまたはその include 先の項目が参照する次の名前は、存在しないかレコードがありません: {names}。このような「結果が空の参照」は 2 回まで許されますが、3 回目でレコードは permerror になります。',
    fix: 'これらの名前を指す項目（a:、mx:、exists:、include:）を削除するか、項目が必要とするレコードを公開してください。',
  },
  'spf.all-pass': {
    title: '{domain} の SPF レコードは誰にでも送信を許可しています（+all）',
    detail:
      '{where} のレコードが +all で終わっているため、インターネット上のどのサーバーも {domain} として SPF に合格します。{domain} をエンベロープ送信者に使ったなりすましメールは、SPF のアライメントにより DMARC にも合格してしまいます。',
    fix: '{domain} の TXT レコードを次の内容に変更してください: {suggested}',
  },
  'spf.all-neutral': {
    title: '{domain} の SPF レコードは ?all（neutral）で終わっています',
    detail:
      'レコードに記載のないサーバーは neutral になり、受信側は SPF がない場合と同じように扱います。{domain} をかたるなりすましメールは拒否も警告もされません。',
    fix: 'レコードの末尾を ~all にしてください（すべての送信元を記載できたと確信できたら -all にします）: {suggested}',
  },
  'spf.all-missing': {
    title: '{domain} の SPF レコードに all がありません',
    detail:
      'レコードが all も redirect= もなしで終わっているため、記載のないサーバーは neutral になり（RFC 7208 4.7）、受信側は SPF がない場合と同じように扱います。',
    fix: 'レコードの末尾を ~all にしてください（すべての送信元を記載できたと確信できたら -all にします）: {suggested}',
  },
  'spf.ptr': {
    title: '{domain} の SPF レコードが非推奨の ptr 機構を使っています',
    detail:
      'このレコードは、サーバーを逆引き DNS の名前で許可しています（{terms}）。RFC 7208 5.5 では ptr を使うべきではないとされています。処理が遅く受信側の DNS 参照を消費するうえ、ptr を評価しない受信側もあるため、許可するつもりのメールが不合格になることがあります。',
    fix: 'ptr を削除し、それが指していたサーバーを ip4:／ip6: の項目（または a:<ホスト名>）で記載してください: {suggested}',
  },
  'spf.answer-large': {
    title: '{domain} の TXT 応答は {bytes} バイトで、512 バイトを超えています',
    detail:
      '{domain} の TXT レコード {records} 件はすべて 1 つの応答で返され、従来の UDP による DNS 応答の上限 512 バイトに収まりません。受信側が SPF レコードを読むには EDNS0 か TCP での再問い合わせが必要です。多くの受信側は対応していますが、どちらかを遮断するリゾルバーやファイアウォールの環境ではタイムアウトし、SPF は temperror になります。',
    fix: '{domain} の不要になった TXT レコード（古いサイト所有権確認のトークンなど）を削除し、サービスの所有権確認はサブドメインで行うよう依頼し、SPF レコードを短くしてください（長いアドレスの列挙ではなく include を使います）。',
  },
  'spf.record-temperror': {
    title: '{domain} の SPF レコードの一部を確認できませんでした',
    detail:
      '次の名前は時間内に応答しないか、サーバーエラーを返しました: {names}。その部分は temperror となり、残りの部分は確認して回数に数えています。同じ障害に遭遇した受信側は、メールの受け取りを保留するか、SPF なしとして扱います。',
    fix: 'それらのドメインのネームサーバーが TXT の問い合わせに応答するかを確認してください（dig TXT <名前> @<ネームサーバー>）。サービスが移転または終了している場合は、その include を削除してください。',
  },
  'spf.ip-authorized': {
    title: '{domain} の SPF レコードは {ip} を許可しています',
    detail:
      'エンベロープ送信者が {domain} のアドレスで {ip} から送られたメールは、SPF に合格します（一致した機構: {mechanism}）。',
    fix: null,
  },
  'spf.ip-not-authorized': {
    title: '{domain} の SPF レコードは {ip} を許可していません',
    detail:
      'エンベロープ送信者が {domain} のアドレスで {ip} から送られたメールの結果は {result} で、SPF では DMARC に合格できません。結果を決めた項目: {mechanism}。',
    fix: '{ip} が {domain} のメールを送信するサーバーであれば、{domain} の TXT レコードを次の内容に変更してください: {suggested}',
    values: {
      result: {
        fail: 'fail（受信側は拒否するか、迷惑メールに振り分けます）',
        softfail: 'softfail（受信側は受け取りますが、疑わしいものとして扱います）',
        neutral: 'neutral（SPF なしと同じに扱われます）',
        none: 'none（SPF レコードがありません）',
        permerror: 'permerror（レコードに誤りがあります）',
        temperror: 'temperror（DNS 参照に失敗しました）',
      },
    },
  },

  // SPF ビルダーの注記（src/generate/spf.ts）
  'spf.build-flattened': {
    title: '一部の include をアドレスにフラット化しました',
    detail:
      'レコードの DNS 参照が 10 回を超えるため、{includes} を、現在公開されている ip4:／ip6: のアドレスに置き換えました。',
    fix: 'フラット化したレコードは古くなります。サービス側がアドレスを変更すると、新しいアドレスからのメールは SPF で不合格になります。定期的に（毎月、およびサービスから変更の案内があったとき）レコードを作り直すか、使っていないサービスを除いてフラット化が不要になるようにしてください。',
  },
  'spf.build-over-limit': {
    title: 'レコードは DNS 参照がまだ {lookups} 回必要です（上限 10 回）',
    detail:
      'フラット化できるものをすべてフラット化しても、DNS 参照が {lookups} 回必要です。次の include はフラット化できません（a、mx、exists またはマクロを使っています）: {includes}。',
    fix: '使っていないサービスを除くか、一部のサービスを独自の SPF レコードを持つサブドメインから送信するようにしてください（そのサービスのエンベロープ送信者にそのサブドメインを使います）。',
  },
  'spf.build-include-dropped': {
    title: 'レコードから除いた include があります',
    detail:
      '次の include のドメインは、存在しないか、SPF レコードを公開していないか、誤りのあるレコードを公開しています: {includes}。これらを include すると、レコード全体が permerror になります。',
    fix: 'サービスの最新のドキュメントで SPF ドメインを確認し、レコードを作り直してください。',
  },
  'spf.build-include-temperror': {
    title: '応答しなかった include があります',
    detail:
      '次の include のドメインは時間内に応答しませんでした: {includes}。レコードには含めていますが、DNS 参照の回数を数えられなかったため、実際の合計はもっと多い可能性があります。',
    fix: '時間をおいてレコードを作り直し、回数を確認してください。',
  },
  'spf.build-answer-large': {
    title: 'このレコードだけで DNS 応答が {bytes} バイトになります',
    detail:
      '512 バイトを超える DNS 応答には EDNS0 か TCP での再問い合わせが必要で、一部の受信側では失敗して temperror になります。ドメインのほかの TXT レコードの分も応答に加わります。',
    fix: 'フラット化するアドレスを減らしてください。参照回数に余裕があれば include を使い、使っていないサービスを除きます。',
  },
  'spf.build-split': {
    title: 'レコードは {bytes} バイトです。{count} 個の文字列で公開してください',
    detail:
      'TXT の 1 つの文字列に入るのは 255 バイトまでのため、レコードを 1 つの TXT レコード内の {count} 個の文字列に分けています。受信側は文字列を間に何も挟まずに連結するので、最後以外の各文字列は空白で終わっています。',
    fix: null,
  },
  'spf.build-softfail': {
    title: 'レコードは ~all で終わっています',
    detail:
      '記載のないサーバーは softfail になり、受信側はメールを受け取りますが疑わしいものとして扱います。DMARC が p=quarantine または p=reject であれば、~all でも -all と同等に保護され、転送されたメールも DMARC の判定まで届いて DKIM 署名で合格できます。-all の場合、DKIM を確認する前に拒否する受信側があります。',
    fix: null,
  },
  'spf.build-no-senders': {
    title: '送信元の指定がないため、メールを送信しないドメインのレコードにしました',
    detail:
      'サービス、アドレス、include のいずれも指定されていないため、レコードは {record} です。このドメインではどのサーバーも SPF で不合格になります。メールを送信しないドメインには適切ですが、送信する場合は送信元を指定してください。',
    fix: null,
  },
  'spf.build-bad-input': {
    title: '使用しなかった入力があります',
    detail: '次の値は除きました: {values}（{reason}）。',
    fix: '値を修正して、レコードを作り直してください。',
    values: {
      reason: {
        'unknown-service':
          'ビルダーが知らないサービスです。代わりにその SPF ドメインを include として指定してください',
        'bad-address': 'IPv4／IPv6 のアドレスまたはネットワークではありません',
        'bad-domain': 'ドメイン名ではありません',
        'too-many': '一度に指定できる数を超えています',
      },
    },
  },
};
