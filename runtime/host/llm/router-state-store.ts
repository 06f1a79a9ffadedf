/**
 * Reads and updates what a tenant's routers learned. Choosing reads a snapshot without a lock (a
 * slightly stale state only changes which arm is explored); learning locks the router's row, applies
 * `learn` to the state as it is now, and appends the outcomes in the same transaction, so parallel
 * runs never lose an update and the log always matches the state.
 */
import type { Kysely } from 'kysely';
import type { RouteOutcome, RouterArm, RouterState } from '../../../registry/sdk/plugin.ts';
import type { Database } from '../../db/schema.ts';
import { withTenant } from '../../db/with-tenant.ts';
import type { RouterStrategy } from './strategy-plugins.ts';

/** One router as stored. */
export interface StoredRouter {
  key: string;
  strategy: string;
  config: Record<string, unknown>;
  arms: RouterArm[];
  state: RouterState;
  lastArm: string | null;
  lastExplanation: string | null;
  updatedAt: Date;
}

/** An outcome to learn from, with where it came from. */
export interface RecordedOutcome extends RouteOutcome {
  source: 'run' | 'feedback';
  runId?: string;
  nodeId?: string;
}

/** What one learning step writes. */
export interface LearnStep {
  key: string;
  /** A built-in learns at once; a sandboxed router's learn is awaited (under the row lock). */
  router: RouterStrategy;
  /** The strategy settings and arms of this call; the stored ones when absent (feedback). */
  config?: Record<string, unknown>;
  arms?: RouterArm[];
  outcomes: RecordedOutcome[];
  /** The choice that led to these outcomes, kept for explanations. */
  choice?: { arm: string; explanation: string };
}

/** The stored router `key` of the tenant, or undefined. */
export async function readRouter(
  db: Kysely<Database>,
  tenantId: string,
  key: string,
): Promise<StoredRouter | undefined> {
  const row = await withTenant(db, tenantId, (trx) =>
    trx.selectFrom('router_states').selectAll().where('key', '=', key).executeTakeFirst(),
  );
  return row && toStored(row);
}

/** The state `strategy` should start from: the stored one, or a fresh one when the strategy changed. */
export function stateFor(stored: StoredRouter | undefined, strategy: string): RouterState {
  return stored && stored.strategy === strategy ? stored.state : {};
}

/** Applies `learn` for each outcome under the row lock, stores the state and appends the outcomes. */
export async function learnOutcomes(
  db: Kysely<Database>,
  tenantId: string,
  step: LearnStep,
): Promise<StoredRouter> {
  const strategy = step.router.manifest.id;
  return withTenant(db, tenantId, async (trx) => {
    await trx
      .insertInto('router_states')
      .values({
        tenant_id: tenantId,
        key: step.key,
        strategy,
        config: JSON.stringify(step.config ?? {}),
        arms: JSON.stringify(step.arms ?? []),
        state: '{}',
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
      .execute();
    const row = await trx
      .selectFrom('router_states')
      .selectAll()
      .where('key', '=', step.key)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const stored = toStored(row);
    const config = step.config ?? stored.config;
    let state = stateFor(stored, strategy);
    for (const outcome of step.outcomes)
      state = await step.router.learn(plainOutcome(outcome), state, config);
    const updated = await trx
      .updateTable('router_states')
      .set({
        strategy,
        config: JSON.stringify(config),
        arms: JSON.stringify(step.arms ?? stored.arms),
        state: JSON.stringify(state),
        last_arm: step.choice?.arm ?? stored.lastArm,
        last_explanation: step.choice?.explanation ?? stored.lastExplanation,
        updated_at: new Date(),
      })
      .where('key', '=', step.key)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (step.outcomes.length > 0)
      await trx
        .insertInto('router_outcomes')
        .values(
          step.outcomes.map((o) => ({
            tenant_id: tenantId,
            router_key: step.key,
            strategy,
            arm: o.arm,
            success: o.success,
            score: o.score ?? null,
            cost_usd: o.costUsd ?? null,
            latency_ms: o.latencyMs ?? null,
            features: JSON.stringify(o.features ?? {}),
            source: o.source,
            run_id: o.runId ?? null,
            node_id: o.nodeId ?? null,
          })),
        )
        .execute();
    return toStored(updated);
  });
}

/** The outcome as the router contract defines it (no bookkeeping fields). */
function plainOutcome(o: RecordedOutcome): RouteOutcome {
  const { source: _s, runId: _r, nodeId: _n, ...outcome } = o;
  return outcome;
}

/** A `router_states` row as the rest of the host sees it. */
export function toStored(row: {
  key: string;
  strategy: string;
  config: Record<string, unknown>;
  arms: RouterArm[];
  state: Record<string, unknown>;
  last_arm: string | null;
  last_explanation: string | null;
  updated_at: Date;
}): StoredRouter {
  return {
    key: row.key,
    strategy: row.strategy,
    config: row.config,
    arms: row.arms,
    state: row.state,
    lastArm: row.last_arm,
    lastExplanation: row.last_explanation,
    updatedAt: row.updated_at,
  };
}
