import type { AreaCatalog } from '../types.js';

// TODO: placeholder words, to be written.
export const dkim: AreaCatalog<'dkim'> = {
  'dkim.pass': {
    title: 'TODO dkim.pass',
    detail: 'TODO',
    fix: null,
  },
  'dkim.none': {
    title: 'TODO dkim.none',
    detail: 'TODO',
    fix: null,
  },
  'dkim.fail': {
    title: 'TODO dkim.fail',
    detail: 'TODO',
    fix: null,
  },
  'dkim.third-party-only': {
    title: 'TODO dkim.third-party-only',
    detail: 'TODO',
    fix: null,
  },
  'dkim.temperror': {
    title: 'TODO dkim.temperror',
    detail: 'TODO',
    fix: null,
  },
  'dkim.key-too-small': {
    title: 'TODO dkim.key-too-small',
    detail: 'TODO',
    fix: null,
  },
  'dkim.key-1024': {
    title: 'TODO dkim.key-1024',
    detail: 'TODO',
    fix: null,
  },
  'dkim.rsa-sha1': {
    title: 'TODO dkim.rsa-sha1',
    detail: 'TODO',
    fix: null,
  },
  'dkim.body-length': {
    title: 'TODO dkim.body-length',
    detail: 'TODO',
    fix: null,
  },
  'dkim.expired': {
    title: 'TODO dkim.expired',
    detail: 'TODO',
    fix: null,
  },
  'dkim.testing': {
    title: 'TODO dkim.testing',
    detail: 'TODO',
    fix: null,
  },
  'dkim.skipped': {
    title: 'TODO dkim.skipped',
    detail: 'TODO',
    fix: null,
  },
};
