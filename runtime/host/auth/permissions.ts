/** The one place that decides who may do what. */
import type { Role } from '../../db/schema.ts';

/** Everything a caller can be allowed to do. API key scopes are drawn from this list. */
export const ACTIONS = [
  'workflows:read',
  'workflows:write',
  'workflows:publish',
  'workflows:delete',
  'runs:read',
  'runs:start',
  'runs:cancel',
  'members:read',
  'members:manage',
  'keys:manage',
  'secrets:read',
  'secrets:write',
  'audit:read',
  'plugins:install',
  'plugins:publish',
  'deployments:manage',
] as const;

/** One action. */
export type Action = (typeof ACTIONS)[number];

const viewer: Action[] = ['workflows:read', 'runs:read', 'members:read'];
const builder: Action[] = [...viewer, 'workflows:write', 'runs:start', 'runs:cancel', 'secrets:read'];
const admin: Action[] = [
  ...builder,
  'workflows:publish',
  'workflows:delete',
  'members:manage',
  'keys:manage',
  'secrets:write',
  'audit:read',
  'plugins:install',
  'plugins:publish',
  'deployments:manage',
];

const GRANTS: Record<Role, ReadonlySet<Action>> = {
  viewer: new Set(viewer),
  builder: new Set(builder),
  admin: new Set(admin),
  owner: new Set(admin),
};

/** Whether a member with `role` may perform `action`. */
export function can(role: Role, action: Action): boolean {
  return GRANTS[role]?.has(action) ?? false;
}

/** Whether `role` may give someone `target` (only owners make owners). */
export function canAssignRole(role: Role, target: Role): boolean {
  return can(role, 'members:manage') && (target !== 'owner' || role === 'owner');
}

/** Whether the string is a known action (for validating API key scopes). */
export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}
