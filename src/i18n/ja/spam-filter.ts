import type { AreaCatalog } from '../types.js';

const engine = {
  spamassassin: 'SpamAssassin',
  rspamd: 'rspamd',
  builtin: 'mailscore の内蔵ルール',
};

export const spamFilter: AreaCatalog<'spamFilter'> = {
  'spamFilter.clean': {
    title: 'スパムフィルターは本文に問題を見つけませんでした（{points} 点）',
    detail:
      'スパムフィルター（{engine}）の評価は {points} 点です（{threshold} 点以上をスパムと見なします）。プラスの点数のルールには該当しなかったため、減点はありません。評価を上げたルール: {bonuses}。',
    fix: null,
    values: { engine },
  },
  'spamFilter.score': {
    title: 'スパムフィルターの評価は {points} 点です（{verdict}）',
    detail:
      'スパムフィルター（{engine}）は {threshold} 点以上をスパムと見なします。点数の大きいルール: {rules}。mail-tester と同じく、スパムフィルターの 1 点につき 1 点を減点します（最大 5 点）。該当したすべてのルールと、それぞれが何を検出するかは、下の「スパムフィルター」の欄に載っています。',
    fix: 'これらのルールが反応している内容を直してください: {rules}。各ルールが何を検出するかは「スパムフィルター」の欄の説明にあります（例: 大文字ばかりの件名、テキストパートのない HTML、金額の表記、IP アドレスへのリンク）。直したらもう一度送信して、点数を確かめてください。',
    values: {
      engine,
      verdict: { spam: 'しきい値以上でスパム判定', ham: 'スパムのしきい値未満' },
    },
  },
  'spamFilter.error': {
    title: 'スパムフィルターの判定を得られませんでした',
    detail:
      'スパムフィルター（{engine}）が{reason}ため、このメッセージの本文は採点されていません。この項目による減点はありません。',
    fix: null,
    values: {
      engine,
      reason: {
        unreachable: '接続できなかった',
        timeout: '時間内に応答しなかった',
        protocol: '読み取れない形式で応答した',
        'too-large': '大きすぎる応答を返した',
        closed: '応答の途中で接続を切った',
        refused: 'エラーを返した',
        aborted: '判定の途中で打ち切られた',
        failed: '処理中に失敗した',
      },
    },
  },
};
