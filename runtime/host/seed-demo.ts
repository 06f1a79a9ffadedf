/**
 * First-start seed: a demo tenant and login, the example workflows from workflows/*.yaml (published)
 * and their data from workflows/data/*.json. Runs once: skipped when the demo tenant exists.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/schema.ts';
import { withTenant } from '../db/with-tenant.ts';
import { isCatalog } from '../workflow/is-catalog.ts';
import { parseWorkflow } from '../workflow/parse-workflow.ts';
import { hashPassword } from './auth/passwords.ts';
import { WORKFLOW_ID } from './http/schemas.ts';
import { tenantTables } from './runs/tenant-tables.ts';
import { createWorkflow, publishVersion } from './workflows/workflow-store.ts';

/** The example workflows folder. */
export const WORKFLOWS_DIR = fileURLToPath(new URL('../../workflows/', import.meta.url));

/** The demo login printed at first start. */
export const DEMO_LOGIN = { email: 'demo@flow.local', password: 'demo-flow-studio', tenant: 'demo' } as const;

/** What the seed created, for printing. */
export interface SeedResult {
  created: boolean;
  workflows: string[];
  skipped: string[];
}

/** Seeds the demo tenant unless the demo user already has one. */
export async function seedDemo(
  db: Kysely<Database>,
  logger: Logger,
  dir = WORKFLOWS_DIR,
): Promise<SeedResult> {
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', DEMO_LOGIN.email)
    .executeTakeFirst();
  if (existing) return { created: false, workflows: [], skipped: [] };
  const user = await db
    .insertInto('users')
    .values({
      email: DEMO_LOGIN.email,
      name: 'Demo Builder',
      password_hash: await hashPassword(DEMO_LOGIN.password),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const tenantId = randomUUID();
  await withTenant(db, tenantId, async (trx) => {
    await trx.insertInto('tenants').values({ id: tenantId, slug: DEMO_LOGIN.tenant, name: 'Demo' }).execute();
    await trx
      .insertInto('memberships')
      .values({ tenant_id: tenantId, user_id: user.id, role: 'owner' })
      .execute();
  });
  const result: SeedResult = { created: true, workflows: [], skipped: [] };
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const file of files) {
    const yaml = await readFile(path.join(dir, file), 'utf8');
    if (isCatalog(yaml)) continue; // registry.yaml lists the examples; it is not one

    const parsed = parseWorkflow(yaml, file);
    const wf = parsed.workflow;
    if (!wf || !WORKFLOW_ID.test(wf.id)) {
      result.skipped.push(file);
      logger.warn({ file, problems: parsed.problems.slice(0, 3) }, 'example workflow skipped');
      continue;
    }
    await withTenant(db, tenantId, async (trx) => {
      await createWorkflow(trx, tenantId, {
        id: wf.id,
        name: wf.name ?? wf.id,
        yaml,
        message: `Example from workflows/${file}`,
        authorId: user.id,
      });
      await publishVersion(trx, wf.id, 1);
    });
    result.workflows.push(wf.id);
  }
  await seedData(db, tenantId, path.join(dir, 'data'));
  return result;
}

/** Loads `<table>.json` files (`[...]` or `{ <table>: [...] }`) into the tenant's tables; other files become documents. */
async function seedData(db: Kysely<Database>, tenantId: string, dataDir: string): Promise<void> {
  const tables = tenantTables(db, tenantId);
  const files = (await readdir(dataDir).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    const name = file.replace(/\.json$/, '');
    const json = JSON.parse(await readFile(path.join(dataDir, file), 'utf8')) as unknown;
    const list = Array.isArray(json) ? json : (json as Record<string, unknown>)[name];
    if (['customers', 'products', 'orders'].includes(name) && Array.isArray(list)) {
      for (const row of list as Record<string, unknown>[]) await tables.insert(name, row);
      continue;
    }
    const entries = (json as { entries?: Record<string, unknown>[] }).entries;
    if (!Array.isArray(entries)) continue;
    await withTenant(db, tenantId, async (trx) => {
      for (const [i, e] of entries.entries()) {
        await trx
          .insertInto('documents')
          .values({
            tenant_id: tenantId,
            id: String(e.id ?? i),
            source: file,
            title: String(e.question ?? e.title ?? ''),
            body: String(e.answer ?? e.body ?? ''),
            data: JSON.stringify(e),
          })
          .execute();
      }
    });
  }
}
