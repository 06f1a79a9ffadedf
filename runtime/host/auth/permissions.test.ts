import { describe, expect, it } from 'vitest';
import { allows } from './auth-context.ts';
import { ACTIONS, can, canAssignRole } from './permissions.ts';

describe('permissions', () => {
  it('gives each role everything the role below it has', () => {
    const order = ['viewer', 'builder', 'admin', 'owner'] as const;
    for (let i = 1; i < order.length; i++) {
      for (const action of ACTIONS)
        if (can(order[i - 1]!, action)) expect(can(order[i]!, action), `${order[i]} ${action}`).toBe(true);
    }
  });

  it('lets viewers only read and builders not publish or manage people', () => {
    expect(ACTIONS.filter((a) => can('viewer', a))).toEqual(['workflows:read', 'runs:read', 'members:read']);
    expect(can('builder', 'workflows:write')).toBe(true);
    expect(can('builder', 'workflows:publish')).toBe(false);
    expect(can('builder', 'members:manage')).toBe(false);
  });

  it('lets only owners make owners', () => {
    expect(canAssignRole('admin', 'builder')).toBe(true);
    expect(canAssignRole('admin', 'owner')).toBe(false);
    expect(canAssignRole('owner', 'owner')).toBe(true);
  });

  it('limits an API key to its scopes and to what its creator may do', () => {
    const key = {
      tenantId: 't',
      userId: 'u',
      via: 'api-key' as const,
      scopes: ['runs:read', 'members:manage'],
    };
    expect(allows({ ...key, role: 'admin' }, 'runs:read')).toBe(true);
    expect(allows({ ...key, role: 'admin' }, 'runs:start')).toBe(false);
    expect(allows({ ...key, role: 'viewer' }, 'members:manage')).toBe(false);
  });
});
