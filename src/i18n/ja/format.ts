import type { AreaCatalog } from '../types.js';

// TODO: placeholder words, to be written.
export const format: AreaCatalog<'format'> = {
  'format.pass': {
    title: 'TODO format.pass',
    detail: 'TODO',
    fix: null,
  },
  'format.from-invalid': {
    title: 'TODO format.from-invalid',
    detail: 'TODO',
    fix: null,
  },
  'format.from-repeated': {
    title: 'TODO format.from-repeated',
    detail: 'TODO',
    fix: null,
  },
  'format.no-date': {
    title: 'TODO format.no-date',
    detail: 'TODO',
    fix: null,
  },
  'format.bad-date': {
    title: 'TODO format.bad-date',
    detail: 'TODO',
    fix: null,
  },
  'format.no-message-id': {
    title: 'TODO format.no-message-id',
    detail: 'TODO',
    fix: null,
  },
  'format.bad-message-id': {
    title: 'TODO format.bad-message-id',
    detail: 'TODO',
    fix: null,
  },
  'format.no-subject': {
    title: 'TODO format.no-subject',
    detail: 'TODO',
    fix: null,
  },
  'format.no-mime-version': {
    title: 'TODO format.no-mime-version',
    detail: 'TODO',
    fix: null,
  },
  'format.repeated-header': {
    title: 'TODO format.repeated-header',
    detail: 'TODO',
    fix: null,
  },
  'format.eight-bit-header': {
    title: 'TODO format.eight-bit-header',
    detail: 'TODO',
    fix: null,
  },
  'format.long-line': {
    title: 'TODO format.long-line',
    detail: 'TODO',
    fix: null,
  },
  'format.html-only': {
    title: 'TODO format.html-only',
    detail: 'TODO',
    fix: null,
  },
  'format.html-clipped': {
    title: 'TODO format.html-clipped',
    detail: 'TODO',
    fix: null,
  },
  'format.large': {
    title: 'TODO format.large',
    detail: 'TODO',
    fix: null,
  },
  'format.too-many-headers': {
    title: 'TODO format.too-many-headers',
    detail: 'TODO',
    fix: null,
  },
  'format.mime-broken': {
    title: 'TODO format.mime-broken',
    detail: 'TODO',
    fix: null,
  },
  'format.freemail-from': {
    title: 'TODO format.freemail-from',
    detail: 'TODO',
    fix: null,
  },
};
