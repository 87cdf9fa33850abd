/** Small exact statistics for the run-chart rules, in log space so they hold for thousands of points. */

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length ? sum / values.length : NaN;
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}

function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/** The lower 5% quantile of Binomial(n, 0.5), as R's qbinom(0.05, n, 0.5): the smallest x with P(X <= x) >= 0.05. */
export function binomialLowerQuantile(n: number, p = 0.05): number {
  let cumulative = 0;
  for (let x = 0; x <= n; x++) {
    cumulative += Math.exp(logChoose(n, x) - n * Math.LN2);
    if (cumulative >= p - 1e-12) return x;
  }
  return n;
}

/** P(R = r) for the number of runs R in a random arrangement of n1 and n2 items (Swed & Eisenhart 1943). */
function runsProbability(n1: number, n2: number, r: number): number {
  const total = logChoose(n1 + n2, n1);
  if (r < 2) return 0;
  if (r % 2 === 0) {
    const k = r / 2;
    return 2 * Math.exp(logChoose(n1 - 1, k - 1) + logChoose(n2 - 1, k - 1) - total);
  }
  const k = (r - 1) / 2;
  return (
    Math.exp(logChoose(n1 - 1, k - 1) + logChoose(n2 - 1, k) - total) +
    Math.exp(logChoose(n1 - 1, k) + logChoose(n2 - 1, k - 1) - total)
  );
}

/**
 * The IHI runs table (Perla, Provost & Murray 2011) from the exact distribution of the number of runs,
 * for n useful observations split evenly above and below the median, at 2.5% in each tail:
 * fewer runs than `lower` are too few, more than `upper` too many.
 */
export function runsLimits(n: number): { lower: number; upper: number } {
  const n1 = Math.floor(n / 2);
  const n2 = n - n1;
  const alpha = 0.025;
  let cumulative = 0;
  let lower = 2;
  for (let r = 2; r <= n; r++) {
    cumulative += runsProbability(n1, n2, r);
    if (cumulative > alpha + 1e-12) {
      lower = r;
      break;
    }
  }
  let tail = 0;
  let upper = n;
  for (let r = n; r >= 2; r--) {
    tail += runsProbability(n1, n2, r);
    if (tail > alpha + 1e-12) {
      upper = r;
      break;
    }
  }
  return { lower, upper };
}

/** Anhøj: the longest run is unusually long above round(log2(n)) + 3. */
export function longestRunLimit(n: number): number {
  return Math.round(Math.log2(n) + 3);
}

/** Anhøj: too few crossings below the lower 5% quantile of Binomial(n - 1, 0.5). */
export function minimumCrossings(n: number): number {
  return binomialLowerQuantile(n - 1);
}
