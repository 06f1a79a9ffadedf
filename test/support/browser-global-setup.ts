/**
 * vitest globalSetup for the `browser` project: builds the studio (`vite build` into dist/studio),
 * starts the real host (runtime/host/start.ts) on a free port with a temporary data dir, and
 * provides its URL to the tests (`inject('studio')`). Tests drive it with the system Chromium.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

/** What the browser tests receive through `inject('studio')`. */
export interface StudioInfo {
  /** Base URL of the host serving the built studio and the API. */
  url: string;
  /** A signed-up builder the tests sign in as. */
  email: string;
  password: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    studio: StudioInfo;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `vite build` for the studio; rejects with its output when the build fails. */
function buildStudio(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${output}`)),
    );
  });
}

/** A host running in its own Node process, as `npm start` runs it. */
interface HostProcess {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts runtime/host/start.ts in a child Node process (the real ESM loader, not vitest's module
 * runner) and resolves with its URL once it listens.
 */
function startHostProcess(dataDir: string): Promise<HostProcess> {
  const script = `
    import { startHost } from ${JSON.stringify(path.join(root, 'runtime/host/start.ts'))};
    const host = await startHost(${JSON.stringify({ port: 0, hostname: '127.0.0.1', dataDir, studioDir: path.join(root, 'dist/studio'), logLevel: 'warn', seed: false })});
    process.stdout.write('FLOW_HOST_URL=' + host.url + '\\n');
    process.once('SIGTERM', () => void host.close().then(() => process.exit(0)));
  `;
  const child = spawn(path.join(root, 'node_modules/.bin/node'), ['--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /FLOW_HOST_URL=(\S+)/.exec(output);
      if (!match) return;
      child.stdout.off('data', onData);
      resolve({
        url: match[1]!,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before listening:\n${output}`)));
  });
}

/** Builds, starts the host, signs up the test builder; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.FLOW_STUDIO_SKIP_BUILD !== '1' || !existsSync(path.join(root, 'dist/studio/index.html')))
    await buildStudio();
  // FLOW_STUDIO_URL points the tests at a host that is already running (quicker while iterating).
  const external = process.env.FLOW_STUDIO_URL;
  const dataDir = external ? undefined : await mkdtemp(path.join(tmpdir(), 'flow-browser-'));
  const host = dataDir ? await startHostProcess(dataDir) : undefined;
  const url = (host?.url ?? external!).replace(/\/$/, '');

  const email = 'builder@example.test';
  const password = 'correct horse battery';
  const signup = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, name: 'Bea Builder', tenantName: 'Acme Support' }),
  });
  if (!signup.ok && !(external && signup.status === 409))
    throw new Error(`sign-up of the test builder failed: ${signup.status} ${await signup.text()}`);
  project.provide('studio', { url, email, password });

  return async () => {
    await host?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
