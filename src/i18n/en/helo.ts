import type { AreaCatalog } from '../types.js';

// TODO: placeholder words, to be written.
export const helo: AreaCatalog<'helo'> = {
  'helo.pass': {
    title: 'TODO helo.pass',
    detail: 'TODO',
    fix: null,
  },
  'helo.bad': {
    title: 'TODO helo.bad',
    detail: 'TODO',
    fix: null,
  },
  'helo.literal': {
    title: 'TODO helo.literal',
    detail: 'TODO',
    fix: null,
  },
  'helo.ptr-mismatch': {
    title: 'TODO helo.ptr-mismatch',
    detail: 'TODO',
    fix: null,
  },
  'helo.missing': {
    title: 'TODO helo.missing',
    detail: 'TODO',
    fix: null,
  },
};
