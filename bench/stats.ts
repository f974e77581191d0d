/** Wall time of one run, in milliseconds. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** "label: 812 ms / 1905 ms = 0.43× (target ≤ 0.5×: met)" */
export function ratioLine(label: string, ours: number, theirs: number, target: number): string {
  const ratio = ours / theirs;
  const verdict = ratio <= target ? 'met' : 'NOT met';
  return `${label}: ${Math.round(ours)} ms / ${Math.round(theirs)} ms = ${ratio.toFixed(2)}× (target ≤ ${target}×: ${verdict})`;
}
