/** The workflow model's public API: parse, validate, load (extends + overlays), render, edit. */

export { applyEdits } from './apply-edits.ts';
export { checkWorkflow } from './check-workflow.ts';
export { parseDuration } from './duration.ts';
export type { WorkflowEdit } from './edit.ts';
export * from './errors.ts';
export { extendWorkflow } from './extend-workflow.ts';
export {
  createWorkflowLoader,
  type LoadedWorkflow,
  resolveRelative,
  type WorkflowLoaderOptions,
  withYamlExtension,
} from './load-workflow.ts';
export { MAX_NESTING } from './nesting-guard.ts';
export { nextTargets, refsTo, startOf } from './node-refs.ts';
export {
  applyOverlay,
  type NodePatch,
  type Overlay,
  type OverlayOperation,
  type WorkflowPatch,
} from './overlay.ts';
export {
  MAX_ALIAS_COUNT,
  MAX_WORKFLOW_BYTES,
  type ParsedWorkflow,
  type ParseOptions,
  parseWorkflow,
  YAML_OPTIONS,
} from './parse-workflow.ts';
export { createLocator, fromPointer, type JsonPath, type Locate, toPointer } from './source-locator.ts';
export type { SourcedWorkflow, SourceLayer } from './sourced-workflow.ts';
export { toMermaid } from './to-mermaid.ts';
export type * from './types.ts';
export { type ValidateOptions, type ValidationInput, validateWorkflow } from './validate-workflow.ts';
export { WORKFLOW_SCHEMA_ID, workflowSchema, workflowValidator } from './workflow-schema.ts';
