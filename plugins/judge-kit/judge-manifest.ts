/** The manifest fields every judge shares, so each judge states only what makes it different. */
import type { JsonSchema, JudgePlugin, Permissions } from '../../registry/sdk/plugin.ts';
import { verdictSchema } from './verdict.ts';

/** What differs from one judge's manifest to the next. */
export interface JudgeDescription {
  id: string;
  version: string;
  title: string;
  description: string;
  icon: string;
  config: JsonSchema;
  /** Capabilities the judge needs (judge/llm asks for `llm`); none by default. */
  permissions?: Permissions;
}

/** A judge manifest: kind `judge` in the Judges palette, a Verdict as outputs. */
export function judgeManifest(judge: JudgeDescription): JudgePlugin['manifest'] {
  const { id, version, title, description, icon, config, permissions = {} } = judge;
  return {
    id,
    version,
    kind: 'judge',
    title,
    description,
    category: 'Judges',
    icon,
    config,
    outputs: verdictSchema,
    permissions,
  };
}
