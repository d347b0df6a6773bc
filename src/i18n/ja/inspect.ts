import type { AreaCatalog } from '../types.js';

/** Words of the inspection's findings (src/inspect/): what a recipient is told about a message they received. */
export const inspect: AreaCatalog<'inspect'> = {};
