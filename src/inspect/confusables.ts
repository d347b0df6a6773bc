/**
 * Look-alike domains: a From domain built to be read as another (the recipient's own, or a brand's).
 * Three tricks, each cheap and bounded: confusable characters (Cyrillic "р" for "p", full-width forms,
 * 0 for o, 1 for l, "rn" for "m"), one letter swapped, added, dropped or two letters transposed
 * (Damerau-Levenshtein distance 1), and a brand's name with a word hyphened on (paypal-secure.com).
 * Compared on the registered domain's label, the part a person reads: paypal in paypal.com.
 */
import { domainToUnicode } from 'node:url';
import { getPublicSuffix } from 'tldts';
import { latinSkeleton } from '../checks/links/idn.js';
import { normalizeDomain, organizationalDomain } from '../names/org-domain.js';

export type LookalikeHow = 'confusable' | 'one-letter' | 'brand-in-name';

/** Labels longer than this are not compared (DNS labels are at most 63 octets; a hostile one gets no work). */
const MAX_LABEL = 63;
/** Shorter labels are too close to too many real names for a one-letter difference to mean anything. */
const MIN_EDIT_LABEL = 5;
/** A brand name hyphened into a label only counts for names this long (not "au" or "jcb"). */
const MIN_BRAND_TOKEN = 4;

/**
 * What a label looks like to a reader, in plain Latin: the link checker's skeleton (NFKD folding, accents
 * dropped, Cyrillic/Greek/Armenian look-alikes and 0/1 replaced; NFKD also folds full-width forms), then the
 * letter pairs that read as one letter in most fonts.
 */
export function skeletonOf(label: string): string {
  return latinSkeleton(label.normalize('NFKC')).replace(/rn/g, 'm').replace(/vv/g, 'w');
}

/** The registered domain's label as a reader sees it (Unicode): "paypal" for mail.paypal.com. */
export function registeredLabel(domain: string): string {
  const org = organizationalDomain(domain);
  if (!org) return '';
  const suffix = getPublicSuffix(org) ?? '';
  const label = suffix && org.endsWith(`.${suffix}`) ? org.slice(0, -suffix.length - 1) : org.split('.')[0];
  if (!label || label.length > MAX_LABEL) return '';
  return label.startsWith('xn--') ? domainToUnicode(label) || label : label;
}

/** Damerau-Levenshtein (optimal string alignment) distance, capped: anything above `cap` is cap + 1. */
export function editDistance(a: string, b: string, cap = 1): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > cap) return cap + 1;
  if (x.length > MAX_LABEL || y.length > MAX_LABEL) return cap + 1;
  let before: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, before[j - 2]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return Math.min(previous[y.length]!, cap + 1);
}

/**
 * How the domain `candidate` imitates `genuine` (both domains), or null. Never when both have the same
 * organizational domain: mail.example.com does not imitate example.com, it is it.
 */
export function imitationOf(candidate: string, genuine: string): LookalikeHow | null {
  const candidateOrg = organizationalDomain(normalizeDomain(candidate));
  const genuineOrg = organizationalDomain(normalizeDomain(genuine));
  if (!candidateOrg || !genuineOrg || candidateOrg === genuineOrg) return null;
  const shown = registeredLabel(candidateOrg);
  const real = registeredLabel(genuineOrg);
  if (!shown || !real || shown === real) return null;
  const shownSkeleton = skeletonOf(shown);
  const realSkeleton = skeletonOf(real);
  if (shownSkeleton === realSkeleton) return 'confusable';
  if (real.length >= MIN_EDIT_LABEL && editDistance(shownSkeleton, realSkeleton) <= 1) return 'one-letter';
  // The skeleton drops hyphens, so the words of the label are compared one by one.
  if (real.length >= MIN_BRAND_TOKEN && shown.split(/[-_]/).some((word) => skeletonOf(word) === realSkeleton))
    return 'brand-in-name';
  return null;
}
