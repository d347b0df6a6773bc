import type { AreaCatalog } from '../types.js';

// TODO: placeholder words, to be written.
export const iprev: AreaCatalog<'iprev'> = {
  'iprev.pass': {
    title: 'TODO iprev.pass',
    detail: 'TODO',
    fix: null,
  },
  'iprev.no-ptr': {
    title: 'TODO iprev.no-ptr',
    detail: 'TODO',
    fix: null,
  },
  'iprev.not-confirmed': {
    title: 'TODO iprev.not-confirmed',
    detail: 'TODO',
    fix: null,
  },
  'iprev.temperror': {
    title: 'TODO iprev.temperror',
    detail: 'TODO',
    fix: null,
  },
  'iprev.generic': {
    title: 'TODO iprev.generic',
    detail: 'TODO',
    fix: null,
  },
  'iprev.not-public': {
    title: 'TODO iprev.not-public',
    detail: 'TODO',
    fix: null,
  },
};
