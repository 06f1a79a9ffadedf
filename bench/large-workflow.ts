/**
 * A generated workflow of the size a big real one reaches (1,000 nodes, ~125 KB): nodes with `with:`
 * blocks, flow and block mappings, ordered `next` branches, retries, comments and a `layout:` block.
 * Every node uses a built-in plugin with valid settings, so the file checks clean.
 */

/** The YAML text of a valid workflow with `count` nodes in a branching chain. */
export function largeWorkflowYaml(count = 1000): string {
  const lines = [
    '# yaml-language-server: $schema=../runtime/workflow/workflow.schema.json',
    `id: large-${count}`,
    `name: Generated workflow with ${count} nodes`,
    'description: >-',
    '  A long support flow: look things up, decide, format a reply. Generated for benchmarks, shaped',
    '  like the examples in workflows/.',
    'version: 1.0.0',
    'inputs:',
    '  message: { type: string, required: true, description: What the customer wrote. }',
    '  customerId: { type: string, description: The signed-in customer. }',
    'outputs:',
    '  reply: { type: string, description: The answer to show the customer. }',
    'meta:',
    '  category: support',
    '  tags: [generated, benchmark]',
    'nodes:',
  ];
  for (let i = 0; i < count; i++) {
    const id = `s${i}`;
    const next = i + 1 < count ? `s${i + 1}` : undefined;
    const skip = i + 2 < count ? `s${i + 2}` : next;
    if (i % 25 === 0) lines.push(`  # --- part ${i / 25 + 1} ---`);
    lines.push(`  - id: ${id}`);
    if (!next) {
      lines.push('    uses: core/end@^1', `    with: { output: { reply: "{{ nodes.s${i - 1}.text }}" } }`);
      continue;
    }
    switch (i % 5) {
      case 0:
        lines.push(
          '    uses: core/set@^1',
          '    with:',
          '      values:',
          `        step: ${i} # where it stopped`,
        );
        lines.push(`    next: ${next}`);
        break;
      case 1:
        lines.push('    uses: core/condition@^1', `    with: { if: "{{ vars.step < ${i} }}" }`, '    next:');
        lines.push(`      - on: "true"`, `        to: ${next}`, `      - default: ${skip}`);
        break;
      case 2:
        lines.push(`    name: Look up ${i}`, '    uses: core/http-request@^1');
        lines.push(`    with: { url: "https://crm.example.com/c/{{ inputs.id }}" }`);
        lines.push('    retry: { max: 2, backoff: 200ms }', `    next: ${next}`);
        break;
      default:
        lines.push(
          '    uses: core/template@^1',
          `    with: { template: "Step ${i}: [[status]]" }`,
          `    next: ${next}`,
        );
    }
  }
  lines.push('layout:');
  for (let i = 0; i < count; i++)
    lines.push(`  s${i}: { x: ${(i % 8) * 240}, y: ${Math.floor(i / 8) * 120} }`);
  return `${lines.join('\n')}\n`;
}
