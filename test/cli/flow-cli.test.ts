/** The `flow` command as a developer uses it: real processes, real files, exit codes and output. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const flow = (...args: string[]) => {
  const result = spawnSync(process.execPath, ['runtime/cli/flow.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
const dir = mkdtempSync(join(tmpdir(), 'flow-cli-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('flow validate', () => {
  it('accepts every example workflow and the catalogue', () => {
    const { code, stdout } = flow(
      'validate',
      ...[
        'customer-support',
        'faq-handling',
        'order-management',
        'create-order',
        'track-order',
        'lead-capture',
        'complaint-handling',
        'technical-support',
        'tutorial',
        'registry',
      ].map((f) => `workflows/${f}.yaml`),
    );
    expect(stdout).toContain('ok: 10 files: 0 errors');
    expect(code).toBe(0);
  });

  it('prints every problem as file:line:col: message and exits 1', () => {
    const file = write(
      'broken.yaml',
      [
        'id: broken',
        'nodes:',
        '  - id: a',
        '    uses: core/end@^1',
        '    next: nowhere',
        '  - id: b',
        '    uses: core/set@^1',
        '    timeout: soon',
        '',
      ].join('\n'),
    );
    const { code, stdout } = flow('validate', file);
    expect(code).toBe(1);
    // Every problem at once, in file order: the bad timeout does not hide the graph problems.
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/broken\.yaml:5:11: node 'a': next goes to unknown node 'nowhere'/);
    expect(lines[1]).toMatch(/broken\.yaml:6:5: \/nodes\/1\/with: missing required property 'values'/);
    expect(lines[2]).toMatch(/broken\.yaml:6:9: warning: node 'b' can never run/);
    expect(stdout).toMatch(/broken\.yaml:8:\d+: .*\/nodes\/1\/timeout: expected a duration/);
    expect(lines.at(-1)).toMatch(/1 file: 3 errors, 1 warning/);
  });

  it('reports malformed YAML with its position', () => {
    const file = write('syntax.yaml', 'id: x\nnodes:\n  - id: a\n    uses: [unclosed\n');
    const { code, stdout } = flow('validate', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/syntax\.yaml:\d+:\d+: /);
  });

  it('refuses a 10 MB file and an alias bomb quickly with a clear message', () => {
    const big = write('big.yaml', `id: big\nnodes: []\ndescription: "${'x'.repeat(10 * 1024 * 1024)}"\n`);
    const bomb = write(
      'bomb.yaml',
      [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        ...'bcdefghi'
          .split('')
          .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
        'id: bomb',
        'nodes: []',
        '',
      ].join('\n'),
    );
    const started = Date.now();
    const result = flow('validate', big, bomb);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/big\.yaml:1:1: .*10 MB/i);
    expect(result.stdout).toMatch(/bomb\.yaml:\d+:\d+: .*alias/i);
    expect(Date.now() - started).toBeLessThan(30_000); // a hang would hit the spawn timeout instead
  });

  it('checks that catalogue entries point at real workflows with matching ids', () => {
    const file = write('registry.yaml', 'workflows:\n  - id: ghost\n    file: ghost.yaml\n');
    const { code, stdout } = flow('validate', file);
    expect(code).toBe(1);
    expect(stdout).toContain("registry.yaml:3:11: file 'ghost.yaml' does not exist");
  });
});

describe('flow run', () => {
  it('prints the output as JSON on stdout', () => {
    const { code, stdout } = flow(
      'run',
      'workflows/faq-handling.yaml',
      '--input',
      '{"message":"How long does shipping take?"}',
    );
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.reply).toMatch(/business days/);
  });

  it('reads --input @file and streams the trace to stderr with --trace', () => {
    const input = write('input.json', JSON.stringify({ message: 'Where is my order ORD-10001?' }));
    const { code, stdout, stderr } = flow(
      'run',
      'workflows/customer-support.yaml',
      '--input',
      `@${input}`,
      '--trace',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).reply).toMatch(/Order ORD-10001 was delivered/);
    expect(stderr).toMatch(/▶ \S+ \(core\/\S+\)/);
    expect(stderr).toMatch(/✓ \S+ \d+\.\d ms → /);
    expect(stderr).toMatch(/run\.completed in/);
  });

  it('explains bad input instead of crashing', () => {
    const notJson = flow('run', 'workflows/faq-handling.yaml', '--input', '{message:');
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^flow: --input is not valid JSON/);
    const missing = flow('run', 'workflows/faq-handling.yaml', '--input', '@/nonexistent.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read input file \/nonexistent\.json/);
  });
});

describe('flow graph', () => {
  it('prints Mermaid with every node and labelled branches', () => {
    const { code, stdout } = flow('graph', 'workflows/customer-support.yaml');
    expect(code).toBe(0);
    expect(stdout.startsWith('flowchart TD')).toBe(true);
    expect(stdout).toMatch(/n_route -->\|"on: greeting"\| n_greet/);
  });
});
