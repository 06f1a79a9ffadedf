/** The manifest fields every judge shares, so each judge states only what makes it different. */
import type { JudgePlugin } from '../../registry/sdk/plugin.ts';
import { manifestOf, type PluginDescription } from '../router-kit/plugin-description.ts';
import { verdictSchema } from './verdict.ts';

/** A judge manifest: kind `judge` in the Judges palette, a Verdict as outputs, no permissions unless asked. */
export function judgeManifest(judge: PluginDescription): JudgePlugin['manifest'] {
  return manifestOf({ kind: 'judge', category: 'Judges', outputs: verdictSchema }, judge);
}
