/**
 * A node's config reaches sandboxed code exactly as in-process: the JSON fast path (with undefined
 * members put back) and the structured-clone path for values JSON cannot carry.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeConfig } from './config-encoding.ts';
import { createSandboxPool } from './sandbox-pool.ts';
import { MemoryTenants } from './testing/memory-tenants.ts';
import { testPlugin } from './testing/test-plugin.ts';

const pool = createSandboxPool({ size: 1 });
const tenants = new MemoryTenants();
afterAll(() => pool.close());

// Describes a value with everything JSON would lose: undefined, -0, NaN, holes, key order, Dates, Maps.
const SHAPE = `function shape(v) {
  if (v === undefined) return ['undefined'];
  if (typeof v === 'number') return Object.is(v, -0) ? ['-0'] : Number.isNaN(v) ? ['NaN'] : ['number', String(v)];
  if (v === null || typeof v !== 'object') return [typeof v, v];
  if (v instanceof Date) return ['date', v.getTime()];
  if (v instanceof Map) return ['map', [...v].map(([k, x]) => [shape(k), shape(x)])];
  if (Array.isArray(v)) return ['array', v.length, Array.from(v, (x, i) => (i in v ? shape(x) : ['hole']))];
  return ['object', Object.keys(v).map((k) => [k, shape(v[k])])];
}`;
const shape = new Function(`${SHAPE}; return shape;`)() as (value: unknown) => unknown;
const echo = testPlugin(pool, 'shape', `${SHAPE}\nexport function run(config) { return shape(config); }`);

describe('config transfer', () => {
  it('keeps undefined members where they were, at any depth', async () => {
    const config = { a: undefined, b: { c: 1, d: undefined, e: [1, undefined, { f: undefined }] }, g: 'x' };
    expect(encodeConfig(config).format).toBe('json');
    expect(await echo.invoke(config, tenants.context('acme'))).toEqual(shape(config));
  });

  it('copies what JSON cannot carry (-0, NaN, holes, dates, maps) as structured clones', async () => {
    // biome-ignore lint/suspicious/noSparseArray: a hole is what is being tested
    const config = { z: -0, n: Number.NaN, holes: [1, , 3], when: new Date(5), m: new Map([['k', 1]]) };
    expect(encodeConfig(config).format).toBe('v8');
    expect(await echo.invoke(config, tenants.context('acme'))).toEqual(shape(config));
  });

  it('delivers arbitrary JSON-like configs with undefined members unchanged', async () => {
    const leaf = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node')),
        fc.dictionary(fc.string(), tie('node')),
      ),
    })).node;
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), value), async (config) => {
        expect(await echo.invoke(config, tenants.context('acme'))).toEqual(shape(config));
      }),
      { numRuns: 60 },
    );
  });
});
