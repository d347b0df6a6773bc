/** The pages' words: src/i18n/{en,ja}/pages.ts, with {placeholders} filled as everywhere else. */
import { pages as en, type PageKey } from '../../i18n/en/pages.js';
import { pages as ja } from '../../i18n/ja/pages.js';
import { fill } from '../../i18n/index.js';
import type { FindingParams } from '../../checks/types.js';
import type { Lang } from '../../report/types.js';

export const PAGE_CATALOGS: Record<Lang, Record<PageKey, string>> = { en, ja };

export type { PageKey };

export const t = (lang: Lang, key: PageKey, params?: FindingParams): string =>
  fill(PAGE_CATALOGS[lang][key], params, lang);

/** A date and time as people read it in `lang`, in UTC (the server does not know the reader's zone). */
export function formatTime(iso: string | Date, lang: Lang): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '';
  const text = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
  return `${text} UTC`;
}

/** A score or deduction with one decimal, as the report states it. */
export const formatPoints = (value: number): string => (Math.round(value * 10) / 10).toFixed(1);
