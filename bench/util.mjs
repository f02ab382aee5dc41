// Small helpers shared by the bench scripts.

export const sleep = (ms) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

/** The `q` quantile of the finite values, linearly interpolated; NaN when there are none. */
export const quantile = (values, q) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
};

export const median = (values) => quantile(values, 0.5);

/** `promise`, or a rejection after `ms` (the timer is cleared either way, so it never holds the process up). */
export async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
