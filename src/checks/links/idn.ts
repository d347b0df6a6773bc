/**
 * Look-alike international domain names (IDN homograph attacks): an xn-- label that shows as a
 * well-known Latin name (pаypal.com with a Cyrillic "а"), or that mixes scripts no language writes
 * together. The rules follow Unicode UTS #39 (mixed-script and whole-script confusables, the
 * "highly restrictive" profile) as browsers apply it when they decide to show punycode instead.
 * Japanese, Chinese and Korean names, which mix their own scripts with Latin, are legitimate.
 */
import { domainToUnicode } from 'node:url';
import { IMITATED_NAMES } from './lists.js';

export type LookalikeReason = 'imitates-name' | 'mixed-script' | 'whole-script' | 'invalid-punycode';

export interface Lookalike {
  /** The label as written in the URL (xn--...). */
  label: string;
  /** The label as a reader sees it ('' when it does not decode). */
  unicode: string;
  reason: LookalikeReason;
  /** The Latin name it imitates, when it imitates one of IMITATED_NAMES. */
  imitates: string | null;
}

/** Scripts told apart (UTS #24); characters of other scripts count as one "other" script. */
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Devanagari',
  'Bengali',
  'Thai',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
  'Cherokee',
  'Ethiopic',
  'Tamil',
  'Khmer',
  'Lao',
] as const;
type Script = (typeof SCRIPTS)[number] | 'other';

const SCRIPT_TESTS = SCRIPTS.map((script) => [script, new RegExp(`^\\p{Script=${script}}$`, 'u')] as const);
/** Digits, hyphens and combining marks belong to every script (Common, Inherited). */
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

function scriptOf(char: string): Script | null {
  if (NEUTRAL.test(char)) return null;
  return SCRIPT_TESTS.find(([, test]) => test.test(char))?.[0] ?? 'other';
}

export function scriptsOf(text: string): Set<Script> {
  const scripts = new Set<Script>();
  for (const char of text) {
    const script = scriptOf(char);
    if (script) scripts.add(script);
  }
  return scripts;
}

/** Script sets a language writes together (UTS #39 "highly restrictive"): Japanese, Chinese, Korean with Latin. */
const ALLOWED_MIXES: readonly ReadonlySet<Script>[] = [
  new Set<Script>(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set<Script>(['Latin', 'Han', 'Bopomofo']),
  new Set<Script>(['Latin', 'Han', 'Hangul']),
];

const isAllowedMix = (scripts: Set<Script>): boolean =>
  scripts.size <= 1 || ALLOWED_MIXES.some((mix) => [...scripts].every((script) => mix.has(script)));

/**
 * Letters of other scripts (and Latin variants) that look like a basic Latin letter (UTS #39
 * confusables, the subset browsers use for whole-script checks), and the digits look-alikes use.
 */
// prettier-ignore
const LOOKS_LATIN: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', с: 'c', ԁ: 'd', е: 'e', ҽ: 'e', һ: 'h', і: 'i', ј: 'j', к: 'k', ӏ: 'l', о: 'o', р: 'p', ԛ: 'q',
  ѕ: 's', ԝ: 'w', ѡ: 'w', х: 'x', у: 'y', ү: 'y', ѵ: 'v', п: 'n', г: 'r', ъ: 'b', ь: 'b',
  // Greek
  α: 'a', ϲ: 'c', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', υ: 'u', χ: 'x', γ: 'y',
  // Armenian
  օ: 'o', ս: 'u', հ: 'h', ո: 'n', ց: 'g', զ: 'q',
  // Latin letters that look like other Latin letters
  ı: 'i', ɩ: 'i', ɪ: 'i', ł: 'l', ɡ: 'g', ɑ: 'a', ȷ: 'j', ᴏ: 'o', ᴄ: 'c', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z', ꜱ: 's',
  // digits in names imitating letters
  '0': 'o', '1': 'l',
};

/** What a label looks like in plain Latin: compatibility forms folded, accents dropped, look-alikes replaced. */
export function latinSkeleton(label: string): string {
  const folded = label.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return [...folded]
    .map((char) => LOOKS_LATIN[char] ?? char)
    .join('')
    .replace(/-/g, '');
}

/** Top-level domains of countries writing Cyrillic or Greek: a name all in that script is ordinary there. */
// prettier-ignore
const OWN_SCRIPT_TLDS: Readonly<Partial<Record<Script, ReadonlySet<string>>>> = {
  Cyrillic: new Set(['ru', 'su', 'by', 'ua', 'bg', 'kz', 'kg', 'mk', 'rs', 'mn', 'tj', 'uz', 'me', 'ba',
    'xn--p1ai', 'xn--90ais', 'xn--j1amh', 'xn--90a3ac', 'xn--d1alf', 'xn--80ao21a', 'xn--l1acc', 'xn--p1acf']),
  Greek: new Set(['gr', 'cy', 'xn--qxam', 'xn--qxa6a']),
  Armenian: new Set(['am', 'xn--y9a3aq']),
};

/** A whole label in one non-Latin script, made only of letters that look Latin (e.g. Cyrillic "аррӏе"). */
function isWholeScriptConfusable(unicode: string, scripts: Set<Script>, tld: string): boolean {
  const [script] = [...scripts];
  if (scripts.size !== 1 || !script || script === 'Latin' || !OWN_SCRIPT_TLDS[script]) return false;
  if (OWN_SCRIPT_TLDS[script].has(tld)) return false;
  const letters = [...unicode].filter((char) => scriptOf(char) !== null);
  return letters.length > 0 && letters.every((char) => LOOKS_LATIN[char] !== undefined);
}

/** The first look-alike label of an ASCII (A-label) host, or null. */
export function lookalikeOf(host: string): Lookalike | null {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const tld = labels.at(-1) ?? '';
  for (const label of labels) {
    if (!label.startsWith('xn--')) continue;
    const unicode = domainToUnicode(label);
    if (!unicode || unicode === label)
      return { label, unicode: '', reason: 'invalid-punycode', imitates: null };
    const skeleton = latinSkeleton(unicode);
    if (IMITATED_NAMES.has(skeleton)) return { label, unicode, reason: 'imitates-name', imitates: skeleton };
    const scripts = scriptsOf(unicode);
    if (!isAllowedMix(scripts)) return { label, unicode, reason: 'mixed-script', imitates: null };
    if (isWholeScriptConfusable(unicode, scripts, tld))
      return { label, unicode, reason: 'whole-script', imitates: null };
  }
  return null;
}
