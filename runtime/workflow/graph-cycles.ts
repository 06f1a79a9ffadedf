/** Finds cycles in a directed graph of node ids (iterative Tarjan: no recursion, linear time). */

/** One cycle per strongly connected component that loops, as a path `[a, b, c]` meaning a → b → c → a. */
export function findCycles(
  order: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  for (const root of order) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const to = targets[frame.next++]!;
        if (!edges.has(to)) continue; // unknown target: reported elsewhere
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, next: 0 });
        } else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      const selfLoop = component.length === 1 && (edges.get(frame.id) ?? []).includes(frame.id);
      if (component.length > 1 || selfLoop) cycles.push(cyclePath(component, order, edges));
    }
  }
  return cycles;
}

/** The shortest loop inside a component, starting from its member that comes first in `order`. */
function cyclePath(
  component: string[],
  order: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
): string[] {
  const members = new Set(component);
  const first = order.find((id) => members.has(id)) ?? component[0]!;
  const previous = new Map<string, string>();
  const queue = [first];
  for (let q = 0; q < queue.length; q++) {
    const id = queue[q]!;
    for (const to of edges.get(id) ?? []) {
      if (to === first) {
        const path = [id];
        for (let at = id; at !== first; ) {
          at = previous.get(at)!;
          path.push(at);
        }
        return path.reverse();
      }
      if (members.has(to) && !previous.has(to)) {
        previous.set(to, id);
        queue.push(to);
      }
    }
  }
  return [first];
}
