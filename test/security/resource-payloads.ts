/**
 * Resource attacks: loops, memory and output bombs, blocking primitives and floods. Each must end in
 * a clear node error (or a harmless value) while the host and other tenants carry on.
 */
import type { HostilePayload } from './hostile-payload.ts';

const TIMEOUT = /^timed out after 500 ms$/;
const MEMORY = /^exceeded the memory limit of 32 MB$/;

/** Resource attacks, run with cpuMs 500, memoryMb 32 and maxOutputBytes 100 000. */
export const resourcePayloads: HostilePayload[] = [
  { name: 'infinite synchronous loop', code: 'while (true) {}', outcome: { error: TIMEOUT } },
  {
    name: 'infinite loop at module top level',
    module: 'while (true) {}\nexport function run() { return 1; }',
    outcome: { error: TIMEOUT },
  },
  {
    name: 'infinite async loop (await in a loop)',
    code: 'while (true) await null;',
    outcome: { error: TIMEOUT },
  },
  {
    name: 'infinite promise chain left running after returning',
    code: 'const spin = () => Promise.resolve().then(spin); spin(); return "returned";',
    outcome: { error: /^timed out after 500 ms$|^exceeded the memory limit of 32 MB$/ },
  },
  {
    name: 'microtask flood',
    code: 'for (;;) Promise.resolve().then(() => {});',
    outcome: { errorOrValue: /memory limit|timed out/ },
  },
  {
    name: 'array memory bomb',
    code: 'const keep = []; while (true) keep.push(new Array(1e5).fill(keep.length));',
    outcome: { error: MEMORY },
  },
  {
    name: 'string memory bomb',
    code: "const keep = []; while (true) keep.push(('ab'.repeat(1 << 19) + keep.length).toUpperCase());",
    outcome: { error: MEMORY },
  },
  {
    name: 'typed array memory bomb',
    code: 'const keep = []; while (true) keep.push(new Float64Array(1 << 20).fill(1));',
    outcome: { errorOrValue: /memory limit/ },
  },
  {
    name: 'string doubling past the maximum length',
    code: "let s = 'x'; while (true) s += s;",
    outcome: { errorOrValue: /Invalid string length|memory limit/ },
  },
  {
    name: 'huge output is refused by the size limit',
    code: "return 'x'.repeat(200000);",
    outcome: { error: /^the output is 200002 bytes, over the limit of 100000 bytes$/ },
  },
  {
    name: 'deep recursion',
    code: 'const down = (n) => down(n + 1) + 1; return down(0);',
    outcome: { error: /Maximum call stack size exceeded/ },
  },
  {
    name: 'deeply nested output',
    code: 'let o = {}; for (let i = 0; i < 1e5; i++) o = { o }; return o;',
    outcome: { errorOrValue: /call stack|timed out|not JSON/ },
  },
  {
    name: 'Atomics.wait blocking the thread',
    code: 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return "woke";',
    outcome: { error: /Atomics is not defined|SharedArrayBuffer is not defined/ },
  },
  {
    name: 'SharedArrayBuffer is absent',
    code: 'return new SharedArrayBuffer(1 << 20).byteLength;',
    outcome: { error: /SharedArrayBuffer is not defined/ },
  },
  {
    name: 'timer flood: setTimeout does not exist',
    code: 'for (let i = 0; i < 1e6; i++) setTimeout(() => { while (true) {} }, 0); return "scheduled";',
    outcome: { error: /setTimeout is not defined/ },
  },
  {
    name: 'interval and immediate floods: no scheduling primitives exist',
    code: 'return [typeof setInterval, typeof setImmediate, typeof queueMicrotask, typeof requestAnimationFrame, typeof MessageChannel];',
    outcome: { value: ['undefined', 'undefined', 'undefined', 'undefined', 'undefined'] },
  },
  {
    name: 'WebAssembly memory growth',
    code: 'const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536 }); while (true) memory.grow(100);',
    outcome: { error: /WebAssembly is not defined/ },
  },
  {
    name: 'FinalizationRegistry callbacks that would run outside any call',
    code: 'new FinalizationRegistry(() => { while (true) {} }).register({}, 1); return "registered";',
    outcome: { error: /FinalizationRegistry is not defined/ },
  },
  {
    name: 'log flood is capped',
    code: "for (let i = 0; i < 100000; i++) console.log('line ' + i + ' ' + 'x'.repeat(100)); return 'logged';",
    outcome: { value: 'logged' },
  },
];
