// What the benchmark scripts share to draw their samples: a seeded generator, so that every machine draws the same
// sample, a shuffle with it, and a policy member read as a list whether IAM wrote one value or several.

// mulberry32: a small seeded generator.
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled(items, next) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

export const list = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
