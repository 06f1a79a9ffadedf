/**
 * core/knowledge-search: finds the best answers to a question in a set of documents (an FAQ, help
 * articles) with BM25, offline. Reports branch `found` when the best hit reaches `minScore`, else `none`.
 */
import { definePlugin, type NodeContext, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { NodeError, UserError } from '../../runtime/workflow/errors.ts';
import { type Bm25Index, buildIndex, search } from './bm25.ts';
import { documentList, type RawDocument, toSearchDocuments } from './documents.ts';
import { searchWords } from './terms.ts';

/** The node's `with:` block. */
export interface KnowledgeSearchConfig {
  query?: unknown;
  documents?: RawDocument[];
  source?: string;
  topK?: number;
  minScore?: number;
  titleWeight?: number;
}

/** One answer found. */
export interface Hit {
  id: string;
  title: string;
  answer: string;
  score: number;
  bm25: number;
}

/** What the node reports. */
export interface KnowledgeSearchOutput {
  query: string;
  hits: Hit[];
  best: Hit | null;
  count: number;
  branch: 'found' | 'none';
}

/** Built indexes by their documents, so a flow answering many messages indexes its FAQ once. */
const indexes = new Map<string, { index: Bm25Index; answers: Map<string, string> }>();
const MAX_INDEXES = 32;

/** Most characters of a question sent to a full-text search (the host refuses longer queries). */
const MAX_SEARCH_QUERY = 2_000;
/** Candidates asked of a full-text search: enough that BM25 still has a choice to make. */
const SEARCH_CANDIDATES = 50;

/**
 * The documents from config or from the asset named in `source`. When the host has a full-text index
 * (ctx.assets.search), only the documents sharing a word with the question come back (`candidates`),
 * so a knowledge base of any size never travels whole; otherwise the whole file is read.
 */
async function loadDocuments(
  config: KnowledgeSearchConfig,
  ctx: NodeContext,
  query: string,
): Promise<{ raw: RawDocument[]; candidates: boolean }> {
  if (config.documents !== undefined)
    return { raw: documentList(config.documents, '"documents"'), candidates: false };
  if (!config.source)
    throw new UserError('invalid-config', 'knowledge-search: give "documents" or a "source" file');
  if (!ctx.assets) {
    throw new NodeError(
      'missing-capability',
      `knowledge-search: cannot read "${config.source}": this run grants no asset access`,
      { nodeId: ctx.nodeId },
    );
  }
  if (ctx.assets.search) {
    const words = searchWords(query).slice(0, MAX_SEARCH_QUERY);
    const found = await ctx.assets.search(config.source, words, { limit: SEARCH_CANDIDATES });
    // null: the host indexes no documents under this name, so the shipped file answers.
    if (found != null) return { raw: documentList(found, `"${config.source}"`), candidates: true };
  }
  return { raw: documentList(await ctx.assets.read(config.source), `"${config.source}"`), candidates: false };
}

/** The BM25 index of the documents; whole document sets are kept (a flow asks the same FAQ often), candidates are not. */
function indexOf(raw: RawDocument[], titleWeight: number, keep: boolean) {
  const build = () => {
    const docs = toSearchDocuments(raw);
    return { index: buildIndex(docs, titleWeight), answers: new Map(docs.map((d) => [d.id, d.answer])) };
  };
  if (!keep) return build();
  const key = `${titleWeight}:${JSON.stringify(raw)}`;
  let built = indexes.get(key);
  if (!built) {
    built = build();
    if (indexes.size >= MAX_INDEXES) indexes.delete(indexes.keys().next().value!);
    indexes.set(key, built);
  }
  return built;
}

/** Rounds a score for stable, readable output. */
const round = (x: number) => Math.round(x * 1000) / 1000;

const plugin: NodePlugin<KnowledgeSearchConfig, Promise<KnowledgeSearchOutput>> = definePlugin({
  manifest: {
    id: 'core/knowledge-search',
    version: '1.0.0',
    kind: 'node',
    title: 'Knowledge search',
    description:
      'Searches documents (an FAQ, help articles) for the best answers to a question with BM25 ranking, offline. ' +
      'Documents may use title/question/name, answer/text/content/body, tags/keywords and id fields. ' +
      'Each hit has a score from 0 (unrelated) to 1 (covers every word asked); branch is "found" when the best ' +
      'hit reaches the minimum score, else "none".',
    category: 'AI',
    icon: 'book-open',
    config: {
      type: 'object',
      properties: {
        query: {
          type: 'string',
          title: 'Question',
          description: 'What to search for, e.g. "{{ inputs.message }}".',
        },
        source: {
          type: 'string',
          title: 'Documents file',
          description: 'A JSON/YAML file next to the workflow, e.g. faq.json. Used when Documents is empty.',
        },
        documents: {
          type: 'array',
          title: 'Documents',
          description: 'Documents given inline: { id, title, answer, tags }.',
          items: { type: 'object' },
        },
        topK: {
          type: 'integer',
          title: 'Results',
          description: 'How many hits to return at most.',
          minimum: 1,
          maximum: 50,
          default: 3,
        },
        minScore: {
          type: 'number',
          title: 'Minimum score',
          description: 'Hits under this score (0..1) are dropped; with none left the branch is "none".',
          minimum: 0,
          maximum: 1,
          default: 0.35,
        },
        titleWeight: {
          type: 'integer',
          title: 'Title weight',
          description: 'How many times a word in the title or tags counts compared with one in the answer.',
          minimum: 0,
          maximum: 10,
          default: 2,
        },
      },
      required: ['query'],
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      properties: {
        query: { type: 'string' },
        hits: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              title: { type: 'string' },
              answer: { type: 'string' },
              score: { type: 'number' },
              bm25: { type: 'number' },
            },
          },
        },
        best: { type: ['object', 'null'], description: 'The top hit, or null.' },
        count: { type: 'integer' },
        branch: { type: 'string', enum: ['found', 'none'] },
      },
      required: ['hits', 'best', 'count', 'branch'],
    },
    branches: ['found', 'none'],
    // `source` files are read through ctx.assets.
    permissions: { assets: true },
    examples: [{ title: 'FAQ answer', with: { query: '{{ inputs.message }}', source: 'faq.json', topK: 3 } }],
  },
  async run(config, ctx) {
    const query =
      typeof config.query === 'string' ? config.query : config.query == null ? '' : String(config.query);
    const { raw, candidates } = await loadDocuments(config, ctx, query);
    const built = indexOf(raw, config.titleWeight ?? 2, !candidates);
    const minScore = config.minScore ?? 0.35;
    const hits = search(built.index, query)
      .filter((h) => h.score >= minScore)
      .slice(0, Math.max(1, config.topK ?? 3))
      .map(({ doc, bm25, score }) => ({
        id: doc.id,
        title: doc.title,
        answer: built.answers.get(doc.id) ?? '',
        score: round(score),
        bm25: round(bm25),
      }));
    return {
      query,
      hits,
      best: hits[0] ?? null,
      count: hits.length,
      branch: hits.length > 0 ? 'found' : 'none',
    };
  },
});

export default plugin;
