/**
 * The host side of the capability bridge. A sandbox process only forwards what untrusted code asked
 * for; this is where the manifest's permissions are checked again (the sandbox is never trusted)
 * before the host's own capability (from the caller's CapabilityFactory) runs.
 */
import type { EmailMessage, NodeContext, PluginManifest } from '../../registry/sdk/plugin.ts';
import { ForbiddenError, UserError } from '../workflow/errors.ts';
import { isUrlAllowed } from './permissions.ts';
import { parseUntrustedJson, toSandboxJson } from './safe-json.ts';

/** The call a capability request belongs to, as the host knows it (not as the sandbox claims). */
export interface BridgedCall {
  manifest: PluginManifest;
  ctx: NodeContext;
  maxBytes: number;
}

const MAX_KEY_LENGTH = 512;
/** Longest assets.search query: a long chat message, far more words than a search needs. */
const MAX_QUERY_LENGTH = 2_000;
/** Most candidates one assets.search returns. */
const MAX_SEARCH_LIMIT = 200;

/** Runs one capability request and returns its result as JSON ('' for undefined); throws when refused. */
export async function callCapability(call: BridgedCall, name: string, argsJson: string): Promise<string> {
  const args = parseUntrustedJson(argsJson);
  if (!Array.isArray(args)) throw new UserError('bad-capability-call', `${name}: arguments must be a list`);
  const result = await dispatch(call, name, args);
  const json = toSandboxJson(result);
  if (json.length > call.maxBytes) {
    throw new UserError(
      'capability-result-too-large',
      `${name}: the result is over the limit of ${call.maxBytes} bytes`,
    );
  }
  return json;
}

async function dispatch(call: BridgedCall, name: string, args: unknown[]): Promise<unknown> {
  const { manifest, ctx } = call;
  const p = manifest.permissions ?? {};
  switch (name) {
    case 'fetch': {
      const fetch = granted(call, 'fetch', (p.net?.length ?? 0) > 0 ? ctx.fetch : undefined);
      const url = parseUrl(text(args[0], 'fetch: the url'));
      if (!isUrlAllowed(url, p.net ?? [])) {
        refuse(
          call,
          `fetch to '${url.host}' is not allowed: ${manifest.id} may only reach ${(p.net ?? []).join(', ')}`,
        );
      }
      return fetch(url.href, fetchInit(args[1]));
    }
    case 'secrets.get': {
      const secrets = granted(call, 'secrets', (p.secrets?.length ?? 0) > 0 ? ctx.secrets : undefined);
      const secret = text(args[0], 'secrets.get: the secret name');
      if (!(p.secrets ?? []).includes(secret)) {
        refuse(call, `secret '${secret}' is not declared in the permissions of ${manifest.id}`);
      }
      return secrets.get(secret);
    }
    case 'kv.get':
    case 'kv.set':
    case 'kv.delete': {
      const kv = granted(call, 'kv', p.kv === true ? ctx.kv : undefined);
      const key = text(args[0], `${name}: the key`);
      if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
        throw new UserError('bad-capability-call', `${name}: keys are 1 to ${MAX_KEY_LENGTH} characters`);
      }
      if (name === 'kv.get') return kv.get(key);
      if (name === 'kv.set') return kv.set(key, args[1] ?? null);
      return kv.delete(key);
    }
    case 'data.query':
    case 'data.insert':
    case 'data.update': {
      const data = granted(call, 'data', (p.data?.length ?? 0) > 0 ? ctx.data : undefined);
      const table = text(args[0], `${name}: the table`);
      // '*' (every table of the tenant) is declared in the manifest, so the tenant saw it when installing.
      if (!(p.data ?? []).includes(table) && !(p.data ?? []).includes('*'))
        refuse(call, `table '${table}' is not declared in the permissions of ${manifest.id}`);
      if (name === 'data.query')
        return data.query(table, args[1] == null ? undefined : record(args[1], 'data.query: the filter'));
      if (name === 'data.insert') return data.insert(table, record(args[1], 'data.insert: the row'));
      return data.update(
        table,
        text(args[1], 'data.update: the id'),
        record(args[2], 'data.update: the patch'),
      );
    }
    case 'assets.read': {
      const assets = granted(call, 'assets', p.assets === true ? ctx.assets : undefined);
      const file = text(args[0], 'assets.read: the file name');
      if (file.length === 0 || file.length > MAX_KEY_LENGTH) {
        throw new UserError(
          'bad-capability-call',
          `assets.read: file names are 1 to ${MAX_KEY_LENGTH} characters`,
        );
      }
      return assets.read(file);
    }
    case 'assets.search': {
      const assets = granted(call, 'assets', p.assets === true ? ctx.assets : undefined);
      const file = text(args[0], 'assets.search: the file name');
      if (file.length === 0 || file.length > MAX_KEY_LENGTH) {
        throw new UserError(
          'bad-capability-call',
          `assets.search: file names are 1 to ${MAX_KEY_LENGTH} characters`,
        );
      }
      const query = text(args[1], 'assets.search: the query');
      if (query.length > MAX_QUERY_LENGTH) {
        throw new UserError(
          'bad-capability-call',
          `assets.search: the query is ${query.length} characters, over the limit of ${MAX_QUERY_LENGTH}`,
        );
      }
      const limit = searchLimit(args[2]);
      // A host without an index (in-process services, tests) answers "no documents indexed": read the file.
      if (!assets.search) return null;
      return assets.search(file, query, limit === undefined ? {} : { limit });
    }
    case 'email.send': {
      const email = granted(call, 'email', p.email === true ? ctx.email : undefined);
      return email.send(emailMessage(args[0]));
    }
    case 'llm': {
      const llm = granted(call, 'llm', p.llm === true ? ctx.llm : undefined);
      const request = record(args[0], 'llm: the request');
      if (!Array.isArray(request.messages))
        throw new UserError('bad-capability-call', 'llm: the request needs a messages list');
      return llm(request as unknown as Parameters<typeof llm>[0]);
    }
    default:
      refuse(call, `'${name.slice(0, 64)}' is not a capability`);
  }
}

