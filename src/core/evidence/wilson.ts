// One-sided Wilson score bounds of a proportion (errors / checked). Pure.
//
// Why Wilson: it behaves at the extremes we live at (0 errors, rates of 0.01 %), where the normal
// ("Wald") interval collapses to zero width and would call one wrong record in 2,500 "above 0.01 %".
// Each bound is one-sided at the given confidence: the true rate is above `lower` with that
// confidence, and below `upper` with that confidence.

/** The standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`quantile of ${p}: expected 0 < p < 1`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}

export interface Bounds { lower: number; upper: number }

/**
 * One-sided Wilson bounds of errors/checked at `confidence` (e.g. 0.95). Nothing checked: [0, 1].
 * 0 errors: lower 0; all wrong: upper 1.
 */
export function wilsonBounds(errors: number, checked: number, confidence: number): Bounds {
  if (!(confidence > 0.5 && confidence < 1)) throw new RangeError(`confidence ${confidence}: expected 0.5 < c < 1`);
  if (!(checked > 0)) return { lower: 0, upper: 1 };
  if (errors < 0 || errors > checked) throw new RangeError(`${errors} errors in ${checked} checked`);
  const z = normalQuantile(confidence);
  const z2 = z * z;
  const p = errors / checked;
  const centre = p + z2 / (2 * checked);
  const spread = z * Math.sqrt((p * (1 - p)) / checked + z2 / (4 * checked * checked));
  const denominator = 1 + z2 / checked;
  return {
    lower: errors === 0 ? 0 : Math.max(0, (centre - spread) / denominator),
    upper: errors === checked ? 1 : Math.min(1, (centre + spread) / denominator),
  };
}
