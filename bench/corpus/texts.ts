/**
 * The words of the calibration corpus: ordinary correspondence, marketing, and eight kinds of spam, in
 * English and Japanese. Written as such mail is written, not from the built-in rules' patterns: many
 * sentences carry none of the rules' phrases, and many spam sentences trip only SpamAssassin's.
 */

export type SpamKind =
  'prize' | 'phishing' | 'pharma' | 'investment' | 'loan' | 'advanceFee' | 'earnMoney' | 'dating';

export const SPAM_KINDS: readonly SpamKind[] = [
  'prize',
  'phishing',
  'pharma',
  'investment',
  'loan',
  'advanceFee',
  'earnMoney',
  'dating',
];

export interface Pool {
  subjects: readonly string[];
  paragraphs: readonly string[];
}

export interface LanguageTexts {
  firstNames: readonly string[];
  companies: readonly string[];
  greeting: (name: string) => string;
  genericGreetings: readonly string[];
  signoffs: readonly string[];
  ham: Pool;
  replies: Pool;
  marketing: Pool;
  spam: Record<SpamKind, Pool>;
  unsubscribe: readonly string[];
  callsToAction: readonly string[];
  brands: readonly string[];
}

const en: LanguageTexts = {
  firstNames: ['Anna', 'Bob', 'Chris', 'Diana', 'Eric', 'Fiona', 'George', 'Hannah', 'Ivan', 'Julia'],
  companies: [
    'Northwind Traders',
    'Contoso Books',
    'Fabrikam Tools',
    'Tailspin Travel',
    'Wingtip Garden Supply',
  ],
  greeting: (name) => `Hi ${name},`,
  genericGreetings: [
    'Dear Customer,',
    'Dear Friend,',
    'Dear Sir/Madam,',
    'Hello,',
    'Dear valued member,',
    'Attention:',
  ],
  signoffs: ['Best regards,', 'Thanks,', 'Cheers,', 'Kind regards,', 'See you soon,'],
  ham: {
    subjects: [
      'Notes from Tuesday’s meeting',
      'Your order has shipped',
      'Invoice 2025-0412 for June',
      'Agenda for the planning session',
      'Draft of the quarterly report',
      'Lunch on Friday?',
      'Updated rota for next month',
      'Password changed for your account',
      'Your appointment is confirmed',
      'Photos from the weekend',
      'Question about the contract',
      'Welcome to the team',
    ],
    paragraphs: [
      'Thanks for coming to the meeting this morning. I have put the action items in the shared folder, and Chris will follow up with the supplier about the delivery dates.',
      'Your order #48213 left our warehouse today. The parcel should arrive within three working days; you can follow it with the tracking number in your account.',
      'Please find attached the invoice for June. Payment is due within 30 days of the invoice date, as agreed in our contract.',
      'The planning session starts at 10:00 in room 4B. We will go through the roadmap first, then split into groups to estimate the work for the autumn release.',
      'I went through the draft and left a few comments on the figures in section 3. The rest reads well; could you check the totals before we send it to the board?',
      'Are you free for lunch on Friday? There is a new place near the station that Diana recommended, and they have a quiet room for small groups.',
      'Here is the updated rota. I swapped the Monday and Wednesday shifts as you asked; let me know if anything else needs to change before I publish it.',
      'The password for your account was changed on 3 June at 14:12. If you made this change, there is nothing to do. If not, please contact our support team.',
      'Your appointment with Dr. Tanaka is confirmed for Thursday at 15:30. Please arrive ten minutes early and bring your insurance card.',
      'The photos from the hike are in the album now. The ones from the lake came out especially well; feel free to download any you like.',
      'I have a question about clause 7 of the contract: does the notice period start when the letter is sent or when it is received? Our lawyer would like to know.',
      'Welcome aboard! Your laptop will be ready on Monday morning, and Hannah will show you around the office and introduce you to the rest of the team.',
      'The library will be closed on Saturday for maintenance. Books due that day can be returned on Monday without a late fee.',
      'We have moved the release to the 24th so that the translation team has time to finish the Japanese and German versions.',
      'Attached is the signed copy of the agreement for your records. The original will go out by post this week.',
    ],
  },
  replies: {
    subjects: [
      'Re: Notes from Tuesday’s meeting',
      'Re: Invoice 2025-0412 for June',
      'Re: Lunch on Friday?',
      'Fwd: Draft of the quarterly report',
    ],
    paragraphs: [
      'Thanks, that works for me. I will bring the printed copies.',
      'Good catch on the totals, I have fixed them in the shared copy.',
      'Friday is fine. Shall we meet at the entrance at 12:15?',
      'Forwarding this so you have the latest version before the call.',
    ],
  },
  marketing: {
    subjects: [
      'Our summer collection is here',
      'Members save 20% this weekend',
      'New arrivals you might like',
      'Your June newsletter',
      'Last days of the spring sale',
      'Free shipping on orders over $50',
      'Tips for getting more out of your garden',
    ],
    paragraphs: [
      'Our summer collection has arrived, with linen shirts, light jackets and sandals in new colours. Browse the lookbook to see the full range.',
      'This weekend only, members save 20% on everything in store and online. Use your member card at checkout or sign in before you pay.',
      'Based on your last purchase, we picked a few new titles we think you will enjoy, from crime fiction to travel writing.',
      'In this month’s newsletter: how to plan a vegetable bed, a visit to our partner farm, and the winners of the photo contest.',
      'The spring sale ends on Sunday. Many items are now half price, and stock is limited on the most popular sizes.',
      'Orders over $50 ship free until the end of the month. Returns are free too, within 30 days of delivery.',
    ],
  },
  spam: {
    prize: {
      subjects: [
        'CONGRATULATIONS! You have been selected',
        'Your prize is waiting for you',
        'Final notice: unclaimed reward',
        'You are our lucky winner!!!',
        'WINNER NOTIFICATION',
      ],
      paragraphs: [
        'Congratulations! Your email address was selected in our annual international lottery draw and you have won the sum of $1,500,000.00 USD.',
        'To claim your prize, reply with your full name, address, phone number and a copy of your passport to our claims agent.',
        'You have been chosen to receive a brand new iPhone 16 Pro. Only 3 units remain, so confirm your shipping details today.',
        'This is your final notice. If we do not hear from you within 48 hours your winnings will be returned to the prize pool.',
        'Our records show an unclaimed reward of 750 dollars on your account. Click below to collect it before it expires.',
      ],
    },
    phishing: {
      subjects: [
        'Your account has been suspended',
        'Action required: verify your identity',
        'Unusual sign-in activity detected',
        'Payment declined - update your billing information',
        'Security alert: your password expires today',
      ],
      paragraphs: [
        'We detected unusual sign-in activity on your account from a new device. For your protection, access has been limited until you confirm your identity.',
        'Your payment could not be processed. To avoid interruption of your service, update your billing information within 24 hours.',
        'Your mailbox password expires today. Keep your current password by validating your account using the secure link below.',
        'Failure to verify your account will result in permanent suspension and the loss of all stored data.',
        'Sign in with your email address and password on the secure page to restore full access to your account.',
      ],
    },
    pharma: {
      subjects: [
        'Cheap meds online',
        'Lose 20 pounds in 2 weeks',
        'Best prices on V1agra and Cialis',
        'Doctor-approved weight loss',
      ],
      paragraphs: [
        'Buy Viagra, Cialis and Levitra at the lowest prices online. No prescription needed, discreet packaging and worldwide delivery.',
        'Our doctor-approved formula helps you lose weight fast without diet or exercise. Thousands of happy customers have already tried it.',
        'Save up to 80% on brand-name medications from our licensed online pharmacy. Order now and get 10 free pills.',
        'The natural supplement that burns fat while you sleep. 100% guaranteed results or your money back.',
      ],
    },
    investment: {
      subjects: [
        'This stock is about to explode',
        'Double your bitcoin in 7 days',
        'Exclusive crypto opportunity',
        'Hot stock alert: XYZQ',
      ],
      paragraphs: [
        'Our analysts expect XYZQ to rise more than 400% this week after the announcement. Get in before the market opens on Monday.',
        'Join thousands of investors who doubled their money with our automated crypto trading platform. Start with as little as $250.',
        'This exclusive investment opportunity offers guaranteed returns of 30% per month. Places are limited to the first 100 members.',
        'Send any amount of bitcoin to the wallet below and we will send back double, as part of our anniversary celebration.',
      ],
    },
    loan: {
      subjects: [
        'Pre-approved: $25,000 loan',
        'Consolidate your debt today',
        'Bad credit? No problem',
        'Lower your mortgage payment',
      ],
      paragraphs: [
        'You have been pre-approved for a personal loan of up to $25,000 with no credit check and funds in your account within 24 hours.',
        'Consolidate all your debt into one low monthly payment. Bad credit is not a problem; our partners accept every application.',
        'Homeowners can lower their mortgage payment by hundreds of dollars a month. Rates have never been lower, so refinance now.',
        'Stop the calls from debt collectors. Our debt relief program can cut what you owe by up to half.',
      ],
    },
    advanceFee: {
      subjects: [
        'Urgent business proposal',
        'Confidential: inheritance transfer',
        'From the desk of Barrister James Okoro',
        'Compensation fund payment',
      ],
      paragraphs: [
        'I am Barrister James Okoro, personal attorney to the late engineer who died with his family in a car accident, leaving a deposit of US$10,500,000.',
        'As the next of kin was never found, I seek your consent to present you as the beneficiary so that the funds can be transferred to your bank account.',
        'You will receive 40% of the total sum for your assistance. This transaction is 100% risk free and must be kept strictly confidential.',
        'Kindly send your full name, bank details and direct phone number so that the transfer of the fund can begin immediately.',
        'The United Nations compensation fund has approved a payment of $2.5 million in your name, to be delivered as an ATM card.',
      ],
    },
    earnMoney: {
      subjects: [
        'Earn $500 a day from home',
        'Be your own boss',
        'Work from home opportunity',
        'Make money online - no experience needed',
      ],
      paragraphs: [
        'Earn $500 a day working from home with nothing but your phone. No experience needed, and you decide your own hours.',
        'Tired of your 9 to 5? Be your own boss and build passive income with our proven system, used by thousands of members.',
        'Make money online by completing simple tasks. Our members earn an extra income of up to $3,000 every month.',
        'Financial freedom is closer than you think. Watch the free video to see how ordinary people quit their jobs in 90 days.',
      ],
    },
    dating: {
      subjects: [
        'Lonely women in your area',
        'She wants to meet you tonight',
        'Hot singles near you',
        'Play at our online casino',
      ],
      paragraphs: [
        'Thousands of lonely women in your area are waiting to chat with you tonight. Sign up free and see who is online right now.',
        'Claim a 200% welcome bonus at our online casino and spin the slots with 100 free spins on your first deposit.',
        'Hot singles near you want to meet. Create your free profile in 30 seconds and start chatting today.',
        'Our adult dating site is 100% discreet. Meet real people tonight, no credit card required.',
      ],
    },
  },
  unsubscribe: [
    'You are receiving this email because you subscribed to our newsletter. Unsubscribe at any time.',
    'To stop receiving these emails, manage your preferences or unsubscribe.',
  ],
  callsToAction: ['Click here', 'Shop now', 'Claim now', 'Verify now', 'Read more', 'View online', 'Sign in'],
  brands: ['PayPal', 'Amazon', 'Apple', 'Microsoft', 'Netflix', 'DHL', 'Wells Fargo'],
};

