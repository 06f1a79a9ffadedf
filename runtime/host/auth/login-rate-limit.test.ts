import { describe, expect, it } from 'vitest';
import { LoginRateLimit } from './login-rate-limit.ts';

describe('login rate limit', () => {
  it('blocks after max failures within the window and lets go after it', () => {
    let now = 0;
    const limit = new LoginRateLimit({ max: 2, windowMs: 1000 }, () => now);
    limit.fail('ip', 'a@x');
    limit.fail('ip', 'a@x');
    expect(() => limit.check('ip', 'a@x')).toThrow(/try again in 1 s/);
    expect(() => limit.check('ip', 'b@x')).not.toThrow();
    expect(() => limit.check('other-ip', 'a@x')).not.toThrow();
    now = 1001;
    expect(() => limit.check('ip', 'a@x')).not.toThrow();
  });

  it('forgets failures after a success', () => {
    const limit = new LoginRateLimit({ max: 1, windowMs: 1000 });
    limit.fail('ip', 'a@x');
    limit.succeed('ip', 'a@x');
    expect(() => limit.check('ip', 'a@x')).not.toThrow();
  });
});
