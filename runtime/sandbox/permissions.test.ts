import { describe, expect, it } from 'vitest';
import type { NodeContext, PluginManifest } from '../../registry/sdk/plugin.ts';
import { grantsFor, isUrlAllowed } from './permissions.ts';

const allowed = (url: string, patterns: string[]) => isUrlAllowed(new URL(url), patterns);

describe('isUrlAllowed', () => {
  it('matches declared hosts on their default port', () => {
    expect(allowed('https://api.example.com/v1', ['api.example.com'])).toBe(true);
    expect(allowed('https://api.example.com:8443/v1', ['api.example.com'])).toBe(false);
    expect(allowed('https://evil.com/?api.example.com', ['api.example.com'])).toBe(false);
    expect(allowed('https://api.example.com.evil.com/', ['api.example.com'])).toBe(false);
  });

  it('matches explicit ports and subdomain wildcards', () => {
    expect(allowed('http://127.0.0.1:8080/x', ['127.0.0.1:8080'])).toBe(true);
    expect(allowed('http://127.0.0.1:8081/x', ['127.0.0.1:8080'])).toBe(false);
    expect(allowed('https://eu.api.example.com/', ['*.example.com'])).toBe(true);
    expect(allowed('https://example.com/', ['*.example.com'])).toBe(false);
    expect(allowed('https://badexample.com/', ['*.example.com'])).toBe(false);
  });

  it("lets '*' (a generic HTTP node) reach any http(s) host and port, still without credentials", () => {
    expect(allowed('https://api.example.com/v1', ['*'])).toBe(true);
    expect(allowed('http://127.0.0.1:8080/x', ['*'])).toBe(true);
    expect(allowed('ftp://example.com/', ['*'])).toBe(false);
    expect(allowed('https://user:pw@api.example.com/', ['*'])).toBe(false);
  });

  it('refuses other protocols and URLs with credentials', () => {
    expect(allowed('file:///etc/passwd', ['api.example.com'])).toBe(false);
    expect(allowed('https://user:pw@api.example.com/', ['api.example.com'])).toBe(false);
  });
});

describe('grantsFor', () => {
  const ctx = {
    fetch: async () => ({}),
    kv: {},
    secrets: {},
    llm: async () => ({}),
    assets: { read: async () => null },
  } as unknown as NodeContext;
  const manifest = (permissions: PluginManifest['permissions']) =>
    ({
      id: 'x/y',
      version: '1.0.0',
      kind: 'node',
      title: 'y',
      description: 'y',
      permissions,
    }) as PluginManifest;

  it('grants what the manifest declares and the host provides', () => {
    expect(grantsFor(manifest({ net: ['a.com'], kv: true, data: ['orders'] }), ctx)).toEqual(['fetch', 'kv']);
    expect(grantsFor(manifest(undefined), ctx)).toEqual([]);
    expect(grantsFor(manifest({ secrets: ['K'], llm: true, kv: false }), ctx)).toEqual(['secrets', 'llm']);
    expect(grantsFor(manifest({ assets: true, email: true }), ctx)).toEqual(['assets']);
  });
});