const ja: LanguageTexts = {
  firstNames: ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'],
  companies: ['さくら商事', '青葉書店', '北斗工業', 'みなと旅行', 'ひかり電機'],
  greeting: (name) => `${name}様`,
  genericGreetings: ['お客様各位', '親愛なるお客様', '会員の皆様', 'お客様へ', '親愛なる友人へ'],
  signoffs: [
    'よろしくお願いいたします。',
    '引き続きよろしくお願いします。',
    '以上、よろしくお願いいたします。',
    'ご確認のほど、よろしくお願いいたします。',
  ],
  ham: {
    subjects: [
      '打ち合わせの議事録',
      'ご注文の商品を発送しました',
      '6月分の請求書について',
      '企画会議のアジェンダ',
      '四半期報告書の下書き',
      '金曜日のランチについて',
      '来月のシフト表',
      'パスワード変更のお知らせ',
      'ご予約確定のお知らせ',
      '週末の写真',
      '契約書についてのご質問',
      '新しいメンバーのご紹介',
    ],
    paragraphs: [
      '本日はお忙しいところ打ち合わせにご参加いただき、ありがとうございました。決定事項は共有フォルダにまとめましたので、ご確認ください。',
      'ご注文いただいた商品を本日発送いたしました。お届けまで3営業日ほどかかります。配送状況はマイページからご確認いただけます。',
      '6月分の請求書を添付いたします。お支払い期限は契約書のとおり、請求日から30日以内となっております。',
      '企画会議は10時から4階の会議室で行います。まずロードマップを確認し、その後グループに分かれて秋のリリースの作業量を見積もります。',
      '下書きを拝見し、3章の数字にいくつかコメントを付けました。全体としてはよくまとまっていますので、合計だけ確認していただけますか。',
      '金曜日のお昼はご都合いかがでしょうか。駅の近くに新しいお店ができたそうで、少人数向けの個室もあるそうです。',
      '来月のシフト表を更新しました。ご希望どおり月曜と水曜を入れ替えています。ほかに修正があれば公開前にお知らせください。',
      '6月3日14時12分にアカウントのパスワードが変更されました。お客様ご自身による変更であれば、対応は不要です。お心当たりがない場合はサポートまでご連絡ください。',
      '木曜日15時30分の診察のご予約を承りました。10分前までにお越しいただき、保険証をお持ちください。',
      'ハイキングの写真をアルバムに追加しました。湖の写真が特にきれいに撮れていますので、お好きなものをダウンロードしてください。',
      '契約書の第7条について質問があります。解約予告の期間は通知を送った日から数えるのでしょうか、それとも届いた日からでしょうか。',
      'ようこそ。ノートパソコンは月曜の朝に準備ができます。当日は高橋さんがオフィスを案内し、チームのメンバーを紹介します。',
      '土曜日は設備点検のため図書館を休館いたします。当日が返却期限の本は、月曜日に返却いただいても延滞扱いにはなりません。',
      '翻訳チームが日本語版とドイツ語版を仕上げられるよう、リリースを24日に延期しました。',
      '署名済みの契約書の写しを添付いたします。原本は今週中に郵送いたします。',
    ],
  },
  replies: {
    subjects: [
      'Re: 打ち合わせの議事録',
      'Re: 6月分の請求書について',
      'Re: 金曜日のランチについて',
      'Fwd: 四半期報告書の下書き',
    ],
    paragraphs: [
      'ありがとうございます。その日程で問題ありません。資料は印刷して持っていきます。',
      '合計のご指摘ありがとうございます。共有版を修正しました。',
      '金曜日で大丈夫です。12時15分に入口で待ち合わせましょう。',
      '打ち合わせの前に最新版をお送りしておきます。',
    ],
  },
  marketing: {
    subjects: [
      '夏の新作が入荷しました',
      '会員様限定 週末20%オフ',
      'おすすめの新着アイテム',
      '6月のニュースレター',
      '春のセールは今週末まで',
      '5,000円以上で送料無料',
      'ガーデニングのコツをお届けします',
    ],
    paragraphs: [
      '夏の新作コレクションが入荷しました。リネンのシャツ、軽いジャケット、新色のサンダルなど、全ラインナップをカタログでご覧ください。',
      '今週末は会員様限定で、店舗とオンラインストアの全商品が20%オフになります。お会計の際に会員カードをご提示ください。',
      '前回のご購入をもとに、お好みに合いそうな新刊を選びました。ミステリーから紀行文まで幅広くご紹介します。',
      '今月のニュースレターでは、家庭菜園の計画の立て方、提携農園の訪問記、フォトコンテストの入賞作品をお届けします。',
      '春のセールは日曜日で終了します。多くの商品が半額になっており、人気のサイズは在庫が少なくなっています。',
      '今月末まで、5,000円以上のご注文で送料が無料になります。お届けから30日以内の返品も無料です。',
    ],
  },
  spam: {
    prize: {
      subjects: [
        '【当選】おめでとうございます！！',
        '賞金受け取りのご案内',
        '【最終通知】未受け取りの特典があります',
        '★ご当選★のお知らせ',
        '選ばれました！',
      ],
      paragraphs: [
        'おめでとうございます！厳正な抽選の結果、お客様が1等の賞金1,000万円に当選されました。',
        '賞金を受け取るには、お名前、ご住所、電話番号を返信でお知らせください。受付は本日限りです。',
        'お客様は最新のiPhone 16 Proを無料で受け取る権利を獲得しました。残りわずかですので、今すぐお手続きください。',
        '48時間以内にお手続きがない場合、当選は無効となり、賞金は次の方に譲られます。',
        'お客様のアカウントに未受け取りのポイント5万円分がございます。有効期限が迫っておりますので、お早めにお受け取りください。',
      ],
    },
    phishing: {
      subjects: [
        '【重要】アカウントが一時停止されました',
        'ご本人様確認のお願い',
        '【緊急】不正なログインを検知しました',
        'お支払い方法の更新が必要です',
        '【Amazon】お支払い情報を確認できません',
      ],
      paragraphs: [
        'お客様のアカウントに、新しい端末からの不正なログインが検知されました。安全のため、ご本人様確認が完了するまでご利用を制限しております。',
        'お支払いの処理ができませんでした。サービスの停止を避けるため、24時間以内にお支払い情報を更新してください。',
        'お客様のメールボックスのパスワードの有効期限が本日で切れます。下記のリンクからアカウントを確認し、現在のパスワードを維持してください。',
        '確認が行われない場合、アカウントは永久に停止され、保存されているデータはすべて削除されます。',
        '以下のURLからログインし、カード番号と暗証番号を入力して、ご本人様確認を完了してください。',
      ],
    },
    pharma: {
      subjects: ['飲むだけで-10kg', 'ED治療薬を格安で', '医師も驚いたダイエット法', '処方箋なしで買える'],
      paragraphs: [
        'バイアグラ、シアリスなどのED治療薬を格安で販売しています。処方箋は不要で、中身の分からない梱包でお届けします。',
        '食事制限も運動もなしで、飲むだけで1か月に10キロ痩せるサプリメントです。すでに多くの方が効果を実感しています。',
        '海外の正規品医薬品を最大80%オフで通販しています。今ならもう1箱プレゼント。',
        '寝ている間に脂肪を燃やす天然成分のサプリです。効果がなければ全額返金いたします。',
      ],
    },
    investment: {
      subjects: [
        '【必ず上がる】極秘の銘柄情報',
        '仮想通貨で資産を2倍に',
        '元本保証の投資案件',
        '今だけの限定投資チャンス',
      ],
      paragraphs: [
        '当社のアナリストは、来週の発表でこの銘柄が4倍以上に上がると予想しています。月曜の市場が開く前にご購入ください。',
        '自動売買ツールで資産を2倍にした投資家が続出しています。仮想通貨の取引は3万円から始められます。',
        '元本保証で毎月30%の配当が受け取れる投資案件です。先着100名様限定となっております。',
        '下記のウォレットにビットコインを送金いただくと、記念キャンペーンとして2倍にしてお返しします。',
      ],
    },
    loan: {
      subjects: [
        '審査なしで即日融資',
        'おまとめローンのご案内',
        'ブラックでも借りられます',
        '借金を減らしませんか',
      ],
      paragraphs: [
        '審査なしで最大300万円まで即日融資いたします。他社でお断りされた方もお気軽にご相談ください。',
        '複数の借入を一つにまとめて、毎月の返済額を減らしませんか。ブラックの方でも大丈夫です。',
        '過払い金が戻ってくるかもしれません。無料診断で今すぐ確認できます。',
        '債務整理で借金を半分に減らせます。取り立ての電話に悩まされる日々は今日で終わりです。',
      ],
    },
    advanceFee: {
      subjects: ['極秘のご提案', '遺産相続についてのご相談', '国連補償金のお支払いについて', '緊急のお願い'],
      paragraphs: [
        '私は弁護士のジェームズ・オコロと申します。交通事故で亡くなった依頼人が、1,050万ドルの預金を遺して亡くなりました。',
        '相続人が見つからないため、あなたを受取人として申請したいと考えております。資金はあなたの銀行口座に送金されます。',
        'ご協力いただければ、総額の40%をお支払いします。この取引は完全に安全ですが、必ず秘密にしてください。',
        'お名前、口座番号、電話番号をお送りいただければ、すぐに送金の手続きを始めます。',
        '国連の補償基金が、あなたの名義で250万ドルの支払いを承認しました。ATMカードでお届けします。',
      ],
    },
    earnMoney: {
      subjects: [
        'スマホだけで日給5万円',
        '在宅で月収100万円',
        '誰でも簡単に稼げる副業',
        '不労所得で自由な生活を',
      ],
      paragraphs: [
        'スマホ一台で、自宅にいながら日給5万円を稼ぐ方法をお教えします。経験は不要で、好きな時間に作業できます。',
        '毎日の通勤に疲れていませんか。実績のある仕組みで、不労所得を作りましょう。すでに数千人の会員が成功しています。',
        '簡単な作業をするだけで、月に30万円以上のお小遣い稼ぎができます。',
        '普通の会社員が90日で会社を辞めた方法を、無料の動画で公開しています。',
      ],
    },
    dating: {
      subjects: [
        '近所の人妻があなたに会いたがっています',
        '今夜会える女性を紹介します',
        'オンラインカジノで一攫千金',
        '【無料】出会いのチャンス',
      ],
      paragraphs: [
        'あなたの近くに住む女性たちが、今夜メッセージを待っています。無料登録で今オンラインの人を確認できます。',
        'オンラインカジノで初回入金ボーナス200%。スロットのフリースピン100回をプレゼントします。',
        '30秒で無料プロフィールを作成して、今日から出会いを始めましょう。',
        '秘密厳守の出会い系サイトです。クレジットカードは不要、今夜すぐに会えます。',
      ],
    },
  },
  unsubscribe: [
    'このメールはメールマガジンにご登録いただいた方にお送りしています。配信停止はこちらから。',
    '今後このようなメールの受信を希望されない場合は、配信解除の手続きをお願いいたします。',
  ],
  callsToAction: [
    'こちらをクリック',
    '今すぐ購入',
    '今すぐ受け取る',
    '今すぐ確認',
    '詳しくはこちら',
    'ログイン',
  ],
  brands: ['Amazon', '楽天カード', '三井住友カード', 'ヤマト運輸', 'メルカリ', 'ゆうちょ銀行'],
};

export const TEXTS: Record<'en' | 'ja', LanguageTexts> = { en, ja };
