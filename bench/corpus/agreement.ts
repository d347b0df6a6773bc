/**
 * How well two scorers agree, and the weight fit of the calibration: rank correlations (Spearman's rho with
 * average ranks for ties, Kendall's tau-b), agreement on the spam verdict (with Cohen's kappa), and a
 * bounded ridge regression of SpamAssassin's scores on the rules that fired, pulled towards the hand-set
 * scores so that a rule seen on few messages keeps about the weight a person gave it.
 */

/** Ranks 1..n, ties sharing the average of their ranks. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k]!.index] = rank;
    start = end + 1;
  }
  return out;
}

export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

export const spearman = (x: readonly number[], y: readonly number[]): number => pearson(ranks(x), ranks(y));

/** Kendall's tau-b (accounts for ties on either side). O(n²): fine for a few thousand messages. */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denominator = Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
  return denominator === 0 ? 0 : (concordant - discordant) / denominator;
}

export interface VerdictAgreement {
  both: number;
  neither: number;
  /** Spam for SpamAssassin only. */
  referenceOnly: number;
  /** Spam for the built-in rules only. */
  oursOnly: number;
  /** Share of messages with the same verdict. */
  agreement: number;
  /** Cohen's kappa: agreement beyond what chance would give with these verdict rates. */
  kappa: number;
}

export function verdictAgreement(reference: readonly boolean[], ours: readonly boolean[]): VerdictAgreement {
  const n = reference.length;
  let both = 0;
  let neither = 0;
  let referenceOnly = 0;
  let oursOnly = 0;
  for (let i = 0; i < n; i++) {
    if (reference[i] && ours[i]) both++;
    else if (reference[i]) referenceOnly++;
    else if (ours[i]) oursOnly++;
    else neither++;
  }
  const agreement = (both + neither) / n;
  const pRef = (both + referenceOnly) / n;
  const pOurs = (both + oursOnly) / n;
  const chance = pRef * pOurs + (1 - pRef) * (1 - pOurs);
  return {
    both,
    neither,
    referenceOnly,
    oursOnly,
    agreement,
    kappa: chance === 1 ? 1 : (agreement - chance) / (1 - chance),
  };
}

export interface FitProblem {
  /** features[i][j]: rule j fired on message i. */
  features: readonly (readonly boolean[])[];
  target: readonly number[];
  prior: readonly number[];
  /** Rules kept at their prior (no counterpart in the reference, or costed elsewhere). */
  fixed: readonly boolean[];
  lower: readonly number[];
  upper: readonly number[];
  /** Pull towards the prior: as if each rule had `lambda` extra messages agreeing with its hand-set score. */
  lambda: number;
}

/**
 * Minimizes Σ (target − Σ w·x)² + λ Σ (w − prior)² within [lower, upper] by cyclic coordinate descent
 * (exact per coordinate for 0/1 features; convex, so it converges; deterministic).
 */
export function fitWeights(problem: FitProblem, sweeps = 300): number[] {
  const { features, target, prior, fixed, lower, upper, lambda } = problem;
  const weights = [...prior];
  const rules = prior.length;
  const predicted = features.map((row) => row.reduce((sum, on, j) => sum + (on ? weights[j]! : 0), 0));
  const firing = Array.from({ length: rules }, (_, j) => features.flatMap((row, i) => (row[j] ? [i] : [])));
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let moved = 0;
    for (let j = 0; j < rules; j++) {
      if (fixed[j]) continue;
      const rows = firing[j]!;
      let residual = 0;
      for (const i of rows) residual += target[i]! - (predicted[i]! - weights[j]!);
      const next = Math.min(
        upper[j]!,
        Math.max(lower[j]!, (residual + lambda * prior[j]!) / (rows.length + lambda)),
      );
      const delta = next - weights[j]!;
      if (delta !== 0) {
        for (const i of rows) predicted[i]! += delta;
        weights[j] = next;
        moved = Math.max(moved, Math.abs(delta));
      }
    }
    if (moved < 1e-6) break;
  }
  return weights;
}
