import type { AreaCatalog } from '../types.js';

// TODO: placeholder words, to be written.
export const spf: AreaCatalog<'spf'> = {
  'spf.pass': {
    title: 'TODO spf.pass',
    detail: 'TODO',
    fix: null,
  },
  'spf.none': {
    title: 'TODO spf.none',
    detail: 'TODO',
    fix: null,
  },
  'spf.permerror': {
    title: 'TODO spf.permerror',
    detail: 'TODO',
    fix: null,
  },
  'spf.fail': {
    title: 'TODO spf.fail',
    detail: 'TODO',
    fix: null,
  },
  'spf.softfail': {
    title: 'TODO spf.softfail',
    detail: 'TODO',
    fix: null,
  },
  'spf.neutral': {
    title: 'TODO spf.neutral',
    detail: 'TODO',
    fix: null,
  },
  'spf.temperror': {
    title: 'TODO spf.temperror',
    detail: 'TODO',
    fix: null,
  },
  'spf.no-envelope': {
    title: 'TODO spf.no-envelope',
    detail: 'TODO',
    fix: null,
  },
  'spf.helo': {
    title: 'TODO spf.helo',
    detail: 'TODO',
    fix: null,
  },
  'spf.lookups-near-limit': {
    title: 'TODO spf.lookups-near-limit',
    detail: 'TODO',
    fix: null,
  },
};
