/**
 * The typed tables Kysely sees. jsonb columns are written as JSON text (node-postgres would turn a
 * JS array into a PostgreSQL array) and read back parsed.
 */
import type { ColumnType, Generated } from 'kysely';

/** A jsonb column: parsed on read, JSON text on write. */
export type Json<T = unknown> = ColumnType<T, string, string>;
/** A nullable jsonb column. */
export type NullableJson<T = unknown> = ColumnType<T | null, string | null | undefined, string | null>;
/** A timestamptz column with a default. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A nullable timestamptz column. */
export type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A member's role in a tenant, from most to least powerful. */
export type Role = 'owner' | 'admin' | 'builder' | 'viewer';

/** An organisation; every tenant table row belongs to one. */
export interface TenantTable {
  id: string;
  slug: string;
  name: string;
  created_at: CreatedAt;
}
/** A person; global, one row per email. */
export interface UserTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  created_at: CreatedAt;
}
/** A user's role in a tenant. */
export interface MembershipTable {
  tenant_id: string;
  user_id: string;
  role: Role;
  created_at: CreatedAt;
}
/** An emailed invitation to join a tenant; the token itself is never stored. */
export interface InvitationTable {
  id: Generated<string>;
  tenant_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string | null;
  created_at: CreatedAt;
  expires_at: Date | string;
  accepted_at: NullableTime;
}
/** A signed-in browser. */
export interface SessionTable {
  id: Generated<string>;
  tenant_id: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Date | string;
  revoked_at: NullableTime;
}
/** A programmatic credential: only the sha256 of the key is kept. */
export interface ApiKeyTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: string[];
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: NullableTime;
  revoked_at: NullableTime;
}
/** Append-only record of security-relevant actions. */
export interface AuditLogTable {
  id: Generated<string>;
  tenant_id: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  action: string;
  target: string | null;
  details: Json<Record<string, unknown>>;
  ip: string | null;
  at: CreatedAt;
}
/** A tenant secret, AES-256-GCM encrypted under the key named by key_id. */
export interface SecretTable {
  tenant_id: string;
  name: string;
  key_id: string;
  iv: string;
  tag: string;
  ciphertext: string;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}
/** A workflow: a slug id and a pointer to its latest version. */
export interface WorkflowTable {
  tenant_id: string;
  id: string;
  name: string;
  current_version: number;
  published_version: number | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}
/** One saved version of a workflow, YAML exactly as written. */
export interface WorkflowVersionTable {
  tenant_id: string;
  workflow_id: string;
  version: number;
  yaml: string;
  author_id: string | null;
  message: string;
  published: Generated<boolean>;
  created_at: CreatedAt;
}
/** Status of a run row. */
export type RunRowStatus = 'running' | 'completed' | 'failed' | 'cancelled';
/** One execution of a workflow version. */
export interface RunTable {
  id: Generated<string>;
  tenant_id: string;
  workflow_id: string;
  version: number;
  status: RunRowStatus;
  input: Json;
  output: NullableJson;
  error: NullableJson<{ code: string; message: string; nodeId?: string }>;
  nodes: NullableJson<Record<string, unknown>>;
  plugins: NullableJson<Record<string, unknown>>;
  /** The unsaved YAML a test-panel run used instead of `version`'s. */
  draft_yaml: string | null;
  started_by: string | null;
  started_at: CreatedAt;
  finished_at: NullableTime;
}
/** One trace event of a run, in order. */
export interface RunEventTable {
  tenant_id: string;
  run_id: string;
  seq: number;
  type: string;
  node_id: string | null;
  at: CreatedAt;
  event: Json<Record<string, unknown>>;
}
/** Example tenant data: a customer. */
export interface CustomerTable {
  tenant_id: string;
  id: string;
  name: string;
  email: string | null;
  data: Json<Record<string, unknown>>;
}
/** Example tenant data: a product. */
export interface ProductTable {
  tenant_id: string;
  id: string;
  name: string;
  price: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  data: Json<Record<string, unknown>>;
}
/** Example tenant data: an order. */
export interface OrderTable {
  tenant_id: string;
  id: string;
  customer_id: string | null;
  status: string;
  data: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}
/** A record of any other tenant collection (leads, tickets, complaints...). */
export interface RecordTable {
  tenant_id: string;
  collection: string;
  id: string;
  data: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}
/** Knowledge documents searched with PostgreSQL full-text search. */
export interface DocumentTable {
  tenant_id: string;
  id: string;
  source: string;
  title: string;
  body: string;
  data: Json<Record<string, unknown>>;
  search: ColumnType<string, never, never>;
}

/** What one router (a workflow node's, or a named one) has learned for a tenant. */
export interface RouterStateTable {
  tenant_id: string;
  key: string;
  /** The strategy plugin id, e.g. `router/thompson`. */
  strategy: string;
  config: Json<Record<string, unknown>>;
  /** The arms last routed over (id, cost, prior quality), so feedback and explanations need no workflow. */
  arms: Json<Array<{ id: string; costPer1kTokens?: number; quality?: number }>>;
  state: Json<Record<string, unknown>>;
  last_arm: string | null;
  last_explanation: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}
/** One outcome a router learned from (append-only). */
export interface RouterOutcomeTable {
  id: ColumnType<string, never, never>;
  tenant_id: string;
  router_key: string;
  strategy: string;
  arm: string;
  success: boolean;
  score: number | null;
  cost_usd: number | null;
  latency_ms: number | null;
  features: Json<Record<string, unknown>>;
  source: 'run' | 'feedback';
  run_id: string | null;
  node_id: string | null;
  at: CreatedAt;
}

/** Every table this helper's migrations create. */
export interface Database {
  tenants: TenantTable;
  users: UserTable;
  memberships: MembershipTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
  secrets: SecretTable;
  workflows: WorkflowTable;
  workflow_versions: WorkflowVersionTable;
  runs: RunTable;
  run_events: RunEventTable;
  customers: CustomerTable;
  products: ProductTable;
  orders: OrderTable;
  records: RecordTable;
  documents: DocumentTable;
  router_states: RouterStateTable;
  router_outcomes: RouterOutcomeTable;
}
