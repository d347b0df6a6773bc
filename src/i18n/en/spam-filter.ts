import type { AreaCatalog } from '../types.js';

const engine = {
  spamassassin: 'SpamAssassin',
  rspamd: 'rspamd',
  builtin: 'mailscore’s built-in rules',
};

export const spamFilter: AreaCatalog<'spamFilter'> = {
  'spamFilter.clean': {
    title: 'The spam filter finds nothing against the content ({points} points)',
    detail:
      'The spam filter ({engine}) gives this message {points} points; it treats {threshold} points or more as spam. No rule with a positive score fired, so nothing is deducted. Rules that count in the message’s favour: {bonuses}.',
    fix: null,
    values: { engine },
  },
  'spamFilter.score': {
    title: 'The spam filter gives the content {points} points ({verdict})',
    detail:
      'The spam filter ({engine}) treats {threshold} points or more as spam. The rules that cost the most: {rules}. As on mail-tester, each point costs a point of the score here, up to 5. The spam filter section below lists every rule that fired with what it looks for.',
    fix: 'Change what these rules react to: {rules}. Each rule’s description in the spam filter section says what it looks for (for example a subject in capitals, HTML without a text part, sums of money, links to IP addresses). Then send the message again to see the new score.',
    values: {
      engine,
      verdict: { spam: 'spam: at or above its threshold', ham: 'below its spam threshold' },
    },
  },
  'spamFilter.error': {
    title: 'The spam filter gave no verdict',
    detail:
      'The spam filter ({engine}) {reason}, so the content of this message was not scored by it. Nothing is deducted for this.',
    fix: null,
    values: {
      engine,
      reason: {
        unreachable: 'could not be reached',
        timeout: 'did not answer in time',
        protocol: 'gave an answer mailscore could not read',
        'too-large': 'gave an answer larger than mailscore reads',
        closed: 'closed the connection before its answer ended',
        refused: 'answered with an error',
        aborted: 'was stopped before it finished',
        failed: 'failed',
      },
    },
  },
};
