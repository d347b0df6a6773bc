import type { AreaCatalog } from '../types.js';

// TODO: placeholder words, to be written.
export const dmarc: AreaCatalog<'dmarc'> = {
  'dmarc.pass': {
    title: 'TODO dmarc.pass',
    detail: 'TODO',
    fix: null,
  },
  'dmarc.none': {
    title: 'TODO dmarc.none',
    detail: 'TODO',
    fix: null,
  },
  'dmarc.fail': {
    title: 'TODO dmarc.fail',
    detail: 'TODO',
    fix: null,
  },
  'dmarc.temperror': {
    title: 'TODO dmarc.temperror',
    detail: 'TODO',
    fix: null,
  },
  'dmarc.no-author-domain': {
    title: 'TODO dmarc.no-author-domain',
    detail: 'TODO',
    fix: null,
  },
  'dmarc.policy-none': {
    title: 'TODO dmarc.policy-none',
    detail: 'TODO',
    fix: null,
  },
  'dmarc.no-reports': {
    title: 'TODO dmarc.no-reports',
    detail: 'TODO',
    fix: null,
  },
};
