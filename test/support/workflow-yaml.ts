/** Small valid workflow files for host tests. */

/** A two-node workflow that replies with `reply`; comments and layout included to check they survive. */
export function helloYaml(id = 'hello', reply = 'hi'): string {
  return `# Greets the caller.
id: ${id}
name: Hello ${id}
nodes:
  - id: start
    uses: core/start@^1
    next: done   # straight to the end
  - id: done
    uses: core/end@^1
    with:
      output: { reply: "${reply}" }
layout:
  start: { x: 0, y: 0 }
  done: { x: 200, y: 0 }
`;
}