/** The host capability, or a refusal naming the missing permission. */
function granted<T>(call: BridgedCall, what: string, capability: T | undefined): T {
  if (capability === undefined)
    refuse(call, `${call.manifest.id} has no '${what}' permission (or the host grants none for this run)`);
  return capability;
}

/** Refuses a request and notes it in the run trace, so admins see what a plugin tried. */
function refuse(call: BridgedCall, message: string): never {
  call.ctx.log(`refused: ${message}`, { level: 'warn' });
  throw new ForbiddenError(message);
}

/** The `limit` of assets.search options (`{ limit }` or null), checked: an integer from 1 to MAX_SEARCH_LIMIT. */
function searchLimit(value: unknown): number | undefined {
  if (value == null) return undefined;
  const limit = record(value, 'assets.search: the options').limit;
  if (limit == null) return undefined;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new UserError(
      'bad-capability-call',
      `assets.search: limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}, got ${JSON.stringify(limit)?.slice(0, 40)}`,
    );
  }
  return limit;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new UserError('bad-capability-call', `${what} must be a string`);
  return value;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError('bad-capability-call', `${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

function parseUrl(value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new UserError('bad-capability-call', `fetch: '${value.slice(0, 200)}' is not an absolute URL`);
  }
}

/** Rebuilds an email from plain strings only, so the host's mailer never sees a shape it did not expect. */
function emailMessage(value: unknown): EmailMessage {
  const input = record(value, 'email.send: the message');
  const list = (field: 'to' | 'cc' | 'bcc') => {
    const items = input[field] ?? [];
    if (!Array.isArray(items))
      throw new UserError('bad-capability-call', `email.send: ${field} must be a list`);
    return items.map((item, i) => text(item, `email.send: ${field}[${i}]`));
  };
  const optional = (field: 'from' | 'replyTo' | 'html') =>
    input[field] == null ? {} : { [field]: text(input[field], `email.send: ${field}`) };
  const message: EmailMessage = {
    to: list('to'),
    cc: list('cc'),
    bcc: list('bcc'),
    subject: text(input.subject, 'email.send: subject'),
    text: text(input.text, 'email.send: text'),
    messageId: text(input.messageId, 'email.send: messageId'),
    ...optional('from'),
    ...optional('replyTo'),
    ...optional('html'),
  };
  if (message.to.length + message.cc.length + message.bcc.length === 0) {
    throw new UserError('bad-capability-call', 'email.send: the message has no recipients');
  }
  return message;
}

/** Rebuilds the request options from plain strings only; anything else is dropped. */
function fetchInit(value: unknown): { method?: string; headers?: Record<string, string>; body?: string } {
  if (value == null) return {};
  const init = record(value, 'fetch: the options');
  const out: { method?: string; headers?: Record<string, string>; body?: string } = {};
  if (init.method !== undefined) out.method = text(init.method, 'fetch: method').toUpperCase();
  if (init.body !== undefined) out.body = text(init.body, 'fetch: body');
  if (init.headers !== undefined) {
    out.headers = {};
    for (const [k, v] of Object.entries(record(init.headers, 'fetch: headers')))
      out.headers[k] = text(v, `fetch: header ${k}`);
  }
  return out;
}
