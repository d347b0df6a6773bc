import type { AreaCatalog } from '../types.js';

/** 各リターンコードの意味（コードは src/blocklists/zones.ts）。CLI とページも登録内容をこの言葉で示します。 */
export const BLOCKLIST_MEANINGS = {
  // IP のリスト
  'spam-source': '既知のスパム送信元またはスパム業者（Spamhaus SBL）',
  snowshoe: '評価の低いメールの送信元（多数のアドレスに薄く分散させたスパムなど。Spamhaus CSS）',
  exploited:
    '感染または悪用されたマシン（ボットネット、オープンプロキシ、乗っ取られたアカウント。Spamhaus XBL）',
  'hijacked-network': '乗っ取られたネットワーク、または犯罪者が運用するネットワークの一部（Spamhaus DROP）',
  'policy-isp':
    '所有者（ISP）が直接メールを配送すべきでないとしているアドレス帯（家庭用回線や動的割り当てなど。ISP が登録した Spamhaus PBL）',
  'policy-spamhaus':
    'Spamhaus が家庭用回線や動的割り当てと判断し、直接メールを配送すべきでないとしたアドレス帯（Spamhaus PBL）',
  'spam-reports': '受信者からスパムとして報告された送信元（SpamCop）',
  'poor-reputation': '送信の評価が低いアドレス（Barracuda）',
  'spamtrap-hits': 'スパムトラップにメールを送ったアドレス',
  'bad-neighbourhood': '登録済みのアドレスが多い割り当て範囲にあるアドレス（このアドレス自体とは限りません）',
  'bad-network': '登録済みのアドレスが多いネットワーク（AS）にあるアドレス（このアドレス自体とは限りません）',
  'spam-wave': '最近のスパムの波に加わったアドレス（Mailspike）',
  'reputation-worst': '最低の評価のアドレス（Mailspike L5）',
  'reputation-very-bad': '評価がとても低いアドレス（Mailspike L4）',
  'reputation-bad': '評価が低いアドレス（Mailspike L3）',
  'reputation-suspicious': '評価に疑わしい点があるアドレス（Mailspike L2）',
  // 許可リスト
  'trust-none': '許可リストに載っているものの、特に信頼されてはいない送信元（DNSWL none）',
  'trust-low': '信頼度の低い既知の送信元（DNSWL low）',
  'trust-medium': '信頼度が中程度の既知の送信元（DNSWL medium）',
  'trust-high': '信頼度の高い既知の送信元（DNSWL high）',
  'reputation-average': '評価が平均的なアドレス（Mailspike H2）',
  'reputation-good': '評価が良いアドレス（Mailspike H3）',
  'reputation-very-good': '評価がとても良いアドレス（Mailspike H4）',
  'reputation-excellent': '評価が非常に優れたアドレス（Mailspike H5）',
  // ドメインのリスト
  spam: 'スパムのドメイン',
  phish: 'フィッシングのドメイン',
  malware: 'マルウェアのドメイン',
  botnet: 'ボットネットの指令サーバー（C&C）のドメイン',
  'abused-spam': 'スパム送信に悪用された正規のドメイン',
  'abused-redirector': 'スパム送信者に悪用された正規のリダイレクター',
  'abused-phish': '乗っ取られてフィッシングに使われている正規のドメイン',
  'abused-malware': '乗っ取られてマルウェアの配布に使われている正規のドメイン',
  'abused-botnet': '乗っ取られてボットネットの指令に使われている正規のドメイン',
  abuse: 'スパムや不正利用で確認されたドメイン',
  cracked: '侵害された（乗っ取られた）正規のサイト',
  black: 'スパムと確認されたドメイン（URIBL black）',
  grey: '一方的な大量配信が疑われるドメイン（URIBL grey）',
  red: 'メールで使われ始めたばかりの新しいドメイン（URIBL red）',
  // どのリストでも
  listed: 'この mailscore の運用者が追加したリストへの登録',
  unknown: 'このバージョンの mailscore が知らないコードでの登録',
};

