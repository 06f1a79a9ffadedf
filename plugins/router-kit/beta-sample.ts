/**
 * Draws from Beta(alpha, beta) using only a uniform `random()`, so a seeded generator makes a
 * Thompson router fully reproducible. Gamma draws by Marsaglia and Tsang (2000), normals by Box-Muller.
 */

/** One draw from Beta(alpha, beta); both parameters must be > 0. */
export function sampleBeta(alpha: number, beta: number, random: () => number): number {
  const x = sampleGamma(alpha, random);
  const y = sampleGamma(beta, random);
  return x + y === 0 ? 0.5 : x / (x + y);
}

/** One draw from Gamma(shape, 1). */
export function sampleGamma(shape: number, random: () => number): number {
  if (shape < 1) {
    // Boost small shapes: Gamma(a) = Gamma(a + 1) * U^(1/a).
    return sampleGamma(shape + 1, random) * uniformOpen(random) ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(random);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = uniformOpen(random);
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function sampleNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(uniformOpen(random))) * Math.cos(2 * Math.PI * random());
}

// log(0) would be -Infinity: keep the uniform strictly inside (0, 1).
function uniformOpen(random: () => number): number {
  const u = random();
  return u <= 0 ? Number.MIN_VALUE : u >= 1 ? 1 - Number.EPSILON : u;
}
