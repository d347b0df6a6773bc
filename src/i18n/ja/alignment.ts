import type { AreaCatalog } from '../types.js';

// TODO: placeholder words, to be written.
export const alignment: AreaCatalog<'alignment'> = {
  'alignment.aligned': {
    title: 'TODO alignment.aligned',
    detail: 'TODO',
    fix: null,
  },
  'alignment.partial': {
    title: 'TODO alignment.partial',
    detail: 'TODO',
    fix: null,
  },
};
