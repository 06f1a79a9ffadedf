/**
 * A router as the API shows it: its strategy, per-model statistics taken from the outcome log (the
 * same for every strategy), the last choice with its explanation, and what it would choose next and
 * why (a deterministic preview: the strategy's own `choose` with a fixed random seed).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withTenant } from '../../db/with-tenant.ts';
import { arrayOf, strictObject, timestamp } from '../http/schemas.ts';
import { type StoredRouter, toStored } from './router-state-store.ts';
import { findStrategyPlugin, type StrategyPlugin } from './strategy-plugins.ts';

/** One model's record in one router. */
export interface ArmView {
  id: string;
  calls: number;
  successes: number;
  meanScore: number | null;
  costUsd: number;
  meanLatencyMs: number | null;
}

/** One router. */
export interface RouterView {
  key: string;
  strategy: string;
  outcomes: number;
  arms: ArmView[];
  lastArm: string | null;
  lastExplanation: string | null;
  next: { arm: string; explanation: string } | null;
  state: Record<string, unknown>;
  updatedAt: Date;
}

const nullableNumber = { type: ['number', 'null'] };

/** The JSON Schema of a {@link RouterView}. */
export const routerViewSchema = strictObject({
  key: { type: 'string' },
  strategy: { type: 'string' },
  outcomes: { type: 'integer' },
  arms: arrayOf(
    strictObject({
      id: { type: 'string' },
      calls: { type: 'integer' },
      successes: { type: 'integer' },
      meanScore: nullableNumber,
      costUsd: { type: 'number' },
      meanLatencyMs: nullableNumber,
    }),
  ),
  lastArm: { type: ['string', 'null'] },
  lastExplanation: { type: ['string', 'null'] },
  next: {
    oneOf: [{ type: 'null' }, strictObject({ arm: { type: 'string' }, explanation: { type: 'string' } })],
  },
  state: { type: 'object' },
  updatedAt: timestamp,
});

/** A fixed-seed random source (mulberry32), so the same state always previews the same choice. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What the router would choose now, or null when its strategy is gone or cannot read the state. A
 * sandboxed router samples with its own random source, so its preview may vary between reads.
 */
async function preview(
  router: StoredRouter,
  plugins: readonly StrategyPlugin[],
): Promise<RouterView['next']> {
  if (router.arms.length === 0) return null;
  try {
    const plugin = findStrategyPlugin(plugins, router.strategy, 'router', `router '${router.key}'`);
    const choice = await plugin.choose(
      { arms: router.arms, features: {} },
      router.state,
      router.config,
      seeded(1),
    );
    return { arm: choice.arm, explanation: choice.explanation };
  } catch {
    // A preview only; the error itself surfaces on the next routed call, where a builder can act on it.
    return null;
  }
}

/** Views of the tenant's routers (all, or the ones named in `keys`), by key. */
export async function routerViews(
  db: Kysely<Database>,
  tenantId: string,
  plugins: readonly StrategyPlugin[],
  keys?: string[],
): Promise<RouterView[]> {
  const { rows, stats } = await withTenant(db, tenantId, async (trx) => {
    let q = trx.selectFrom('router_states').selectAll().orderBy('key');
    if (keys) q = q.where('key', 'in', keys);
    const rows = await q.execute();
    let s = trx
      .selectFrom('router_outcomes')
      .select([
        'router_key',
        'arm',
        sql<number>`count(*)::int`.as('calls'),
        sql<number>`count(*) FILTER (WHERE success)::int`.as('successes'),
        sql<number | null>`avg(score)`.as('mean_score'),
        sql<number>`coalesce(sum(cost_usd), 0)`.as('cost_usd'),
        sql<number | null>`avg(latency_ms)`.as('mean_latency_ms'),
      ])
      .groupBy(['router_key', 'arm']);
    if (keys) s = s.where('router_key', 'in', keys);
    return { rows, stats: await s.execute() };
  });
  const views = rows.map(async (row): Promise<RouterView> => {
    const stored = toStored(row);
    const mine = stats.filter((s) => s.router_key === row.key);
    const ids = [...new Set([...row.arms.map((a) => a.id), ...mine.map((s) => s.arm)])];
    const arms = ids.map((id): ArmView => {
      const s = mine.find((m) => m.arm === id);
      return {
        id,
        calls: s?.calls ?? 0,
        successes: s?.successes ?? 0,
        meanScore: s?.mean_score ?? null,
        costUsd: Number(s?.cost_usd ?? 0),
        meanLatencyMs: s?.mean_latency_ms ?? null,
      };
    });
    return {
      key: row.key,
      strategy: row.strategy,
      outcomes: arms.reduce((n, a) => n + a.calls, 0),
      arms,
      lastArm: row.last_arm,
      lastExplanation: row.last_explanation,
      next: await preview(stored, plugins),
      state: row.state,
      updatedAt: row.updated_at,
    };
  });
  return Promise.all(views);
}
