/**
 * A tiny hash router: `#/path?query`. Hash routes work when the host serves only index.html and
 * survive reloads without server-side routing.
 */
import { useSyncExternalStore } from 'react';

/** The current route: path segments and query parameters. */
export interface Route {
  path: string;
  segments: string[];
  query: URLSearchParams;
}

/** Parses a hash like `#/workflows/faq?run=r1`. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', q = ''] = raw.split('?');
  return {
    path,
    segments: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(q),
  };
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const snapshot = () => window.location.hash;

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  return parseHash(useSyncExternalStore(subscribe, snapshot));
}

/** Goes to `to` (a path like `/workflows/faq`). */
export function navigate(to: string): void {
  window.location.hash = `#${to}`;
}
