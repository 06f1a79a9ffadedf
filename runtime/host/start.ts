/**
 * Starts the whole host: PostgreSQL (DATABASE_URL, else the embedded server under the data dir),
 * migrations, the safety check, the first-start demo seed, the API, live traces and the studio.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { assertSafeDatabase } from '../db/assert-safe-database.ts';
import { createDb } from '../db/create-db.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import { prepareDatabase } from '../db/prepare-database.ts';
import { loadHostConfig } from './config.ts';
import { createApp } from './create-app.ts';
import { createHostServices } from './host-services.ts';
import { attachLiveTrace } from './live/live-trace.socket.ts';
import { DEMO_LOGIN, seedDemo } from './seed-demo.ts';
import { serveStudio } from './serve-studio.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Options for {@link startHost}. */
export interface StartHostOptions {
  port?: number;
  hostname?: string;
  /** Where the embedded database and generated keys live. */
  dataDir?: string;
  /** The built studio. */
  studioDir?: string;
  logLevel?: string;
  /** Skip the demo tenant. */
  seed?: boolean;
}

/** A running host. */
export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the host and prints its URL (and the demo login on first start). */
export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  const dataDir = path.resolve(options.dataDir ?? path.join(ROOT, 'data'));
  const config = loadHostConfig(dataDir);
  if (options.logLevel) config.logLevel = options.logLevel;
  const logger = pino({ level: config.logLevel });
  let embedded: EmbeddedServer | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pg'),
      onLog: (m) => logger.debug({ postgres: m.trim() }),
    });
    adminUrl = embedded.adminUrl;
  }
  const { appUrl } = await prepareDatabase(adminUrl);
  const db = createDb(process.env.FLOW_APP_DATABASE_URL ?? appUrl);
  await assertSafeDatabase(db);
  // Runs that were in flight when an earlier process died will never finish: say so.
  const admin = createDb(adminUrl, { max: 1 });
  await admin
    .updateTable('runs')
    .set({
      status: 'failed',
      error: JSON.stringify({
        code: 'interrupted',
        message: 'the host stopped while this run was in progress',
      }),
      finished_at: new Date(),
    })
    .where('status', '=', 'running')
    .execute()
    .finally(() => admin.destroy());

  const seeded = options.seed === false ? undefined : await seedDemo(db, logger);
  const services = createHostServices({ db, config, logger });
  const app = createApp({
    db,
    config,
    services,
    after: serveStudio(path.resolve(options.studioDir ?? path.join(ROOT, 'dist/studio'))),
  });
  const server = createServer(app.callback());
  const io = attachLiveTrace(server, services);
  const requested = options.port ?? Number(process.env.PORT ?? 3000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requested, options.hostname ?? process.env.HOST ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.hostname && options.hostname !== '0.0.0.0' ? options.hostname : 'localhost';
  const url = `http://${shownHost}:${port}`;
  if (seeded?.created) {
    console.log(
      `Demo tenant '${DEMO_LOGIN.tenant}' created with ${seeded.workflows.length} example workflow(s).`,
    );
  }
  if (seeded) console.log(`Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
  console.log(`Flow Studio is running at ${url}`);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close: () =>
      (closing ??= (async () => {
        await services.close();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.destroy();
        await embedded?.stop();
      })()),
  };
}

// `node runtime/host/start.ts` starts it directly.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const host = await startHost();
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void host.close().then(() => process.exit(0)));
}
