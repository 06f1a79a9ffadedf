/**
 * Host benchmarks with autocannon on loopback, each next to a bare Koa handler doing the same database
 * read on the same pool in the same run: GET /api/runs/:id (auth + RLS transaction + validation)
 * and starting a run of a no-op workflow to completion (POST /api/runs with wait).
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import { sql } from 'kysely';
import { createDb, withDatabase } from '../runtime/db/create-db.ts';
import { startEmbeddedPostgres } from '../runtime/db/embedded-postgres.ts';
import { prepareDatabase } from '../runtime/db/prepare-database.ts';
import { withTenant } from '../runtime/db/with-tenant.ts';
import { testHostConfig } from '../runtime/host/config.ts';
import { createApp } from '../runtime/host/create-app.ts';

/** One figure for bench/run.ts. */
interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
}

interface AutocannonResult {
  requests: { average: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = 3;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function load(url: string, options: Record<string, unknown> = {}): Promise<number> {
  const result = await autocannon({ url, connections: 10, duration: SECONDS, ...options });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

const NOOP =
  'id: noop\nnodes:\n  - id: start\n    uses: core/start@^1\n    next: done\n  - id: done\n    uses: core/end@^1\n';

/** Runs the host benchmarks against an embedded PostgreSQL (or FLOW_TEST_DATABASE_URL). */
export async function benchHost(): Promise<Figure[]> {
  const tempDir = await mkdtemp(path.join(tmpdir(), 'flow-bench-'));
  const embedded = process.env.FLOW_TEST_DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg') });
  const serverUrl = process.env.FLOW_TEST_DATABASE_URL ?? embedded!.adminUrl;
  const dbName = `bench_${process.pid}`;
  const admin = createDb(serverUrl, { max: 1 });
  const servers: Server[] = [];
  try {
    await sql`CREATE DATABASE ${sql.id(dbName)}`.execute(admin);
    const { appUrl } = await prepareDatabase(withDatabase(serverUrl, dbName));
    const db = createDb(appUrl, { max: 10 });
    const app = createApp({ db, config: testHostConfig({ validateResponses: false }) });
    const server = createServer(app.callback());
    servers.push(server);
    const url = await listen(server);

    const signup = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'bench@example.test',
        password: 'bench password',
        name: 'Bench',
        tenantName: 'Bench',
      }),
    });
    const me = (await signup.json()) as { tenant: { id: string } };
    const cookies = signup.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = /flow_csrf=([^;]+)/.exec(cookies)![1]!;
    const browser = { cookie: cookies, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    const keyRes = await fetch(`${url}/api/api-keys`, {
      method: 'POST',
      headers: browser,
      body: JSON.stringify({ name: 'bench', scopes: ['runs:read', 'runs:start'] }),
    });
    const { key } = (await keyRes.json()) as { key: string };
    await fetch(`${url}/api/workflows`, {
      method: 'POST',
      headers: browser,
      body: JSON.stringify({ yaml: NOOP }),
    });
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const run = (await (
      await fetch(`${url}/api/runs`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ workflowId: 'noop', wait: true }),
      })
    ).json()) as { runId: string };

    // The baseline: the same two reads in a tenant transaction, no auth, no validation, no error mapping.
    const bare = new Koa();
    bare.use(async (ctx) => {
      ctx.body = await withTenant(db, me.tenant.id, async (trx) => ({
        run: await trx.selectFrom('runs').selectAll().where('id', '=', run.runId).executeTakeFirst(),
        events: await trx
          .selectFrom('run_events')
          .select('event')
          .where('run_id', '=', run.runId)
          .orderBy('seq')
          .execute(),
      }));
    });
    const bareServer = createServer(bare.callback());
    servers.push(bareServer);
    const bareUrl = await listen(bareServer);

    const baseline = await load(bareUrl);
    const getRun = await load(`${url}/api/runs/${run.runId}`, { headers: auth });
    const startRun = await load(`${url}/api/runs`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ workflowId: 'noop', wait: true }),
    });
    await app.services.close();
    await db.destroy();
    const base = { name: 'bare Koa, same DB read', value: baseline };
    return [
      { name: 'GET /api/runs/:id', value: getRun, unit: 'req/s', baseline: base },
      { name: 'POST /api/runs no-op workflow (wait)', value: startRun, unit: 'req/s', baseline: base },
    ];
  } finally {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    await sql`DROP DATABASE IF EXISTS ${sql.id(dbName)} WITH (FORCE)`.execute(admin).catch(() => {});
    await admin.destroy();
    await embedded?.stop();
    await rm(tempDir, { recursive: true, force: true });
  }
}
