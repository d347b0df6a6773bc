import type { AreaCatalog } from '../types.js';

export const dmarc: AreaCatalog<'dmarc'> = {
  'dmarc.pass': {
    title: '{domain} の DMARC 認証に成功しています',
    detail:
      'From ドメイン {domain} は、アラインメントの取れた識別子で認証されています（SPF：{spfDomain}、DKIM：{dkimDomain}）。適用されるレコードは _dmarc.{recordDomain} のもので、ポリシーは {policy} です：{record}',
    fix: null,
  },
  'dmarc.none': {
    title: '{domain} に DMARC レコードがありません',
    detail:
      '{domain} に適用される DMARC レコードが、_dmarc.{domain} にも組織ドメイン {orgDomain} にも見つかりませんでした。このため受信側は、あなたの名前で送られて認証に失敗したメールの扱いを判断できず、あなたにはレポートも届きません。Gmail と Yahoo は 2024 年 2 月から、一括送信者に DMARC レコードを必須としています。',
    fix: '_dmarc.{orgDomain} に次の値の TXT レコードを公開してください：{suggestedRecord}（{orgDomain} とそのすべてのサブドメインに適用されます）。まず p=none で始めて集約レポートを確認し、その後 p=quarantine、さらに p=reject へ移行してください。',
  },
  'dmarc.invalid-record': {
    title: '{domain} の DMARC レコードが無効です',
    detail:
      '_dmarc.{recordDomain} の TXT レコードは DMARC のように見えますが、有効なポリシーを示していないため、受信側はレコードがないものとして扱います：{records}。レコードは 1 件だけにし、v=DMARC1（大文字・小文字もこのとおり）で始め、p= に none、quarantine、reject のいずれかを指定する必要があります（sp= と np= を書く場合も、このいずれかの値にします）。',
    fix: 'これらを、_dmarc.{recordDomain} の次の TXT レコード 1 件に置き換えてください：{suggestedRecord}',
  },
  'dmarc.fail': {
    title: '{domain} の DMARC 認証に失敗しています',
    detail:
      '認証に成功した識別子のうち、From ドメイン {domain} とアラインメントが取れているものがありません（aspf={aspf}、adkim={adkim}）。SPF：{spfDomain} に対して {spfResult}。成功した DKIM 署名（d=）：{dkimDomains}。_dmarc.{recordDomain} のレコードのポリシーは {policy} で、これに従う受信側はこのメールを次のように扱います：{disposition}（none：通常どおり配信、quarantine：迷惑メールフォルダ、reject：受信拒否）。',
    fix: '少なくとも 1 つの識別子を {domain} にそろえてください。DKIM（転送されても維持されるため推奨）：自ドメインの鍵で d={domain} として署名し、公開鍵を <selector>._domainkey.{domain} の TXT レコードとして公開します。または SPF：MAIL FROM（Return-Path）を @{domain} のアドレスにし、{domain} の SPF レコードに {spfMechanism} を追加します。adkim=r / aspf=r の場合は {orgDomain} 配下の任意の名前でもアラインメントが取れますが、s の場合は {domain} と完全に一致する必要があります。',
  },
  'dmarc.temperror': {
    title: '{domain} の DMARC を確認できませんでした（DNS エラー）',
    detail:
      'DMARC の評価に必要な DNS 問い合わせに応答がありませんでした：{error}。この状態になった受信側は、通常メールの受け取りを保留し、後で再試行します。',
    fix: '{orgDomain} のネームサーバーが、_dmarc.{domain} と _dmarc.{orgDomain} への TXT 問い合わせに素早く確実に応答する（タイムアウトや SERVFAIL にならない）ことを確認してから、もう一度テストメールを送信してください。',
  },
  'dmarc.no-author-domain': {
    title: 'From のドメインが 1 つに定まらないため、DMARC を評価できません',
    detail:
      'DMARC では、From フィールドが 1 つだけで、そのアドレスがすべて同じドメインである必要があります（RFC 9989 5.3.1）。このメールには From フィールドが {fromFields} 個、アドレスが {mailboxes} 個あり、ドメインは {domains} です。受信側はこのようなメールを不審なものとして扱い、多くは受信を拒否します。',
    fix: 'From フィールドは 1 つだけにし、自ドメインのアドレスを 1 つだけ入れてください（例：From: 送信者名 <news@example.com>）。ほかの人のアドレスは Reply-To または Sender に入れてください。',
  },
  'dmarc.policy-none': {
    title: '{domain} の DMARC ポリシーは監視のみです（{applied}）',
    detail:
      '_dmarc.{recordDomain} のレコード（{record}）は、DMARC に失敗したメールを特別に扱わないよう受信側に求めているため、今も誰でも {domain} を名乗ってメールを送れます。p=none はレポートを確認する間の最初の段階としては適切ですが、なりすましを防ぐ効果はありません。',
    fix: '集約レポートで正規のメールがすべて DMARC に成功していることを確認できたら、_dmarc.{recordDomain} のレコードを次のように変更してポリシーを強化してください：{suggestedRecord}。その後、reject へ移行してください。',
  },
  'dmarc.no-reports': {
    title: '{domain} の DMARC レコードがレポートを要求していません',
    detail:
      '_dmarc.{recordDomain} のレコード（{record}）に rua= タグがないため、受信側から集約レポートが送られてきません。誰が {domain} を名乗って送信しているのか、自社のメールのどれが失敗しているのかを把握できません。',
    fix: '_dmarc.{recordDomain} のレコードに集約レポートの送信先を追加してください：{suggestedRecord}（メールボックス {reportAddress} が実在している必要があります。DMARC レポート解析サービスのアドレスも指定できます）。',
  },
  'dmarc.record-found': {
    title: '{domain} の DMARC レコードが _dmarc.{foundAt} に見つかりました',
    detail:
      '_dmarc.{foundAt} のレコードが {domain} に適用されます（{inheritance}）：{record}。{domain} に適用されるポリシー：{applied}。',
    fix: null,
    values: {
      inheritance: {
        own: 'このドメイン自身のレコード',
        inherited:
          '親ドメインから継承したレコード：存在するサブドメインには sp=、存在しない名前には np= が適用され、どちらも省略時は p= になります',
        psd: 'パブリックサフィックスのレコード（psd=y）：自身のレコードを公開していない配下のドメインに適用されます',
      },
    },
  },
  'dmarc.record-multiple': {
    title: '_dmarc.{recordDomain} に {domain} の DMARC レコードが {count} 件あり、どれも適用されません',
    detail:
      '1 つの名前に置ける DMARC レコードは 1 件だけです。複数ある場合、受信側はそのすべてを破棄する（RFC 9989 4.10）ため、{domain} にはポリシーが適用されず、レポートも届きません：{records}',
    fix: 'すべて削除し、_dmarc.{recordDomain} に TXT レコードを 1 件だけ公開してください：{suggestedRecord}。レポートの送信先がレコードごとに異なっていた場合は、1 つの rua= にカンマ区切りでまとめてください。',
  },
  'dmarc.record-ignored': {
    title: '_dmarc.{recordDomain} にある {domain} の DMARC レコードは無視されています',
    detail:
      '{reason}ため、受信側は _dmarc.{recordDomain} の TXT レコードを破棄します：{records}。代わりに _dmarc.{foundAt} のレコードが使われますが、これは {domain} に意図したポリシーではないかもしれません。',
    fix: 'v=DMARC1 で始まるレコード 1 件に置き換えるか、_dmarc.{foundAt} のレコードで問題なければ削除してください。',
    values: {
      reason: {
        multiple: 'レコードが複数あり、1 つの名前には 1 件しか置けない',
        version: 'レコードが v=DMARC1（最初のタグで、DMARC1 は大文字）で正しく始まっていない',
      },
    },
  },
  'dmarc.lookup-error': {
    title: '{domain} の DMARC レコードを確認できませんでした（DNS エラー）',
    detail:
      'DMARC のツリーウォークで行う DNS 問い合わせに応答がなかったため、{domain} に適用されるポリシーがわかりません：{error}。この状態になった受信側は、通常メールの受け取りを保留し、後で再試行します。',
    fix: '{orgDomain} のネームサーバーが、_dmarc.{domain} と _dmarc.{orgDomain} への TXT 問い合わせに素早く確実に応答する（タイムアウトや SERVFAIL にならない）ことを確認してから、もう一度監査を実行してください。',
  },
  'dmarc.policy-invalid': {
    title: '{domain} の DMARC レコードに有効なポリシーがありません',
    detail:
      '_dmarc.{recordDomain} のレコードには有効な p= がありません（または sp=、np= の値が無効です）：{tags}。レポートの送信先が指定されているため、受信側は p=none と書かれているものとして扱います（RFC 9989 4.10.1）。レポートは届きますが、なりすましは防げません。送信先の指定もなければ、レコード自体が無視されます。p=、sp=、np= の値は none、quarantine、reject のいずれかです。',
    fix: '有効なポリシーを指定したレコードを _dmarc.{recordDomain} に公開してください：{suggestedRecord}',
  },
  'dmarc.tag-invalid': {
    title: '{domain} の DMARC レコードに受信側が読めないタグがあります',
    detail:
      '_dmarc.{recordDomain} のレコードの次のタグは、DMARC で認められていない値であるか、「=」がないか、タグ名が小文字ではありません（タグ名は大文字と小文字を区別します）：{tags}。受信側はこれらを読み飛ばし、既定値（aspf と adkim は r、t は n、fo は 0）を使います。有効な値は、adkim と aspf が r または s、t が y または n、psd が y、n、u のいずれか、fo が 0、1、d、s を「:」でつないだものです。',
    fix: '_dmarc.{recordDomain} のレコードを修正してください。同じ意味で正しく書いたもの：{suggestedRecord}',
  },
  'dmarc.tag-duplicate': {
    title: '{domain} の DMARC レコードに同じタグが重複しています',
    detail:
      '_dmarc.{recordDomain} のレコードで、次のタグが複数回書かれています：{tags}。DMARC が使うタグリストの構文ではこれは認められていません（RFC 6376 3.2）。多くの受信側は最後の値を使いますが、厳格な受信側はレコード全体を破棄するため、受信側によっては {domain} にポリシーがまったく適用されません。',
    fix: '各タグは 1 回だけにしてください。多くの受信側が現在読み取っている内容の _dmarc.{recordDomain} のレコード：{suggestedRecord}',
  },
  'dmarc.tag-unknown': {
    title: '{domain} の DMARC レコードに不明なタグがあります',
    detail:
      '受信側は DMARC で定義されていないタグを無視するため、_dmarc.{recordDomain} のレコードの次のタグは何の効果もありません：{tags}。つづりを確認してください。タグは v、p、sp、np、adkim、aspf、fo、rua、ruf、t、psd です。',
    fix: '削除するか、タグ名を修正してください。削除した場合のレコード：{suggestedRecord}',
  },
  'dmarc.tag-deprecated': {
    title: '{domain} の DMARC レコードに DMARCbis で廃止されたタグがあります',
    detail:
      'pct=、rf=、ri= は DMARCbis（RFC 9989）で廃止されました。DMARCbis に従う受信側はこれらを無視し、古い受信側はまだ読み取ります。_dmarc.{recordDomain} のレコードにあるもの：{tags}。',
    fix: '削除してください：{suggestedRecord}',
  },
  'dmarc.pct-partial': {
    title: '{domain} の DMARC ポリシーは、認証に失敗したメールの {pct}% にしか適用されません',
    detail:
      '_dmarc.{recordDomain} のレコードは pct={pct} を指定しています。RFC 7489 に従う受信側は、DMARC に失敗したメールの {pct}% に {policy} を適用し、残りには 1 段階弱いポリシー {weakerPolicy} を適用します。DMARCbis（RFC 9989）では pct= が廃止されたため、これに従う受信側はタグを無視し、失敗したメールすべてに {policy} を適用します。つまり同じレコードでも、受信側によって意味が異なります。以前は pct=0 が「テスト中」の意味で使われていましたが、DMARCbis ではそのために t=y を使います。',
    fix: '集約レポートに問題がなくなったら pct= を削除してください：{suggestedRecord}。ポリシーを完全には適用せずに先に試したい場合は、代わりに t=y を使ってください：{testingRecord}',
  },
  'dmarc.testing': {
    title: '{domain} の DMARC ポリシーはテストモード（t=y）です',
    detail:
      '_dmarc.{recordDomain} のレコードは {applied} を t=y 付きで指定しています。テスト中、受信側はポリシーを 1 段階弱めて（{effective}）適用します（RFC 9989）。DMARC に失敗したメールは、まだポリシーどおりには扱われません。',
    fix: '集約レポートで正規のメールがすべて成功していることを確認できたら、t=y を削除してください：{suggestedRecord}',
  },
  'dmarc.alignment-strict': {
    title: '{domain} の DMARC レコードは厳密なアラインメントを求めています（{tags}）',
    detail:
      'aspf=s の場合、SPF で認証される MAIL FROM（Return-Path）のドメインが From ドメインと完全に一致する必要があります。独自のバウンス用サブドメイン（bounce.{domain}、em.{domain} など。メール配信サービスや CRM の多くがこの方式です）を使うサービスから送ったメールは、SPF でアラインメントが取れなくなります。adkim=s の場合、DKIM の d= が From ドメインと完全に一致する必要があり、d=mail.{domain} の署名や、サブドメインから送ったメールの d={domain} の署名は数えられなくなります。緩和モード（既定）では、同じ組織ドメイン配下の名前ならどれでもアラインメントが取れます。',
    fix: 'このために正規のメールが失敗していることが集約レポートでわかったら、緩和モードにしてください：{suggestedRecord}',
  },
  'dmarc.subdomain-weaker': {
    title: '{recordDomain} のサブドメインには弱い DMARC ポリシーが適用されます（{tags}）',
    detail:
      '_dmarc.{recordDomain} のレコードは p={p} ですが、存在するサブドメインには {sp}（sp=）、存在しない名前には {np}（np=、DMARCbis）が適用されます。弱いポリシーのサブドメインは、誰でも名乗って送信できます。存在しない名前から正規のメールが送られることはないため、np=reject にしても問題ありません。',
    fix: 'サブドメインも同じように保護するには、_dmarc.{recordDomain} のレコードから {tags} を削除する（p= に従うようになります）か、サブドメインのメールが DMARC に成功するようになってから値を引き上げてください。',
  },
  'dmarc.report-uri-invalid': {
    title: '{domain} の DMARC レポート送信先に使えないものがあります',
    detail:
      '受信側は、_dmarc.{recordDomain} のレコードにある次の URI にはレポートを送りません：{uris}。送信先は、完全なアドレスを含む mailto: URI である必要があります（レポートはメールでのみ送られます。後ろに !10m のようなサイズ上限を付けられます）。複数の URI はカンマで区切り、アドレス内のカンマや「!」はパーセントエンコードします。',
    fix: '修正してください。使える送信先だけを残したレコード：{suggestedRecord}',
  },
  'dmarc.report-unauthorized': {
    title: '{orgDomain} 以外のレポート送信先が DMARC レポートの受け取りを許可していません',
    detail:
      '_dmarc.{recordDomain} のレコードは、組織ドメイン {orgDomain} の外にある {destinations} にレポートを送るよう指定しています。受信側がそこへレポートを送るのは、送信先のドメインが許可レコードを公開している場合だけです（RFC 7489 7.1、DMARCbis）が、次の名前に許可レコードがありません：{names}。公開されるまでレポートは送られず、誰が {domain} を名乗って送信しているのかを把握できません。',
    fix: '各送信先が、次の名前に値 v=DMARC1 の TXT レコードを公開する必要があります：{names}。レポート解析サービスは通常、顧客のためにこれを公開しています（*._report._dmarc.<サービスのドメイン> のようなワイルドカードが多いです）。公開されていない場合はサービスに依頼するか、@{orgDomain} のアドレスにレポートを送るようにしてください。',
  },
  'dmarc.report-lookup-error': {
    title: '{domain} のレポート送信先の許可を確認できませんでした（DNS エラー）',
    detail:
      '次の許可レコードの問い合わせに応答がありませんでした（{error}）：{names}。同じエラーになった受信側は、これらのレポートを送らない可能性があります。_dmarc.{recordDomain} のレコードのそれ以外の部分には影響しません。',
    fix: '送信先のネームサーバーがこれらの名前への TXT 問い合わせに応答することを確認してから、もう一度監査を実行してください。',
  },
  'dmarc.report-authorization': {
    title: '{domain} の外にあるレポート送信先による許可が必要です',
    detail:
      '{domain} のレポートは、組織ドメインの外にある {destinations} に送られます。受信側がレポートを送るのは、それぞれのドメインが許可レコードを公開している場合だけです（RFC 7489 7.1、DMARCbis）。',
    fix: '各送信先が、次の名前に値 v=DMARC1 の TXT レコードを公開する必要があります：{names}。DMARC レポート解析サービスは通常すでに公開しています。レコードを公開する前に確認してください。',
  },
  'dmarc.plan': {
    title: '{domain} の DMARC の次の段階：{stage}',
    detail:
      '{domain} の現在のポリシー：{current}。正規のメールを失わずに p=reject へ移行するため、段階を踏みます。まず監視（rua= 付きの p=none で集約レポートを受け取ります）、次に quarantine、最後に reject です。公開するレコードを順に示します：{steps}',
    fix: '_dmarc.{recordDomain} に{replacing}次の TXT レコードを公開してください：{record}。{when}',
    values: {
      current: { 'no-record': '適用される DMARC レコードはありません' },
      replacing: { new: '', replace: '、現在のレコードの代わりに' },
      stage: {
        monitor: 'レポート付きの監視（p=none）',
        quarantine: '隔離（p=quarantine）',
        reject: '拒否（p=reject）',
      },
      when: {
        monitor:
          'その後 2～4 週間集約レポートを確認し、あなたのドメインで送信するすべてのサービスが、アラインメントの取れた SPF または DKIM で成功するようにしてください。',
        quarantine:
          '集約レポートに問題のない状態（正規の送信元がすべて DMARC に成功）が 2～4 週間続いてから公開してください。DMARCbis には段階的に適用するための pct= がないため、先に影響を確かめたい場合は、しばらく t=y を付けて公開してください。',
        reject:
          '現在のポリシーで、集約レポートに問題のない状態がさらに 2～4 週間続いてから公開してください。',
      },
    },
  },
};
