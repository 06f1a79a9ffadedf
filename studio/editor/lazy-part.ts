/**
 * A part of the editor whose code is a separate chunk (CodeMirror, the config forms): the first
 * screen does not wait for it. `preload()` fetches it ahead of need; a part mounted after its
 * chunk arrived is drawn at once, with no fallback flash.
 */
import {
  Component,
  type ComponentType,
  createElement,
  lazy,
  type ReactNode,
  Suspense,
  useState,
} from 'react';

/** A lazily loaded component with a `preload()` to fetch its chunk early. */
export type LazyPart<P extends object> = ComponentType<P> & { preload(): Promise<unknown> };

/** Shows a message instead of the part when its chunk could not be fetched (e.g. offline). */
class ChunkFailed extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return createElement('p', { className: 'muted small' }, 'Could not load this part; reload the page.');
  }
}

/** Wraps `load` (a dynamic import picking the component) as a LazyPart showing `fallback` meanwhile. */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode = null,
): LazyPart<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        pending = undefined; // the next mount tries again
        throw error;
      },
    ));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per part, at module level (lazy-parts.ts).
  function Part(props: P) {
    // Chosen once per mount: switching would remount the part and lose its state. A mount before
    // the chunk arrived gets its own lazy wrapper, so a failed fetch is tried again next time.
    const [part] = useState(() =>
      loaded
        ? { ready: loaded }
        : { later: lazy(() => preload().then((component) => ({ default: component }))) },
    );
    if (part.ready) return createElement(part.ready, props);
    return createElement(
      ChunkFailed,
      null,
      createElement(Suspense, { fallback }, createElement(part.later as ComponentType<P>, props)),
    );
  }
  return Object.assign(Part, { preload });
}
