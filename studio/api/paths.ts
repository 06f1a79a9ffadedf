/**
 * Every host URL the studio calls, in one place so it can be aligned with runtime/host in one edit.
 * Paths are relative to the page's origin; the host serves the studio and the API together.
 */
const enc = encodeURIComponent;

/** REST paths of the host API. */
export const paths = {
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  workflows: '/api/workflows',
  workflow: (id: string) => `/api/workflows/${enc(id)}`,
  versions: (id: string) => `/api/workflows/${enc(id)}/versions`,
  version: (id: string, v: number) => `/api/workflows/${enc(id)}/versions/${v}`,
  publish: (id: string, v: number) => `/api/workflows/${enc(id)}/versions/${v}/publish`,
  runs: '/api/runs',
  run: (id: string) => `/api/runs/${enc(id)}`,
  cancelRun: (id: string) => `/api/runs/${enc(id)}/cancel`,
  plugins: '/api/plugins',
  examples: '/api/examples',
} as const;

/** socket.io event names used to follow a run live. */
export const socketEvents = {
  watchRun: 'run:watch',
  unwatchRun: 'run:unwatch',
  trace: 'trace',
} as const;
