import type { AreaCatalog } from '../types.js';

export const content: AreaCatalog<'content'> = {};
