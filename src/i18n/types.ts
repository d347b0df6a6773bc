import type { Area, IdsOf } from '../scoring/deductions.js';

/**
 * The words for one check id. Templates take {name} placeholders filled from the finding's params
 * (lists are joined with ", "). `fix` says exactly what to publish or change; null when nothing is to be done.
 */
export interface CheckText {
  title: string;
  detail: string;
  fix: string | null;
  /**
   * Words for coded param values: `{ reason: { 'not-fqdn': 'is not a fully qualified name' } }` makes
   * {reason} show the words instead of the code. Codes without words show as they are.
   */
  values?: Record<string, Record<string, string>>;
}

/** One area's entries: every id of the area, nothing else (the compiler checks completeness). */
export type AreaCatalog<A extends Area> = Record<IdsOf<A>, CheckText>;
