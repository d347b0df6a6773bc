/** The built-in rules — STUB: to be implemented. */
import type { SpamFilterEngine } from './types.js';

export const builtinFilter: SpamFilterEngine = {
  name: 'builtin',
  async check() {
    return { engine: 'builtin', score: 0, threshold: 5, rules: [] };
  },
};
