/** Small statistics helpers for the benchmark (no dependencies). */

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function min(values: readonly number[]): number {
  return values.length === 0 ? NaN : Math.min(...values);
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? NaN : Math.max(...values);
}

export interface Sample {
  /** Every measured repetition, in run order. */
  values: number[];
  median: number;
  min: number;
  max: number;
}

/** Summary of repeated measurements; values that could not be measured (NaN) are left out of median/min/max. */
export function sample(values: number[]): Sample {
  const finite = values.filter((v) => Number.isFinite(v));
  return { values, median: median(finite), min: min(finite), max: max(finite) };
}

export interface LinearFit {
  slope: number;
  intercept: number;
  r2: number;
}

/** Least-squares line y = slope·x + intercept and its coefficient of determination. */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept, r2 };
}

export function ms(value: number, digits = value < 10 ? 2 : value < 100 ? 1 : 0): string {
  return `${value.toFixed(digits)} ms`;
}

export function ratio(value: number): string {
  return `${value.toFixed(value < 0.1 ? 3 : 2)}×`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
