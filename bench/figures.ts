/** What every benchmark prints: figures to one decimal, quantiles of samples, one JSON line each. */

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The sample at quantile `q` (0 to 1; 1 is the largest), rounded; NaN without samples. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN);
}

/** Prints one JSON line per call, tagged with the benchmark's name. */
export function printer(bench: string): (figures: Record<string, unknown>) => void {
  return (figures) => console.log(JSON.stringify({ bench, ...figures }));
}
