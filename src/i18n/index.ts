/**
 * Turns findings into sentences. Every user-facing sentence comes from the catalogs in en/ and ja/;
 * the finding's params fill the {placeholders}, so fixes carry the sender's own domain and IP.
 */
import type { Finding, FindingParams, FindingValue } from '../checks/types.js';
import type { Lang } from '../report/types.js';
import type { CheckId } from '../scoring/deductions.js';
import * as en from './en/index.js';
import * as ja from './ja/index.js';
import type { UiKey } from './en/ui.js';
import type { CheckText } from './types.js';

const CATALOGS: Record<Lang, { checks: Record<CheckId, CheckText>; ui: Record<UiKey, string> }> = { en, ja };

const LANGS: readonly Lang[] = ['en', 'ja'];

export const isLang = (value: string): value is Lang => (LANGS as readonly string[]).includes(value);

/** Default language from the environment: ja when LANG (or LC_ALL / LC_MESSAGES) starts with "ja", else en. */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

const show = (value: FindingValue | undefined, lang: Lang): string => {
  if (value === undefined || value === null || value === '') return lang === 'ja' ? '（なし）' : '(none)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : lang === 'ja' ? '（なし）' : '(none)';
  return String(value);
};

/**
 * Fills {name} placeholders. A placeholder with no value shows "(none)", never the raw braces.
 * `values` turns coded values (a reason code, say) into words.
 */
export function fill(
  template: string,
  params: FindingParams | undefined,
  lang: Lang,
  values?: CheckText['values'],
): string {
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (_, key: string) => {
    const value = params?.[key];
    // Own keys only: a value such as "constructor" must not find Object.prototype's members.
    const coded = values && Object.hasOwn(values, key) ? values[key] : undefined;
    const words =
      typeof value === 'string' && coded && Object.hasOwn(coded, value) ? coded[value] : undefined;
    return words ?? show(value, lang);
  });
}

export function checkText(finding: Finding, lang: Lang): CheckText {
  const text = CATALOGS[lang].checks[finding.id];
  return {
    title: fill(text.title, finding.params, lang, text.values),
    detail: fill(text.detail, finding.params, lang, text.values),
    fix: text.fix === null ? null : fill(text.fix, finding.params, lang, text.values),
  };
}

export function uiText(key: UiKey, lang: Lang, params?: FindingParams): string {
  return fill(CATALOGS[lang].ui[key], params, lang);
}

/** For tests: the raw catalogs. */
export const catalogs = CATALOGS;
