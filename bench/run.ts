/**
 * `npm run bench`: every benchmark, each figure printed next to a baseline measured in the same run
 * (these machines are shared and noisy, so ratios matter more than absolute numbers).
 * `npm run bench -- engine sandbox` runs only the named suites.
 */
import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One measured figure, optionally with the baseline it should be compared to. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  baseline?: { name: string; value: number };
}

const dir = dirname(fileURLToPath(import.meta.url));
const selected = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
let failed = false;

for (const file of files) {
  const suite = file.replace(/\.bench\.ts$/, '');
  if (selected.length > 0 && !selected.includes(suite)) continue;
  const mod = (await import(pathToFileURL(`${dir}/${file}`).href)) as Record<string, unknown>;
  const run = Object.entries(mod).find(
    ([name, value]) => name.startsWith('bench') && typeof value === 'function',
  );
  if (!run) continue;
  console.log(`\n## ${suite}`);
  try {
    const figures = (await (run[1] as () => Promise<Figure[]>)()) ?? [];
    for (const f of figures) {
      const base = f.baseline
        ? `   baseline ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}  (ratio ${fmt(f.value / f.baseline.value)}x)`
        : '';
      const target = f.target ? `   target ${f.target}` : '';
      console.log(`${f.name.padEnd(48)} ${fmt(f.value).padStart(10)} ${f.unit}${base}${target}`);
    }
  } catch (error) {
    failed = true;
    console.error(`${suite} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}
