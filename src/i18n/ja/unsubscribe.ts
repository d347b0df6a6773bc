import type { AreaCatalog } from '../types.js';

export const unsubscribe: AreaCatalog<'unsubscribe'> = {};
