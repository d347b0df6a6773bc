import type { AreaCatalog } from '../types.js';

export const links: AreaCatalog<'links'> = {};
