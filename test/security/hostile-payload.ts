/**
 * The shape of one entry in the security corpus: hostile code, where it runs, and what must happen.
 */
import type { Permissions } from '../../registry/sdk/plugin.ts';

/** What a payload must come to: a refused call (error) or a harmless value. */
export type Outcome =
  | { error: RegExp }
  | { value: unknown }
  | { check: (value: unknown) => boolean; why: string }
  | { errorOrValue: RegExp };

/** A hostile payload. Either `code` (a core/code snippet) or `module` (a whole plugin module). */
export interface HostilePayload {
  name: string;
  /** Body of a code node; reads `input` ({ origin }: the loopback server's host:port). */
  code?: string;
  /** A plugin module exporting `run(config, ctx)`; config is { origin }. */
  module?: string;
  permissions?: Permissions;
  /** Extra config (module) or input (code) for the first call. */
  config?: Record<string, unknown>;
  /** The tenant the payload runs as (default 'attacker'). */
  tenant?: string;
  outcome: Outcome;
  /** A second call of the same module by another tenant, and the value it must get. */
  thenAs?: { tenant: string; config: Record<string, unknown>; value: unknown };
}

/** True when `value`, as JSON, mentions none of `needles`. */
export function mentionsNone(value: unknown, needles: readonly string[]): boolean {
  const text = JSON.stringify(value) ?? '';
  return needles.every((needle) => !text.includes(needle));
}

/** Payload check: every listed expression is 'undefined'. */
export function allUndefined(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((v) => v === 'undefined');
}
