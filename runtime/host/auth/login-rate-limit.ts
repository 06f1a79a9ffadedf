/** Counts failed sign-ins per IP+email in a sliding window, so passwords cannot be guessed quickly. */
import { UserError } from '../../workflow/errors.ts';

/** In-memory limiter (per host process). */
export class LoginRateLimit {
  readonly max: number;
  readonly windowMs: number;
  readonly #failures = new Map<string, number[]>();
  readonly #now: () => number;
  constructor(options: { max: number; windowMs: number }, now: () => number = Date.now) {
    this.max = options.max;
    this.windowMs = options.windowMs;
    this.#now = now;
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.windowMs;
    const list = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, list);
    return list;
  }

  /** Throws 429 (with retry-after seconds) when this IP+email has failed too often lately. */
  check(ip: string, email: string): void {
    const list = this.#recent(`${ip}|${email}`);
    if (list.length >= this.max) {
      const retryAfterSeconds = Math.max(1, Math.ceil((list[0]! + this.windowMs - this.#now()) / 1000));
      throw new UserError(
        'too-many-attempts',
        `too many failed sign-ins for this email from your address; try again in ${retryAfterSeconds} s`,
        { retryAfterSeconds },
        429,
      );
    }
  }

  /** Records a failed attempt. */
  fail(ip: string, email: string): void {
    const key = `${ip}|${email}`;
    this.#failures.set(key, [...this.#recent(key), this.#now()]);
  }

  /** Forgets failures after a successful sign-in. */
  succeed(ip: string, email: string): void {
    this.#failures.delete(`${ip}|${email}`);
  }
}
