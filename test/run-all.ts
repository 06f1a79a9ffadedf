/**
 * `npm test`: every test. Unit tests, then database tests against the embedded PostgreSQL 18 and
 * every server given with --pg-url (CI passes Debian's PostgreSQL 15), then browser tests.
 *
 *   --browser        browser tests are mandatory (fail when Chromium is missing) — CI sets it
 *   --pg-url=URL     also run the database tests against this server (admin URL); repeatable
 *   --only=static|unit|db|browser   run one group (repeatable); anything else is passed to vitest
 *
 * `static` is the type check (tsc) and the linter (Biome); they run first because they are quick.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const requireBrowser = args.includes('--browser');
const pgUrls = args.filter((a) => a.startsWith('--pg-url=')).map((a) => a.slice('--pg-url='.length));
const only = args.filter((a) => a.startsWith('--only=')).map((a) => a.slice('--only='.length));
const passThrough = args.filter(
  (a) => a !== '--browser' && !a.startsWith('--pg-url=') && !a.startsWith('--only='),
);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const wanted = (group: string) => only.length === 0 || only.includes(group);
const failures: string[] = [];

const totals = { passed: 0, failed: 0, skipped: 0 };
let runs = 0;

/** Runs one vitest invocation; records a failure by name and adds its counts to the totals. */
function vitest(name: string, projectArgs: string[], env: Record<string, string> = {}) {
  console.log(`\n=== ${name} ===`);
  const report = path.join(mkdtempSync(path.join(tmpdir(), 'flow-test-')), 'report.json');
  const result = spawnSync(
    'vitest',
    [
      'run',
      ...projectArgs,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...passThrough,
    ],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  if (result.status !== 0) failures.push(name);
  if (existsSync(report)) {
    const counts = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    totals.passed += counts.numPassedTests;
    totals.failed += counts.numFailedTests;
    totals.skipped += counts.numPendingTests + counts.numTodoTests;
    runs++;
  }
  rmSync(path.dirname(report), { recursive: true, force: true });
}

/** Runs a tool from node_modules/.bin; records a failure by name. */
function tool(name: string, command: string, commandArgs: string[]) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
  if (result.status !== 0) failures.push(name);
}

if (wanted('static')) {
  tool('type check (tsc)', 'tsc', ['--noEmit', '-p', '.']);
  tool('lint (biome)', 'biome', ['check', '--diagnostic-level=error', '.']);
}
if (wanted('unit')) vitest('unit tests', ['--project', 'unit']);
if (wanted('db')) {
  vitest('database tests (embedded PostgreSQL 18)', ['--project', 'db']);
  for (const url of pgUrls) {
    vitest(`database tests (${url.replace(/\/\/[^@]*@/, '//')})`, ['--project', 'db'], {
      FLOW_TEST_DATABASE_URL: url,
    });
  }
}
if (wanted('browser')) {
  if (existsSync(chromium)) {
    vitest('browser tests (Chromium)', ['--project', 'browser'], { CHROMIUM_PATH: chromium });
  } else if (requireBrowser) {
    console.error(`\nbrowser tests are required (--browser) but ${chromium} does not exist`);
    failures.push('browser tests (Chromium missing)');
  } else {
    console.warn(
      `\nbrowser tests NOT run: ${chromium} not found (apt-get install -y chromium); CI requires them`,
    );
  }
}

console.log(
  `\n${runs} vitest run(s): ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
if (failures.length > 0) {
  console.error(`FAILED: ${failures.join(', ')}`);
  process.exit(1);
}
if (runs > 0 && totals.passed === 0) {
  console.error('no test ran');
  process.exit(1);
}
console.log('all test groups passed');
console.log(`${totals.passed} passed, ${totals.failed} failed`);
