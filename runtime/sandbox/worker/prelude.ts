/**
 * The code that runs first in every sandbox context, before any plugin code. It takes the bridge (a
 * plain function that only posts a request) and returns three functions the worker keeps as
 * References on its own side: `load` (adopt the plugin's module namespace), `invoke` (start one
 * call; its result comes back through the bridge) and `deliver` (settle a capability promise).
 * A node module (it exports `run`) is called as `run(config, ctx)`. A router, judge or provider
 * module is called by method: the host sends `{ kind, method, args }` and only the methods of that
 * kind may be named (router: choose, learn; judge: judge; provider: complete). Untrusted
 * code only ever sees frozen plain objects built here; results and requests leave as JSON strings.
 *
 * Intrinsics are not frozen on purpose: freezing Object.prototype breaks ordinary bundled code
 * (`Child.prototype.constructor = Child`), and an isolate serves one tenant and one plugin version,
 * so tampering with its own intrinsics harms only itself.
 */
import { STRATEGY_CALLS } from './prelude-strategy.ts';

export const PRELUDE = `
'use strict';
const bridge = $0;
const g = globalThis;
const { parse, stringify } = JSON;
const { freeze, defineProperty } = Object;
const apply = Reflect.apply;
const PromiseCtor = Promise;
const promiseThen = Promise.prototype.then;
const ErrorCtor = Error;
const StringCtor = String;
const isArray = Array.isArray;
const mathRandom = Math.random;
const pending = new Map();
const mapGet = Map.prototype.get, mapSet = Map.prototype.set, mapDelete = Map.prototype.delete, mapClear = Map.prototype.clear;
const MAX_MESSAGE = 2000, MAX_LOG = 8000;

// Shared memory and GC callbacks would let code run or block outside a monitored call.
for (const name of ['WebAssembly', 'SharedArrayBuffer', 'Atomics', 'FinalizationRegistry', 'WeakRef']) {
  delete g[name];
}

let plugin = null;
// The module is a router, judge or provider: its calls name a method (see callMethod).
let strategy = false;
let current = null;
let nextReq = 0;

function describe(error) {
  try {
    if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
      const message = error.message;
      if (typeof message === 'string') return message.slice(0, MAX_MESSAGE);
    }
    return StringCtor(error).slice(0, MAX_MESSAGE);
  } catch {
    return 'an error whose message could not be read';
  }
}

function codeOf(error) {
  try {
    const code = error !== null && typeof error === 'object' ? error.code : undefined;
    return typeof code === 'string' ? code.slice(0, 64) : undefined;
  } catch {
    return undefined;
  }
}

function toJson(value) {
  try {
    const json = stringify(value);
    return json === undefined ? 'null' : json;
  } catch {
    return '"[unserializable]"';
  }
}

function request(name, args) {
  let json;
  try {
    json = stringify(args);
  } catch (error) {
    return new PromiseCtor((_, reject) => reject(new ErrorCtor(name + ': the arguments are not JSON: ' + describe(error))));
  }
  return new PromiseCtor((resolve, reject) => {
    if (current === null) return reject(new ErrorCtor(name + ' was called after the node finished'));
    const id = ++nextReq;
    apply(mapSet, pending, [id, { resolve, reject }]);
    bridge(id, name, json);
  });
}

function log(message, data) {
  // One line past the limit still goes out, so the host can note in the trace that lines were dropped.
  if (current === null || current.logLines > current.maxLogLines) return;
  current.logLines++;
  let text;
  try {
    text = typeof message === 'string' ? message : StringCtor(message);
  } catch {
    text = '[unprintable]';
  }
  if (text.length > MAX_LOG) text = text.slice(0, MAX_LOG) + '…';
  bridge(0, 'log', data === undefined ? toJson([text]) : toJson([text, data]));
}

function format(args) {
  let text = '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    let part;
    try {
      part = typeof arg === 'string' ? arg : arg === undefined ? 'undefined' : typeof arg === 'object' ? toJson(arg) : StringCtor(arg);
    } catch {
      part = '[unprintable]';
    }
    text += (i === 0 ? '' : ' ') + part;
    if (text.length > MAX_LOG) break;
  }
  return text;
}

const consoleObject = freeze({
  log: (...args) => log(format(args)),
  info: (...args) => log(format(args)),
  debug: (...args) => log(format(args)),
  warn: (...args) => log(format(args), { level: 'warn' }),
  error: (...args) => log(format(args), { level: 'error' }),
});
defineProperty(g, 'console', { value: consoleObject, writable: false, configurable: false, enumerable: false });
defineProperty(g, 'definePlugin', { value: freeze(function definePlugin(p) { return p; }), writable: false, configurable: false, enumerable: false });

const SIGNAL = freeze({
  aborted: false,
  reason: undefined,
  addEventListener() {},
  removeEventListener() {},
  throwIfAborted() {},
});

function buildCtx(runId, nodeId, tenantId, idempotencyKey, attempt, grants) {
  const ctx = {
    runId,
    nodeId,
    tenantId,
    idempotencyKey,
    attempt,
    signal: SIGNAL,
    log: freeze((message, data) => log(message, data)),
  };
  for (const grant of grants === '' ? [] : grants.split(',')) {
    if (grant === 'fetch') ctx.fetch = freeze((url, init) => request('fetch', [url, init === undefined ? null : init]));
    if (grant === 'secrets') ctx.secrets = freeze({ get: (name) => request('secrets.get', [name]) });
    if (grant === 'kv') {
      ctx.kv = freeze({
        get: (key) => request('kv.get', [key]),
        set: (key, value) => request('kv.set', [key, value === undefined ? null : value]),
        delete: (key) => request('kv.delete', [key]),
      });
    }
    if (grant === 'data') {
      ctx.data = freeze({
        query: (table, filter) => request('data.query', [table, filterOf(filter)]),
        insert: (table, row) => request('data.insert', [table, row]),
        update: (table, id, patch) => request('data.update', [table, id, patch]),
      });
    }
    if (grant === 'assets') {
      ctx.assets = freeze({
        read: (name) => request('assets.read', [name]),
        search: (name, query, options) => request('assets.search', [name, query, options === undefined ? null : options]),
      });
    }
    if (grant === 'email') ctx.email = freeze({ send: (message) => request('email.send', [message]) });
    if (grant === 'llm') ctx.llm = freeze((req) => request('llm', [req]));
  }
  return freeze(ctx);
}

// JSON would drop a filter field whose value is undefined and so widen the query to every row; in-process
// such a field matches rows without it, which null says over JSON.
function filterOf(filter) {
  if (filter === undefined) return null;
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) return filter;
  try {
    const out = {};
    for (const key of Object.keys(filter)) {
      const value = filter[key];
      out[key] = value === undefined ? null : value;
    }
    return out;
  } catch {
    return filter; // a hostile filter object: the host's own checks deal with whatever JSON it becomes
  }
}

function failure(kind, message, code) {
  return 'E' + stringify({ kind, message, code });
}

${STRATEGY_CALLS}

function load(namespace) {
  const def = namespace.default;
  if (def !== null && typeof def === 'object' && typeof def.run === 'function') plugin = def;
  else if (typeof namespace.run === 'function') plugin = namespace;
  else if (hasStrategyMethod(def)) {
    plugin = def;
    strategy = true;
  } else if (hasStrategyMethod(namespace)) {
    plugin = namespace;
    strategy = true;
  } else throw new ErrorCtor('the module exports no run function (nor the choose and learn of a router, the judge of a judge or the complete of a provider): write "export default definePlugin({ manifest, run })" or "export function run(config, ctx)"');
}

async function run(config, ctx, maxOutputBytes) {
  let value;
  try {
    value = await plugin.run(config, ctx);
  } catch (error) {
    return failure('plugin', describe(error), codeOf(error));
  }
  return seal(value, maxOutputBytes, 'the node');
}

function seal(value, maxOutputBytes, who) {
  let out;
  try {
    out = stringify(value);
  } catch (error) {
    return failure('plugin', who + ' returned a value that is not JSON: ' + describe(error));
  }
  if (out === undefined) out = '';
  if (out.length > maxOutputBytes) {
    return failure('output-too-large', 'the output is ' + out.length + ' bytes, over the limit of ' + maxOutputBytes + ' bytes');
  }
  return 'V' + out;
}

// Starts one call; its envelope leaves through the bridge (reqId -1) in whichever slice it settles,
// so nothing here waits.
function invoke(configIn, undefinedPaths, runId, nodeId, tenantId, idempotencyKey, attempt, grants, maxOutputBytes, maxLogLines) {
  apply(mapClear, pending, []);
  // JSON text unless it came as a structured-clone copy (undefinedPaths null).
  const config = undefinedPaths === null ? configIn : parse(configIn);
  if (undefinedPaths) restoreUndefined(config, parse(undefinedPaths));
  const call = { logLines: 0, maxLogLines };
  current = call;
  const settle = (envelope) => {
    if (current !== call) return; // a later call started: this one was given up on
    current = null;
    // Handed out through the bridge (reqId -1) within this slice: no second isolate entry to collect it.
    bridge(-1, 'result', envelope);
  };
  let promise;
  try {
    const ctx = buildCtx(runId, nodeId, tenantId, idempotencyKey, attempt, grants);
    promise = strategy ? callMethod(config, ctx, maxOutputBytes) : run(config, ctx, maxOutputBytes);
  } catch (error) {
    return settle(failure('plugin', describe(error)));
  }
  apply(promiseThen, promise, [settle, (error) => settle(failure('plugin', describe(error)))]);
}

// Members sent as null because JSON has no undefined (config-encoding.ts) become undefined again.
function restoreUndefined(config, paths) {
  for (let p = 0; p < paths.length; p++) {
    const path = paths[p];
    let target = config;
    for (let i = 0; i < path.length - 1; i++) target = target[path[i]];
    target[path[path.length - 1]] = undefined;
  }
}

function deliver(id, ok, payload) {
  const entry = apply(mapGet, pending, [id]);
  if (entry === undefined) return;
  apply(mapDelete, pending, [id]);
  if (!ok) return entry.reject(new ErrorCtor(StringCtor(payload)));
  let value;
  try {
    value = payload === '' ? undefined : parse(payload);
  } catch {
    return entry.reject(new ErrorCtor('the host sent an unreadable answer'));
  }
  entry.resolve(value);
}

return { load, invoke, deliver };
`;