const ADVICE = {
  'stop-spam':
    'まずスパムを送った原因を突き止めて止めてください（乗っ取られたメールボックスやパスワード、メールを送信する Web フォームやスクリプト、確認済みの同意のない配信リストなど）。そのうえで削除を依頼してください。ほとんどのリストは、スパムが止まればまもなく登録を削除します。',
  'clean-host':
    'まずこのアドレスの背後にあるマシンを駆除してください。この登録は、マルウェア、オープンプロキシ、乗っ取られたアカウントのような振る舞いを示しています（同じグローバル IP を共有するすべての機器が対象です）。メールアカウントのパスワードを変更し、オープンプロキシやオープンリレーを閉じてから、削除を依頼してください。',
  'clean-site':
    'まずドメインがどのように悪用されたかを突き止めて直してください（改ざんされたページ、オープンリダイレクト、書き換えられた DNS レコードやサブドメイン、スパムを送るアフィリエイトなど）。そのうえで削除を依頼してください。',
  practices:
    'この登録はメールの評価を表しています。希望した人にだけ送り、不達や反応のないアドレスを削除し、配信停止にはすぐに応じ、送信量を急に増やさないでください。メールが改善されればこの種の登録は自然に外れます。改善してから削除を依頼してください。',
  'change-network':
    'このアドレスが属するネットワーク全体が、乗っ取られた、または犯罪者のものとして登録されています。送信者には解決できません。別のプロバイダーのアドレスから送信してください。',
  policy:
    'このアドレスが自社のメールサーバー（逆引き DNS がサーバー名を示す固定アドレス）であれば、ISP に PBL からの削除を依頼するか（ISP が登録したもの）、https://check.spamhaus.org/ で自分で削除してください（Spamhaus が登録したもの）。家庭用回線や動的なアドレスであれば、直接配送せず、プロバイダーやメール配信サービスの送信サーバー（587 番ポート）を経由して送ってください。',
  neighbourhood:
    'この登録はこのアドレスではなく、プロバイダーのネットワークについてのものです。ネットワーク内の不正利用に対処するようプロバイダーに依頼するか、問題のないネットワークのプロバイダーに移ってください。これらのレベルで拒否する受信側は少ないため、有料の即時削除は必要ありません。',
  unknown: '登録の意味と削除の方法は、リストのページで確認してください。',
};

/** 登録の確認と削除の依頼先（リスト自身のページ）。 */
const REMOVAL = '登録の確認と削除の依頼はこちら: {removal}';

