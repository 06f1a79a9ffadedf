import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerLaunch } from './worker-launch.ts';

/** Runs a snippet under the worker's Node flags and environment, as code that escaped its isolate would. */
function asWorker(script: string): { status: number | null; stdout: string; stderr: string } {
  const { execArgv } = workerLaunch();
  const result = spawnSync(process.execPath, [...execArgv, '--input-type=module', '-e', script], {
    env: {},
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sandbox worker process lockdown', () => {
  it('cannot read files outside its own code, write files or start processes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flow-lockdown-'));
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'top secret');
    try {
      const out = asWorker(`
        import fs from 'node:fs';
        import cp from 'node:child_process';
        const tries = {
          read: () => fs.readFileSync(${JSON.stringify(secret)}, 'utf8'),
          write: () => fs.writeFileSync(${JSON.stringify(join(dir, 'pwned'))}, 'x'),
          spawn: () => cp.execSync('id'),
        };
        const result = {};
        for (const [name, attempt] of Object.entries(tries)) {
          try { attempt(); result[name] = 'allowed'; } catch (e) { result[name] = e.code; }
        }
        result.env = Object.keys(process.env).length;
        console.log(JSON.stringify(result));`);
      expect(JSON.parse(out.stdout)).toEqual({
        read: 'ERR_ACCESS_DENIED',
        write: 'ERR_ACCESS_DENIED',
        spawn: 'ERR_ACCESS_DENIED',
        env: 0,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('can still load isolated-vm and run an isolate', () => {
    const out = asWorker(
      "import ivm from 'isolated-vm'; const isolate = new ivm.Isolate({ memoryLimit: 8 }); console.log(isolate.compileScriptSync('6 * 7').runSync(isolate.createContextSync()));",
    );
    expect(out.stdout.trim()).toBe('42');
  });
});
