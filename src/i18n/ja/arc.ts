import type { AreaCatalog } from '../types.js';

// TODO: placeholder words, to be written.
export const arc: AreaCatalog<'arc'> = {
  'arc.none': {
    title: 'TODO arc.none',
    detail: 'TODO',
    fix: null,
  },
  'arc.pass': {
    title: 'TODO arc.pass',
    detail: 'TODO',
    fix: null,
  },
  'arc.fail': {
    title: 'TODO arc.fail',
    detail: 'TODO',
    fix: null,
  },
};
