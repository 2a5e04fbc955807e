export interface Distribution {
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** Nearest-rank percentiles (ms); null when there is nothing to measure. */
export function distribution(values: number[]): Distribution {
  if (!values.length) return { n: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]);
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted[sorted.length - 1]), mean: round(sum / sorted.length) };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** value / reference, or null when either is missing. */
export function ratio(value: number | null | undefined, reference: number | null | undefined): number | null {
  if (value == null || reference == null || reference === 0) return null;
  return round(value / reference, 3);
}

/** Groups samples per whole second since `origin` (ms), for the time-series charts. */
export class PerSecond {
  private readonly buckets = new Map<number, number[]>();

  constructor(private readonly origin: number) {}

  add(at: number, value: number): void {
    const second = Math.floor((at - this.origin) / 1000);
    const list = this.buckets.get(second);
    if (list) list.push(value);
    else this.buckets.set(second, [value]);
  }

  counts(): [number, number][] {
    return [...this.buckets].sort((a, b) => a[0] - b[0]).map(([s, v]) => [s, v.length]);
  }

  quantiles(q: number[]): [number, ...number[]][] {
    return [...this.buckets].sort((a, b) => a[0] - b[0]).map(([s, v]) => {
      const d = Float64Array.from(v).sort();
      return [s, ...q.map((x) => round(d[Math.min(d.length - 1, Math.max(0, Math.ceil(x * d.length) - 1))]))] as [number, ...number[]];
    });
  }
}
