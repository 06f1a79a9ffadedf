/**
 * A stand-in judge model for tests: reads the <output> and <expected> blocks of judge/llm's prompt
 * and answers the JSON verdict a real model would, scored by word overlap. Deterministic, offline.
 */
import type { LlmRequest, LlmResponse } from '../../registry/sdk/plugin.ts';

function block(text: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(text)?.[1];
}

/** A ctx.llm that judges by the share of expected words the output contains. */
export async function wordOverlapLlm(request: LlmRequest): Promise<LlmResponse> {
  const prompt = request.messages.map((m) => m.content).join('\n');
  const output = (block(prompt, 'output') ?? '').toLowerCase();
  const expected = (block(prompt, 'expected') ?? '').toLowerCase().match(/\w+/g) ?? [];
  const hits = expected.filter((w) => output.includes(w)).length;
  const score = expected.length === 0 ? 0.5 : hits / expected.length;
  const content = JSON.stringify({
    score,
    pass: score >= 0.7,
    reasoning: `${hits} of ${expected.length} expected words present`,
  });
  return {
    content,
    model: 'fake-judge',
    usage: { promptTokens: prompt.length, completionTokens: content.length },
  };
}
