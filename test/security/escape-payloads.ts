/**
 * Escape attempts: reaching the host's process, require, files or environment from inside a
 * sandbox, with the techniques published against vm2 and node:vm.
 */
import { allUndefined, type HostilePayload } from './hostile-payload.ts';

/** Escape attempts; every one must end in an error or a value that holds nothing of the host. */
export const escapePayloads: HostilePayload[] = [
  {
    name: 'constructor chain: this.constructor.constructor("return process")()',
    code: 'return Function(\'return this.constructor.constructor("return process")()\')();',
    outcome: { error: /process is not defined/ },
  },
  {
    name: 'constructor chain through an object literal to the global object',
    code: "const g = ({}).constructor.constructor('return this')(); return [typeof g.process, typeof g.require, typeof g.Buffer, typeof g.module];",
    outcome: { check: allUndefined, why: 'the sandbox global has no host objects' },
  },
  {
    name: 'constructor chain through a capability function (console.log)',
    code: "return console.log.constructor('return typeof process + typeof require')();",
    outcome: { value: 'undefinedundefined' },
  },
  {
    name: 'constructor chain through the run context object',
    code: "return context.constructor.constructor('return [typeof process, typeof require, typeof global]')();",
    outcome: { check: allUndefined, why: 'context is a plain sandbox object' },
  },
  {
    name: 'process, require and globalThis.process are unreachable',
    code: 'return [typeof process, typeof require, typeof globalThis.process, typeof globalThis.require, typeof module, typeof __dirname, typeof Buffer];',
    outcome: { check: allUndefined, why: 'no node globals' },
  },
  {
    name: 'eval of host globals',
    code: "return eval('[typeof process, typeof require, typeof fetch, typeof setTimeout, typeof setImmediate]');",
    outcome: { check: allUndefined, why: 'eval runs in the sandbox realm' },
  },
  {
    name: 'new Function reading the host environment variable',
    code: "return new Function('return process.env.FLOW_SECURITY_CANARY')();",
    outcome: { error: /process is not defined/ },
  },
  {
    name: 'require of fs to read the canary file',
    code: "return require('fs').readFileSync(input.canaryFile, 'utf8');",
    outcome: { error: /require is not defined/ },
  },
  {
    name: 'dynamic import() of a node builtin',
    code: "const fs = await import('node:fs'); return fs.readFileSync(input.canaryFile, 'utf8');",
    outcome: { error: /Not supported/ },
  },
  {
    name: 'dynamic import() of a data: URL',
    code: "return (await import('data:text/javascript,export default process.env')).default;",
    outcome: { error: /Not supported/ },
  },
  {
    name: 'static import in a plugin module',
    module:
      "import { readFileSync } from 'node:fs'; export function run(config) { return readFileSync('/etc/passwd', 'utf8'); }",
    outcome: { error: /must be bundled, but this one imports 'node:fs'/ },
  },
  {
    name: 'arguments.callee.caller walk up the stack',
    code: "return Function('function f() { const seen = []; let c = arguments.callee.caller; while (c) { seen.push(String(c).slice(0, 60)); try { c = c.caller; } catch (e) { seen.push(e.message); break; } } return seen; } return f();')();",
    outcome: {
      check: (v) => Array.isArray(v) && !JSON.stringify(v).includes('require('),
      why: 'only sandbox frames are reachable',
    },
  },
  {
    name: 'Error.prepareStackTrace override reading CallSite.getThis()/getFunction()',
    code: `Error.prepareStackTrace = (error, frames) => frames.map((f) => {
        const self = f.getThis(); const fn = f.getFunction();
        return typeof (self && self.process) + ',' + typeof (fn && fn.process);
      });
      return new Error('probe').stack;`,
    outcome: {
      check: (v) => Array.isArray(v) && v.every((frame) => frame === 'undefined,undefined'),
      why: 'frames hold sandbox objects only',
    },
  },
  {
    name: 'stack traces show no host file paths',
    code: 'try { null.x; } catch (e) { return e.stack; }',
    outcome: {
      check: (v) => typeof v === 'string' && !/\/work\/|node:internal|node_modules|file:\/\//.test(v),
      why: 'no host paths in stacks',
    },
  },
  {
    name: 'Proxy traps on a thrown error (vm2 CVE-2023-29017 style)',
    code: `const leaks = [];
      throw new Proxy(new Error('proxied'), { get(target, key) {
        try { leaks.push(target.constructor.constructor('return process')().pid); } catch (e) {}
        return Reflect.get(target, key); } });`,
    outcome: { error: /^proxied$/ },
  },
  {
    // Compiling code right at a stack overflow crashed the process when it ran on isolated-vm's own
    // threads (little native stack below V8's limit); every entry into an isolate now runs on the
    // worker's main thread, where V8 stops it with a RangeError.
    name: 'recursive Proxy traps compiling code at the stack limit',
    code: `throw new Proxy(new Error('proxied'), { get(target, key, receiver) {
        try { receiver.constructor.constructor('return process')(); } catch (e) {}
        return Reflect.get(target, key); } });`,
    outcome: { error: /^proxied$|call stack/ },
  },
  {
    name: "the same Proxy recursion in a module's top-level code",
    module: `let seen = 'nothing';
      try { throw new Proxy(new Error('proxied'), { get(target, key, receiver) {
        try { receiver.constructor.constructor('return process')(); } catch (e) {}
        return Reflect.get(target, key); } }); } catch (e) { seen = String(e.message); }
      export function run() { return seen; }`,
    outcome: { value: 'proxied' },
  },
  {
    name: 'Proxy traps on the returned value',
    code: "return new Proxy({}, { ownKeys() { return Function('return Object.keys(globalThis)')(); }, getOwnPropertyDescriptor() { return { value: Function('return typeof process')(), enumerable: true, configurable: true }; } });",
    outcome: {
      check: (v) => !JSON.stringify(v).includes('"object"'),
      why: 'traps run in the sandbox and see no process',
    },
  },
  {
    name: 'Promise species trick (vm2 CVE-2023-37466)',
    code: `async function fn() { (function stack() { new Error().stack; stack(); })(); }
      const p = fn();
      p.constructor = { [Symbol.species]: class FakePromise { constructor(executor) { executor((x) => x, (err) => err.constructor.constructor('return process')().mainModule.require('child_process').execSync('touch /tmp/pwned')); } } };
      p.then();
      return 'done';`,
    outcome: { errorOrValue: /timed out|call stack|process is not defined/ },
  },
  {
    name: 'Promise.prototype.then hijack to intercept bridge results',
    code: "const seen = []; const then = Promise.prototype.then; Promise.prototype.then = function (a, b) { seen.push(typeof a); return then.call(this, a, b); }; console.log('x'); await null; return Function('return typeof process')();",
    outcome: { value: 'undefined' },
  },
  {
    name: 'Symbol.hasInstance override to fool host instanceof checks',
    code: "for (const C of [Object, Error, Function, Promise]) Object.defineProperty(C, Symbol.hasInstance, { value: () => true }); throw { message: 'fake error', stack: 'at host', code: 'EACCES' };",
    outcome: { error: /^fake error$/ },
  },
  {
    name: 'Symbol.toPrimitive on a thrown object',
    code: "throw { [Symbol.toPrimitive]() { return Function('return process')().env.FLOW_SECURITY_CANARY; } };",
    outcome: { error: /could not be read/ },
  },
  {
    name: 'toJSON on the returned value tries the constructor chain',
    code: "return { toJSON() { return this.constructor.constructor('return typeof process')(); } };",
    outcome: { value: 'undefined' },
  },
];