export const blocklists: AreaCatalog<'blocklists'> = {
  'blocklists.clean': {
    title: 'どのブロックリストにも登録されていません',
    detail: '{targets} を {count} 件のリスト（{lists}）で照会し、いずれにも登録されていませんでした。',
    fix: null,
  },
  'blocklists.ip-listed': {
    title: '送信元 IP {ip} が主要なブロックリストに登録されています: {lists}',
    detail:
      '{ip} は {meaning} として登録されています。登録内容: {listings}。これらのリストを使う受信側は、送信ドメイン認証や内容を見る前に、SMTP の段階でこのアドレスからのメールを拒否します。そのため、ほかのどの問題よりも重く扱っています。',
    fix: `{advice}${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.ip-minor': {
    title: '送信元 IP {ip} がブロックリストに登録されています: {lists}',
    detail:
      '{ip} は {meaning} として登録されています。登録内容: {listings}。これらのリストでメールを拒否する受信側は多くありませんが、SpamAssassin や rspamd などのスパムフィルターは点数を加え、ほかの兆候と合算されます。',
    fix: `{advice}${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.ip-info': {
    title: '送信元 IP {ip} がポリシーリストに登録されています: {lists}',
    detail:
      '{ip} は {meaning} として登録されています。登録内容: {listings}。これはポリシーリストで、送信者による不正ではなく、アドレス帯（そこから直接送信してよいかどうか）について述べるものなので、減点していません。ただし、これらのリストを使う受信側は、このようなアドレスから直接配送されたメールを拒否します。',
    fix: `{advice}${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.domain-listed': {
    title: '{domain} が主要なドメインブロックリストに登録されています: {lists}',
    detail:
      '送信者のドメインが {meaning} として登録されています。登録内容: {listings}（全 {count} 件。照会したドメイン: {domains}）。受信側は From、エンベロープ送信者、DKIM 署名のドメインをこれらのリストで照会し、登録されたドメインのメールは、送信ドメイン認証に合格していても拒否するか迷惑メールとして扱います。',
    fix: `{advice}${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.domain-minor': {
    title: '{domain} がドメインブロックリストに軽度の登録をされています: {lists}',
    detail:
      '送信者のドメインが {meaning} として登録されています。登録内容: {listings}（全 {count} 件。照会したドメイン: {domains}）。これはスパムのドメインそのものではなく、悪用された正規のドメインや疑いを示す登録です。フィルターは小さな点数を付け、ほかの兆候と合算されます。',
    fix: `{advice}${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.domain-info': {
    title: '{domain} が参考情報扱いのリストに登録されています: {lists}',
    detail:
      '送信者のドメインが {meaning} として登録されています。登録内容: {listings}（全 {count} 件。照会したドメイン: {domains}）。この mailscore の運用者はこれらのリストを参考情報として扱っているため、減点していません。',
    fix: `{advice}${REMOVAL}`,
    values: { meaning: BLOCKLIST_MEANINGS, advice: ADVICE },
  },
  'blocklists.allowlisted': {
    title: '許可リストに登録されています: {lists}',
    detail:
      '登録内容: {listings}。許可リストは既知の送信者を保証するもので、一部のフィルター（SpamAssassin、rspamd）は点数を差し引きます。参考として表示しており、スコアには影響しません。',
    fix: null,
    values: { meaning: BLOCKLIST_MEANINGS },
  },
  'blocklists.refused': {
    title: 'ブロックリストが照会を拒否しました: {count} 件',
    detail:
      '{lists} が、この mailscore の使う DNS リゾルバーからの照会への回答を拒否したため、登録の有無は不明です。減点していません。リストは、公開リゾルバーやフォワーダー（8.8.8.8、1.1.1.1 など）、無料の範囲を超えて照会するリゾルバー、また Barracuda など一部のリストでは登録されていないリゾルバーからの照会を拒否します。',
    fix: '{advice}',
    values: {
      advice: {
        'own-resolver':
          'この mailscore の運用者の方へ: 公開リゾルバーへ転送するのではなく、サーバー上で自前の再帰リゾルバー（unbound など）を動かし、MAILSCORE_DNS（または --dns）にそのアドレスを設定してください。これらのリストは少量の直接の照会には無料で回答します。大量に照会する場合は、各リストのデータフィードを契約してください。',
        register:
          'この mailscore の運用者の方へ: DNS リゾルバーのグローバル IP アドレスをリストに登録するか（Barracuda: https://www.barracudacentral.org/account/register 、無料）、ブロックリスト設定ファイル（--blocklists）でそのリストを外してください。',
        both: 'この mailscore の運用者の方へ: 公開リゾルバーへ転送するのではなく自前の再帰リゾルバー（unbound など）を動かして MAILSCORE_DNS（または --dns）に設定し、登録を求めるリストにはそのグローバル IP アドレスを登録してください（Barracuda: https://www.barracudacentral.org/account/register 、無料）。',
      },
    },
  },
  'blocklists.error': {
    title: 'ブロックリストの照会に応答がありません: {count} 件',
    detail: '{lists}: {reason}。登録の有無は不明のため、減点していません。',
    fix: '{advice}',
    values: {
      reason: {
        'bad-query': 'リストが照会を不正な形式として拒否しました',
        timeout: '時間内に応答がありませんでした',
        'dns-error': 'DNS サーバーがエラーを返しました（SERVFAIL または不正な形式の応答）',
        unexpected:
          '応答がリストのコードではありませんでした（リゾルバーが存在しない名前をアドレスに書き換えている可能性があります）',
        refused: 'リストが照会を拒否しました',
        internal: 'ブロックリストの確認処理そのものが失敗しました',
      },
      advice: {
        'bad-query':
          'この mailscore の運用者の方へ: ブロックリスト設定ファイル（--blocklists）のゾーン名を確認してください。正しければ、不具合として報告してください。',
        timeout:
          'この mailscore の運用者の方へ: DNS リゾルバーが各リストのネームサーバーに到達できること（UDP と TCP の 53 番ポートの外向き通信）を確認し、もう一度テストしてください。応答しないリストは、ブロックリスト設定ファイル（--blocklists）で外せます。',
        'dns-error':
          'この mailscore の運用者の方へ: MAILSCORE_DNS（または --dns、/etc/resolv.conf）で指定した DNS リゾルバーとそのログを確認し、もう一度テストしてください。',
        unexpected:
          'この mailscore の運用者の方へ: NXDOMAIN をそのまま返すリゾルバー（検索補助や広告への書き換えをしないもの。自前の unbound など）を使ってください。',
        refused:
          'この mailscore の運用者の方へ: 公開リゾルバーへ転送するのではなく自前の再帰リゾルバーを動かし、MAILSCORE_DNS（または --dns）に設定してください。',
        internal: 'この mailscore の運用者の方へ: 不具合として、メールを添えて報告してください。',
      },
    },
  },
  'blocklists.ip-not-checked': {
    title: '送信元 IP {ip} はブロックリストで照会していません',
    detail: '{ip} は{reason}（アドレス範囲: {block}）。',
    fix: null,
    values: {
      reason: {
        'not-public':
          'プライベートまたは予約済みのアドレスで、どのブロックリストにも登録されることはありません。この mailscore と同じネットワークから送られたメールでは通常のことです',
        'not-an-ip': 'IP アドレスではありません',
      },
    },
  },
};
