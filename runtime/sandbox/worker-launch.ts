/**
 * How a sandbox worker process is started: the same Node binary as the host (process.execPath),
 * no inherited environment, and Node's permission model so that even code that escaped its isolate
 * could read only the worker's own code and isolated-vm, write nothing and spawn nothing.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The worker script and the Node flags to run it with. */
export interface WorkerLaunch {
  entry: string;
  execArgv: string[];
  /** The CPUs to start it on (`taskset -c` syntax, see cpu-placement.ts); any when absent. */
  cpus?: string;
}

const sandboxDir = dirname(fileURLToPath(import.meta.url));

/** Launch settings; `permissionModel: false` drops the fs/child-process lockdown (debugging only). */
export function workerLaunch(permissionModel = true): WorkerLaunch {
  const entry = join(sandboxDir, 'worker', 'sandbox-worker.ts');
  // isolated-vm 5+ on Node 20+ needs the startup snapshot off.
  const execArgv = ['--no-node-snapshot'];
  if (permissionModel) {
    execArgv.push('--permission', '--allow-addons', '--disable-warning=SecurityWarning');
    for (const path of readablePaths()) execArgv.push(`--allow-fs-read=${path}`);
  }
  return { entry, execArgv };
}

function readablePaths(): string[] {
  const require = createRequire(import.meta.url);
  const ivmDir = dirname(require.resolve('isolated-vm'));
  const gypDir = dirname(createRequire(join(ivmDir, 'package.json')).resolve('node-gyp-build'));
  // node-gyp-build probes this file to pick a prebuilt binary.
  const paths = [`${sandboxDir}/`, `${ivmDir}/`, `${gypDir}/`, '/etc/alpine-release'];
  const pkg = nearestPackageJson(sandboxDir);
  if (pkg) paths.push(pkg);
  return paths;
}

/** The package.json Node reads to learn that the worker's .ts files are ES modules. */
function nearestPackageJson(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
