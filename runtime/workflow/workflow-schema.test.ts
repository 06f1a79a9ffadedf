import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkWorkflow } from './check-workflow.ts';
import { WORKFLOW_SCHEMA_ID, workflowSchema, workflowValidator } from './workflow-schema.ts';

type Schema = { properties?: Record<string, { description?: string; $ref?: string }>; description?: string };

describe('workflow.schema.json', () => {
  it('is a valid 2020-12 schema with an $id editors can register', () => {
    expect(workflowSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(WORKFLOW_SCHEMA_ID).toMatch(/^https:\/\/.+workflow\.schema\.json$/);
    expect(typeof workflowValidator()).toBe('function');
  });

  it('describes every node and top-level property (editors and the studio show these)', () => {
    const defs = workflowSchema.$defs as Record<string, Schema>;
    const undocumented: string[] = [];
    for (const def of ['node', 'workflowDocument', 'overlayDocument', 'retry', 'branch']) {
      for (const [key, prop] of Object.entries(defs[def]?.properties ?? {})) {
        const target = prop.$ref ? defs[prop.$ref.split('/').pop()!] : undefined;
        if (
          !prop.description &&
          !target?.description &&
          key !== '$schema' &&
          !prop.$ref?.includes('/properties/')
        ) {
          undocumented.push(`${def}.${key}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('accepts ids, plugin refs and durations in the documented forms only', () => {
    const text = (id: string, uses: string, timeout: string) =>
      `id: w\nnodes:\n  - id: ${id}\n    uses: ${uses}\n    timeout: ${timeout}\n`;
    const codes = (t: string) => checkWorkflow(t, 'w.yaml').problems.map((p) => p.path);
    expect(codes(text('check-order_2', 'core/http-request@^1.2', '1m30s'))).toEqual([]);
    expect(codes(text('c', '"acme/crm@>=1.0.0 <2"', '500'))).toEqual([]);
    expect(codes(text('Check', 'core/x', '5s'))).toEqual(['/nodes/0/id']);
    expect(codes(text('-x', 'core/x', '5s'))).toEqual(['/nodes/0/id']);
    expect(codes(text('c', 'Core/X', '5s'))).toEqual(['/nodes/0/uses']);
    expect(codes(text('c', 'core/x@', '5s'))).toEqual(['/nodes/0/uses']);
    expect(codes(text('c', 'core/x', '5sec'))).toEqual(['/nodes/0/timeout']);
    expect(codes(text('c', 'core/x', '-5'))).toEqual(['/nodes/0/timeout']);
  });
});

describe('checkWorkflow', () => {
  it('returns schema and graph problems together, and the workflow only when there are no errors', () => {
    const bad = checkWorkflow(
      'id: w\nnodes:\n  - id: a\n    uses: core/x\n    retry: { max: -1 }\n    next: b\n',
      'w.yaml',
    );
    expect(bad.workflow).toBeUndefined();
    expect(bad.problems.map((p) => p.code)).toEqual(['schema', 'unknown-target']);
    const good = checkWorkflow('id: w\nnodes:\n  - id: a\n    uses: core/x\n', 'w.yaml');
    expect(good.problems).toEqual([]);
    expect(good.workflow?.id).toBe('w');
  });
});

describe('the workflow schema itself', () => {
  it('is a valid JSON Schema 2020-12 document (the runtime skips this check for speed)', () => {
    const ajv = new Ajv2020({ allowUnionTypes: true, strictTypes: false });
    ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
    expect(ajv.validateSchema(workflowSchema), JSON.stringify(ajv.errors)).toBe(true);
  });
});
