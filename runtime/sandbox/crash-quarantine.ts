/**
 * Crash attribution per tenant and plugin version: a call whose own code was running when its
 * sandbox process died counts as a crash of that (tenant, sha256). Too many crashes in a window and
 * that plugin version is refused for that tenant for a cool-down, so one tenant cannot keep taking
 * down processes other tenants' calls share. Other tenants and other plugins are unaffected.
 */
import { NodeError } from '../workflow/errors.ts';
import type { SandboxCall } from './sandbox-process.ts';

/** When a plugin version is refused for a tenant after crashing its sandbox. */
export interface QuarantineOptions {
  /** Crashes within `windowMs` that quarantine the plugin version for the tenant (default 3). */
  crashes?: number;
  /** The window crashes are counted in (default 10 minutes). */
  windowMs?: number;
  /** How long the plugin version is refused (default 10 minutes). */
  coolDownMs?: number;
}

interface CrashRecord {
  crashes: number[];
  until?: number;
}

// Records kept before old ones (no recent crash, no quarantine) are dropped.
const MAX_RECORDS = 10_000;

/** Counts crashes per (tenant, plugin sha256) and refuses quarantined pairs. */
export class CrashQuarantine {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly coolDownMs: number;
  private readonly records = new Map<string, CrashRecord>();

  constructor(options: QuarantineOptions = {}) {
    this.limit = Math.max(1, Math.floor(options.crashes ?? 3));
    this.windowMs = options.windowMs ?? 10 * 60_000;
    this.coolDownMs = options.coolDownMs ?? 10 * 60_000;
  }

  /** Counts a crash with `call` as the suspect; the last one allowed starts the cool-down. */
  record(call: SandboxCall, now = Date.now()): void {
    const key = keyOf(call);
    if (!this.records.has(key) && this.records.size >= MAX_RECORDS) this.prune(now);
    const record = this.records.get(key) ?? { crashes: [] };
    this.records.set(key, record);
    record.crashes = record.crashes.filter((at) => at > now - this.windowMs);
    record.crashes.push(now);
    if (record.crashes.length >= this.limit) {
      record.until = now + this.coolDownMs;
      record.crashes = [];
    }
  }

  /** The error refusing `call` while its tenant's plugin version is quarantined, else undefined. */
  refusal(call: SandboxCall, now = Date.now()): NodeError | undefined {
    if (this.records.size === 0) return undefined; // the usual case: no key to build for every call
    const record = this.records.get(keyOf(call));
    if (record?.until === undefined || record.until <= now) return undefined;
    const { id, version } = call.manifest;
    const until = new Date(record.until);
    return new NodeError(
      'plugin-quarantined',
      `${id}@${version} crashed its sandbox ${this.limit} times; refused until ${until.toISOString().slice(11, 16)} UTC`,
      { nodeId: call.ctx.nodeId, plugin: id, until: until.toISOString() },
    );
  }

  private prune(now: number): void {
    for (const [key, record] of this.records) {
      const quarantined = record.until !== undefined && record.until > now;
      if (!quarantined && record.crashes.every((at) => at <= now - this.windowMs)) this.records.delete(key);
    }
  }
}

function keyOf(call: SandboxCall): string {
  return `${call.ctx.tenantId}\n${call.sha256}`;
}
