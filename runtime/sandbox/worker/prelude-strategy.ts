/**
 * The part of the prelude (prelude.ts, which splices this in) that calls router, judge and provider
 * modules by method. The host sends `{ kind, method, args }`; only the methods of that kind may be
 * named, each with a fixed number of host arguments, so a call can never reach another property.
 * Uses the prelude's own helpers (failure, seal, describe, codeOf, apply, freeze, isArray...).
 */
export const STRATEGY_CALLS = `
const STRATEGY_METHODS = ['choose', 'learn', 'judge', 'complete'];

function hasStrategyMethod(exports) {
  if (exports === null || typeof exports !== 'object') return false;
  for (let i = 0; i < STRATEGY_METHODS.length; i++) if (typeof exports[STRATEGY_METHODS[i]] === 'function') return true;
  return false;
}

// How many arguments the host passes to each method a kind allows; -1: not allowed. The isolate adds
// the rest itself: its own Math.random for choose, the call's ctx for judge and complete.
function arityOf(kind, method) {
  if (kind === 'router') return method === 'choose' || method === 'learn' ? 3 : -1;
  if (kind === 'judge') return method === 'judge' ? 2 : -1;
  if (kind === 'provider') return method === 'complete' ? 2 : -1;
  return -1;
}

const random = freeze(function random() { return apply(mathRandom, Math, []); });

async function callMethod(call, ctx, maxOutputBytes) {
  let kind, method, args;
  if (call !== null && typeof call === 'object') {
    kind = call.kind;
    method = call.method;
    args = call.args;
  }
  const arity = arityOf(kind, method);
  if (kind !== 'router' && kind !== 'judge' && kind !== 'provider')
    return failure('plugin', 'refused: this module exports no run function, so it cannot run as a workflow node (it is a router, judge or provider)');
  if (arity < 0)
    return failure('plugin', "refused: '" + StringCtor(method).slice(0, 64) + "' is not a method of a " + kind + ' plugin (a router has choose and learn, a judge judge, a provider complete)');
  if (!isArray(args) || args.length !== arity)
    return failure('plugin', 'refused: ' + method + ' takes ' + arity + ' arguments from the host');
  let value;
  try {
    const fn = plugin[method];
    if (typeof fn !== 'function') throw new ErrorCtor('the ' + kind + ' module has no ' + method + ' function');
    const list = arity === 3 ? [args[0], args[1], args[2]] : [args[0], args[1]];
    if (method === 'choose') list[3] = random;
    else if (method !== 'learn') list[2] = ctx;
    value = await apply(fn, plugin, list);
  } catch (error) {
    return failure('plugin', describe(error), codeOf(error));
  }
  return seal(value, maxOutputBytes, 'the ' + kind + "'s " + method);
}
`;
