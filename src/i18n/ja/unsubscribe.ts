import type { AreaCatalog } from '../types.js';

/** RFC 8058 の 2 つのヘッダーフィールド（各修正方法で共通の書き方）。 */
const HEADERS =
  '「List-Unsubscribe: <https://{domain}/unsubscribe?u=RECIPIENT-TOKEN>, <mailto:unsubscribe@{domain}?subject=unsubscribe>」と「List-Unsubscribe-Post: List-Unsubscribe=One-Click」';

export const unsubscribe: AreaCatalog<'unsubscribe'> = {
  'unsubscribe.not-bulk': {
    title: '一斉配信・マーケティングメールの特徴はありません',
    detail:
      'List-Id、List-Unsubscribe、Precedence: bulk、キャンペーン用のヘッダーも、配信停止リンクも見当たらないため、個別のメールまたはトランザクションメールと判断しました。Gmail・Yahoo・Outlook.com の配信停止に関するルールは適用されません。ヘッダーから分かるメール配信サービス: {services}。このメールを購読者のリストに一斉送信する場合は、やはりワンクリック配信停止が必要です。',
    fix: null,
  },
  'unsubscribe.bulk': {
    title: '一斉配信・マーケティングメールと判断しました',
    detail:
      '見つかった特徴: {signals}。Gmail と Yahoo は、購読型・マーケティングメールにワンクリック配信停止と本文中の分かりやすい配信停止リンクを求めているため、以下のチェックを適用します。領収書やパスワード再設定などのトランザクションメールは対象外です。このメールがそれに当たる場合は、リスト用・キャンペーン用のヘッダーを付けないでください。',
    fix: null,
  },
  'unsubscribe.one-click': {
    title: 'ワンクリック配信停止（RFC 8058）に対応しています',
    detail:
      'List-Unsubscribe に {uris} があり、List-Unsubscribe-Post でワンクリックを指定し、{signedBy} の DKIM 署名が両方のフィールドを対象にしています。Gmail と Yahoo では配信停止ボタンが表示され、ページを開かずに {https} への POST 1 回で配信が停止されます。',
    fix: null,
  },
  'unsubscribe.missing': {
    title: 'List-Unsubscribe ヘッダーがありません',
    detail:
      'Gmail と Yahoo は、一斉配信・マーケティングメールにワンクリック配信停止（RFC 8058）付きの List-Unsubscribe ヘッダーを必須としており、ないメールは迷惑メールフォルダに振り分けるか拒否します。メールソフトから配信停止できない受信者は代わりに「迷惑メールを報告」を押すため、{domain} の評価が下がります。',
    fix: `次の 2 つのヘッダーフィールドを追加し、両方を DKIM 署名の h= に含めてください: ${HEADERS}。https の URL は、ログインや確認ページなしに POST だけで配信を停止し、2 日以内に反映する必要があります。多くのメール配信サービスでは、配信停止（リスト管理）の設定を有効にするとこれらのフィールドが付きます。`,
  },
  'unsubscribe.malformed': {
    title: 'List-Unsubscribe に使えるアドレスがありません',
    detail:
      'List-Unsubscribe: {value}。RFC 2369 では各アドレスを <https://…> や <mailto:…> のように山かっこで囲みます。ここにはそれがないため、受信側はこのヘッダーをないものとして扱います。',
    fix: `各アドレスを山かっこで囲んでカンマで区切り、ワンクリック用のフィールドも追加してください: ${HEADERS}。両方のフィールドを DKIM 署名の h= に含めてください。`,
  },
  'unsubscribe.no-one-click': {
    title: 'List-Unsubscribe にワンクリック（List-Unsubscribe-Post）がありません',
    detail:
      'List-Unsubscribe には {uris} がありますが、「List-Unsubscribe-Post: List-Unsubscribe=One-Click」フィールドがありません。Gmail と Yahoo は一斉送信者にワンクリック配信停止（RFC 8058）を求めています。これがないと、配信停止ボタンはその場で停止せず、ページを開くかメールを送る動作になります。',
    fix: '「List-Unsubscribe-Post: List-Unsubscribe=One-Click」フィールドを追加し、List-Unsubscribe に POST だけで配信を停止する https の URL（ログインや確認ページなし）があることを確認して、List-Unsubscribe と List-Unsubscribe-Post を DKIM 署名の h= に含めてください。',
  },
  'unsubscribe.one-click-invalid': {
    title: 'ワンクリック配信停止のフィールドが正しくありません',
    detail:
      'List-Unsubscribe-Post: {value}。List-Unsubscribe: {uris}。ワンクリック配信停止（RFC 8058）には{reason}ため、受信側はこれを無視します。',
    fix: 'フィールドを正確に「List-Unsubscribe-Post: List-Unsubscribe=One-Click」とし、List-Unsubscribe に POST だけで配信を停止する https の URL（例: <https://{domain}/unsubscribe?u=RECIPIENT-TOKEN>）を入れてください。両方のフィールドを DKIM で署名してください（h= に含めます）。',
    values: {
      reason: {
        'bad-value': '値「List-Unsubscribe=One-Click」だけが必要な',
        'no-https': 'List-Unsubscribe に https の URL が必要な（mailto や http のアドレスは使えません）',
      },
    },
  },
  'unsubscribe.not-signed': {
    title: 'ワンクリック配信停止のフィールドが DKIM 署名の対象外です',
    detail:
      'List-Unsubscribe（{uris}）と List-Unsubscribe-Post はありますが、両方を対象にした有効な DKIM 署名がありません（または、署名の h= に挙げた回数より多くフィールドが現れています）。RFC 8058 は、途中で別のアドレスに差し替えられないよう署名を必須としており、Gmail は署名のないワンクリックを無視します。',
    fix: '{domain} の DKIM 署名の h=（多くの署名ソフトでは「署名するヘッダーの一覧」）に List-Unsubscribe と List-Unsubscribe-Post を加え、両方のフィールドは署名の前に付けてください（署名の後に付けないでください）。メール配信サービスによっては、ワンクリックを有効にすると自動で設定されます。',
  },
  'unsubscribe.visible': {
    title: '本文に分かりやすい配信停止{how}があります',
    detail:
      '見つかったもの:「{evidence}」。Gmail と Yahoo は、マーケティングメールにヘッダーだけでなく本文にも分かりやすい配信停止リンクを置くよう求めています。',
    fix: null,
    values: {
      how: {
        link: 'リンク',
        text: 'の案内',
      },
    },
  },
  'unsubscribe.no-visible': {
    title: '本文に配信停止リンクが見当たりません',
    detail:
      '本文に「配信停止」「unsubscribe」などのリンクや文言が見つかりませんでした。Gmail と Yahoo は、マーケティングメールにヘッダーだけでなく本文にも分かりやすい配信停止リンクを求めています。見つけられない読者は「迷惑メールを報告」を押しがちです。',
    fix: 'すべてのマーケティングメールのフッターに「配信停止」などのリンクを置き、1 ステップで配信を停止できる {domain} のページにつないでください。文言はメールと同じ言語にしてください。',
  },
};
