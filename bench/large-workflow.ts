/**
 * A generated workflow of the size a big real one reaches (1,000 nodes, ~110 KB): nodes with `with:`
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
    const id = `step-${i}`;
    const next = i + 1 < count ? `step-${i + 1}` : undefined;
    const skip = i + 2 < count ? `step-${i + 2}` : next;
    if (i % 10 === 0) lines.push(`  # --- section ${i / 10 + 1}: steps ${i} to ${i + 9} ---`);
    lines.push(`  - id: ${id}`);
    if (!next) {
      lines.push('    name: Reply', '    uses: core/end@^1');
      lines.push('    with:', '      output:', `        reply: "{{ nodes.step-${i - 1}.text }}"`);
      continue;
    }
    switch (i % 4) {
      case 0:
        lines.push(`    name: Remember attempt ${i}`, '    uses: core/set@^1');
        lines.push('    with:', '      values:');
        lines.push(`        attempts: "{{ default(vars.attempts, 0) + 1 }}"`);
        lines.push(`        lastStep: ${id} # so the reply can say where it stopped`);
        lines.push(`    next: ${next}`);
        break;
      case 1:
        lines.push(`    name: Check step ${i}`, '    uses: core/condition@^1');
        lines.push(`    with: { if: "{{ vars.attempts < ${i} and inputs.message != '' }}", negate: false }`);
        lines.push('    next:');
        lines.push(`      - on: "true"`, `        to: ${next}`, `        label: still going`);
        lines.push(`      - when: "{{ len(inputs.message) > 500 }}"`, `        to: ${skip}`);
        lines.push(`      - default: ${skip}`);
        break;
      case 2:
        lines.push(`    name: Look up ${i}`, '    uses: core/http-request@^1');
        lines.push('    description: Fetches the customer record; retried because the CRM is flaky.');
        lines.push('    with:');
        lines.push('      method: GET');
        lines.push(`      url: "https://crm.example.com/customers/{{ inputs.customerId }}?step=${i}"`);
        lines.push('      headers: { accept: application/json, x-request-id: "{{ run.id }}" }');
        lines.push('    timeout: 5s');
        lines.push('    retry: { max: 2, backoff: 200ms }');
        lines.push(`    next: ${next}`);
        break;
      default:
        lines.push(`    name: Format ${i}`, '    uses: core/template@^1');
        lines.push('    with:');
        lines.push(`      template: "Hi [[name | there]], step ${i} of your request is [[status]]."`);
        lines.push(`      data: { name: "{{ nodes.step-${i -1}.body.name }}", status: done }`);
        lines.push('      escape: none');
        lines.push(`    next: ${next}`);
    }
  }
  lines.push('layout:');
  for (let i = 0; i < count; i++) lines.push(`  step-${i}: { x: ${(i % 8) * 240}, y: ${Math.floor(i / 8) * 120} }`);
  return `${lines.join('\n')}\n`;
}
