/**
 * The basics of SVG Tiny Portable/Secure, the logo profile BIMI requires (BIMI Group, "SVG Tiny PS"): root
 * <svg version="1.2" baseProfile="tiny-ps"> without x / y, a square viewBox, a <title>, and nothing active or
 * external: no script or event handlers, no animation, no raster <image>, no foreignObject, no references
 * outside the document. Read with htmlparser2 in XML mode (entities are never expanded, nothing is fetched);
 * the document is at most LIMITS.bimiSvgBytes, and reading stops past the element and depth bounds.
 */
import { Parser } from 'htmlparser2';
import { LIMITS } from '../limits.js';

/** What breaks the profile, coded (the catalogs have words for each). */
export type SvgProblem =
  | 'not-svg'
  | 'version'
  | 'base-profile'
  | 'no-title'
  | 'script'
  | 'external-reference'
  | 'animation'
  | 'raster-image'
  | 'foreign-object'
  | 'root-position'
  | 'no-viewbox'
  | 'not-square'
  | 'too-complex';

const ANIMATION = new Set(['animate', 'animatemotion', 'animatecolor', 'animatetransform', 'set']);
/** Characters written to the parser at once: reading stops between chunks once a bound is passed. */
const WRITE_CHUNK_CHARS = 2_048;
/** Nesting read (htmlparser2's work per tag grows with depth; real logos nest under ten levels). */
const MAX_DEPTH = 64;

const localName = (name: string): string => name.slice(name.indexOf(':') + 1).toLowerCase();

/** url(...) targets in an attribute value or a <style> text (bounded: the document is at most 32 KB). */
const urlTargets = (text: string): string[] =>
  [...text.matchAll(/url\(\s*['"]?\s*([^'")\s]*)/gi)].map((match) => match[1] ?? '');

/** A reference that stays inside the document ("#id"); anything else (http:, data:, a path) leaves it. */
const isLocal = (reference: string): boolean => reference.trim().startsWith('#');

/** viewBox "min-x min-y width height" → [width, height], or null when it is not four numbers. */
function viewBoxSize(value: string): [number, number] | null {
  const numbers = value
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) return null;
  return [numbers[2]!, numbers[3]!];
}

function rootProblems(attribs: Record<string, string>): SvgProblem[] {
  const problems: SvgProblem[] = [];
  if (attribs.version !== '1.2') problems.push('version');
  if (attribs.baseProfile !== 'tiny-ps') problems.push('base-profile');
  if ('x' in attribs || 'y' in attribs) problems.push('root-position');
  const viewBox = attribs.viewBox === undefined ? null : viewBoxSize(attribs.viewBox);
  if (!viewBox) problems.push('no-viewbox');
  else if (viewBox[0] <= 0 || viewBox[0] !== viewBox[1]) problems.push('not-square');
  return problems;
}

function attributeProblems(attribs: Record<string, string>): SvgProblem[] {
  const problems: SvgProblem[] = [];
  for (const [name, value] of Object.entries(attribs)) {
    const local = localName(name);
    if (local.startsWith('on')) problems.push('script');
    if (local === 'href' && !isLocal(value)) problems.push('external-reference');
    if (urlTargets(value).some((target) => !isLocal(target))) problems.push('external-reference');
  }
  return problems;
}

function elementProblem(name: string): SvgProblem | null {
  if (name === 'script') return 'script';
  if (ANIMATION.has(name)) return 'animation';
  if (name === 'image') return 'raster-image';
  if (name === 'foreignobject') return 'foreign-object';
  return null;
}

/** The profile's problems in the document, in a fixed order; empty when it passes the basics we check. */
export function svgTinyPsProblems(svg: string): SvgProblem[] {
  const found = new Set<SvgProblem>();
  let depth = 0;
  let elements = 0;
  let sawRoot = false;
  let titleText: string | null = null;
  let inTitle = false;
  let inStyle = false;
  const parser = new Parser(
    {
      onopentag(rawName, attribs) {
        const name = localName(rawName);
        if (++elements > LIMITS.bimiSvgElements) found.add('too-complex');
        if (!sawRoot) {
          sawRoot = true;
          if (name !== 'svg') found.add('not-svg');
          else rootProblems(attribs).forEach((p) => found.add(p));
        }
        const problem = elementProblem(name);
        if (problem) found.add(problem);
        attributeProblems(attribs).forEach((p) => found.add(p));
        if (depth === 1 && name === 'title') {
          inTitle = true;
          titleText ??= '';
        }
        if (name === 'style') inStyle = true;
        depth++;
      },
      ontext(text) {
        if (inTitle) titleText = `${titleText ?? ''}${text}`.slice(0, 1_000);
        if (inStyle && (/@import/i.test(text) || urlTargets(text).some((t) => !isLocal(t))))
          found.add('external-reference');
      },
      onclosetag(rawName) {
        depth--;
        const name = localName(rawName);
        if (name === 'title' && depth === 1) inTitle = false;
        if (name === 'style') inStyle = false;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  for (let at = 0; at < svg.length; at += WRITE_CHUNK_CHARS) {
    if (depth > MAX_DEPTH || found.has('too-complex')) {
      found.add('too-complex');
      break;
    }
    parser.write(svg.slice(at, at + WRITE_CHUNK_CHARS));
  }
  parser.end();
  if (!sawRoot) found.add('not-svg');
  if (found.has('not-svg')) return ['not-svg'];
  if (titleText === null || (titleText as string).trim() === '') found.add('no-title');
  const order: SvgProblem[] = [
    'version',
    'base-profile',
    'no-title',
    'script',
    'external-reference',
    'animation',
    'raster-image',
    'foreign-object',
    'root-position',
    'no-viewbox',
    'not-square',
    'too-complex',
  ];
  return order.filter((problem) => found.has(problem));
}
