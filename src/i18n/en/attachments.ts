import type { AreaCatalog } from '../types.js';

export const attachments: AreaCatalog<'attachments'> = {};
