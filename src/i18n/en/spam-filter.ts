import type { AreaCatalog } from '../types.js';

// TODO: words to be written with the spam filter.
export const spamFilter: AreaCatalog<'spamFilter'> = {
  'spamFilter.clean': { title: 'TODO spamFilter.clean', detail: 'TODO', fix: null },
  'spamFilter.score': { title: 'TODO spamFilter.score', detail: 'TODO', fix: 'TODO' },
  'spamFilter.error': { title: 'TODO spamFilter.error', detail: 'TODO', fix: null },
};
