/** Words of the interfaces (CLI now; web pages later), keyed by what they label. */
export const ui = {
  score: 'Score',
  outOf: 'out of 10',
  failures: 'Problems',
  warnings: 'Warnings',
  notes: 'Notes',
  passes: 'Passed',
  fix: 'Fix',
  deduction: 'deduction',
  gmailHeading: 'How Gmail shows this message',
  gmailQuestionMark: 'Sender avatar: grey "?" (not authenticated)',
  gmailNoQuestionMark: 'Sender avatar: normal (authenticated)',
  gmailVia: 'Shown as sent "via {domain}"',
  gmailNoVia: 'No "via" label',
  gmailRedLock: 'Red open padlock: the message was not encrypted in transit',
  gmailNoRedLock: 'Padlock: encrypted in transit',
  gmailMailedBy: 'mailed-by: {domain}',
  gmailSignedBy: 'signed-by: {domain}',
  none: '(none)',
  dnsSummary: 'DNS: {queries} lookups ({cached} cached), {timeMs} ms',
  spfResult: 'SPF {result} for {domain}',
  spfMechanism: 'matched: {mechanism}',
  spfExplanation: 'explanation: {explanation}',
} as const;

export type UiKey = keyof typeof ui;
