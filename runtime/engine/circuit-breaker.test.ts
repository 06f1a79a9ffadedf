import { describe, expect, it } from 'vitest';
import type { Workflow } from '../workflow/types.ts';
import { createCircuitBreakers } from './circuit-breaker.ts';
import { runTest, testPlugin } from './test-kit.ts';

describe('circuit breaker', () => {
  const policy = { failures: 2, resetAfterMs: 1000 };

  it('opens after N failures in a row, fails fast, then lets one trial through after resetAfter', () => {
    let now = 0;
    const breakers = createCircuitBreakers({ now: () => now });
    breakers.onFailure('k', policy);
    expect(breakers.state('k', policy)).toBe('closed');
    breakers.onFailure('k', policy);
    expect(breakers.state('k', policy)).toBe('open');
    expect(() => breakers.beforeCall('k', policy, 'n')).toThrow(
      "node 'n': circuit open for k after 2 failures in a row; next try in 1 s",
    );
    now = 1000;
    expect(breakers.state('k', policy)).toBe('half-open');
    breakers.beforeCall('k', policy, 'n'); // the trial
    expect(() => breakers.beforeCall('k', policy, 'n')).toThrow('circuit open');
    breakers.onFailure('k', policy); // trial failed: open again
    expect(breakers.state('k', policy)).toBe('open');
    now = 2000;
    breakers.beforeCall('k', policy, 'n');
    breakers.onSuccess('k'); // trial succeeded: closed
    expect(breakers.state('k', policy)).toBe('closed');
    breakers.beforeCall('k', policy, 'n');
  });

  it('success resets the failure count', () => {
    const breakers = createCircuitBreakers();
    breakers.onFailure('k', policy);
    breakers.onSuccess('k');
    breakers.onFailure('k', policy);
    expect(breakers.state('k', policy)).toBe('closed');
  });

  it('protects later runs: an open circuit fails fast with circuit-open without calling the plugin', async () => {
    let now = 0;
    let calls = 0;
    let healthy = false;
    const api = testPlugin('api', (config) => {
      calls++;
      if (!healthy) throw new Error(`${config.url} is down`);
      return { ok: true };
    });
    const workflow: Workflow = {
      id: 'cb',
      nodes: [
        {
          id: 'call',
          uses: 'test/api',
          with: { url: 'https://api.example.com/x' },
          circuitBreaker: { failures: 2, resetAfter: '10s' },
        },
      ],
    };
    const breakers = createCircuitBreakers({ now: () => now });
    const run = () => runTest(workflow, {}, { plugins: [api], circuitBreakers: breakers });
    expect((await run()).error?.code).toBe('node-failed');
    expect((await run()).error?.code).toBe('node-failed');
    const blocked = await run();
    expect(blocked.error).toMatchObject({ code: 'circuit-open', nodeId: 'call' });
    expect(blocked.error?.message).toContain('test/api api.example.com');
    expect(calls).toBe(2);
    now = 10_000;
    healthy = true;
    expect((await run()).status).toBe('completed'); // half-open trial succeeds
    expect(calls).toBe(3);
  });

  it('keys circuits by target host, so another host is unaffected', async () => {
    const api = testPlugin('api', (config) => {
      if (String(config.url).includes('bad')) throw new Error('down');
      return { ok: true };
    });
    const node = (url: string): Workflow => ({
      id: 'cb',
      nodes: [{ id: 'call', uses: 'test/api', with: { url }, circuitBreaker: { failures: 1 } }],
    });
    const breakers = createCircuitBreakers();
    await runTest(node('https://bad.example.com'), {}, { plugins: [api], circuitBreakers: breakers });
    expect(
      (await runTest(node('https://bad.example.com'), {}, { plugins: [api], circuitBreakers: breakers }))
        .error?.code,
    ).toBe('circuit-open');
    expect(
      (await runTest(node('https://good.example.com'), {}, { plugins: [api], circuitBreakers: breakers }))
        .status,
    ).toBe('completed');
  });

  it('stops retrying once the circuit opens', async () => {
    let calls = 0;
    const api = testPlugin('api', () => {
      calls++;
      throw new Error('down');
    });
    const workflow: Workflow = {
      id: 'cb',
      nodes: [{ id: 'call', uses: 'test/api', retry: { max: 5 }, circuitBreaker: { failures: 2 } }],
    };
    const record = await runTest(workflow, {}, { plugins: [api] });
    expect(calls).toBe(2);
    expect(record.error?.code).toBe('circuit-open');
    expect(record.nodes.call?.attempts).toBe(3);
  });
});
