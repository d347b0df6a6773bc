/** Small statistics for the benchmarks. */

/** The value at quantile `q` (0..1) of `values`: the nearest rank, no interpolation. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Milliseconds between two process.hrtime.bigint() readings (monotonic, shared by every thread). */
export const msBetween = (from: bigint, to: bigint): number => Number(to - from) / 1e6;
