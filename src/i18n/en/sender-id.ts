import type { AreaCatalog } from '../types.js';

// TODO: placeholder words, to be written.
export const senderId: AreaCatalog<'senderId'> = {
  'senderId.pass': {
    title: 'TODO senderId.pass',
    detail: 'TODO',
    fix: null,
  },
  'senderId.fail': {
    title: 'TODO senderId.fail',
    detail: 'TODO',
    fix: null,
  },
  'senderId.none': {
    title: 'TODO senderId.none',
    detail: 'TODO',
    fix: null,
  },
  'senderId.not-applicable': {
    title: 'TODO senderId.not-applicable',
    detail: 'TODO',
    fix: null,
  },
  'senderId.weak': {
    title: 'TODO senderId.weak',
    detail: 'TODO',
    fix: null,
  },
  'senderId.error': {
    title: 'TODO senderId.error',
    detail: 'TODO',
    fix: null,
  },
};
