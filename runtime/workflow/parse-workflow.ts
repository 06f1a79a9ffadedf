/**
 * Reads a workflow (or overlay) YAML file into the model, refusing hostile input quickly: huge
 * files, runaway nesting, alias bombs, duplicate keys, several documents. Every problem names the
 * file, line, column and JSON path, and says what was expected.
 */
import { Document, isAlias, isMap, isSeq, LineCounter, parseAllDocuments, visit, type YAMLError } from 'yaml';
import { findDuplicateKeys } from './duplicate-keys.ts';
import { parseYamlFast } from './fast-yaml.ts';
import { exceedsBytes, findDeepNestingInText, findDeepNode, MAX_NESTING } from './nesting-guard.ts';
import type { Overlay } from './overlay.ts';
import { schemaProblems } from './schema-errors.ts';
import {
  createLocator,
  type Locate,
  pathAtOffset,
  positionInText,
  problemAt,
  toPointer,
} from './source-locator.ts';
import type { Problem, Workflow } from './types.ts';
import { workflowValidator } from './workflow-schema.ts';

/** Files larger than this are refused before parsing. */
export const MAX_WORKFLOW_BYTES = 10 * 1024 * 1024;

/** Alias expansions allowed (count x size, as the yaml library measures); defeats "billion laughs". */
export const MAX_ALIAS_COUNT = 100;

/** The YAML options every reader of workflow files uses, so all of them see the same document. */
// uniqueKeys is off because the library's check is quadratic; findDuplicateKeys does it linearly.
export const YAML_OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false, strict: true } as const;

/** The result of reading one file. `workflow`/`overlay` are set only when the file has no errors. */
export interface ParsedWorkflow {
  file: string;
  workflow?: Workflow;
  overlay?: Overlay;
  /** The plain value when the YAML itself was readable, even if it breaks the schema. */
  value?: unknown;
  document: Document;
  problems: Problem[];
  locate: Locate;
}

/** Limits a host may tighten (e.g. 1 MB for uploads: the yaml library reads roughly 1-2 MB a second). */
export interface ParseOptions {
  maxBytes?: number;
  /** `false` always builds the yaml library's Document up front (tests compare both paths). Default true. */
  fastPath?: boolean;
}

/** Parses and schema-checks workflow YAML; never throws on bad input, reports every problem found. */
export function parseWorkflow(text: string, file: string, options: ParseOptions = {}): ParsedWorkflow {
  if (options.fastPath !== false && !exceedsBytes(text, options.maxBytes ?? MAX_WORKFLOW_BYTES)) {
    const clean = parseCleanFile(text, file, options);
    if (clean) return clean;
  }
  return parseWithDocument(text, file, options);
}

/**
 * The shortcut for the common case, a clean file: read it with the fast reader and schema-check the
 * value. The yaml library's Document (what positions come from) is built only when someone asks for
 * `document` or calls `locate`, i.e. when a later check found a problem. Anything the fast reader
 * does not handle, and any schema error, takes the full path, which reports every problem.
 */
function parseCleanFile(text: string, file: string, options: ParseOptions): ParsedWorkflow | undefined {
  const value = parseYamlFast(text, MAX_NESTING);
  if (value === undefined || !workflowValidator()(value)) return undefined;
  let full: ParsedWorkflow | undefined;
  const withDocument = () => (full ??= parseWithDocument(text, file, options));
  const result: Omit<ParsedWorkflow, 'document'> = {
    file,
    value,
    problems: [],
    locate: (path, at) => withDocument().locate(path, at),
  };
  Object.defineProperty(result, 'document', { enumerable: true, get: () => withDocument().document });
  if ('overlay' in value) result.overlay = value as unknown as Overlay;
  else result.workflow = value as unknown as Workflow;
  return result as ParsedWorkflow;
}

/** The full path: the yaml library's Document, every guard, and every problem with its position. */
function parseWithDocument(text: string, file: string, options: ParseOptions): ParsedWorkflow {
  const maxBytes = options.maxBytes ?? MAX_WORKFLOW_BYTES;
  const lineCounter = new LineCounter();
  const problems: Problem[] = [];
  const early = (document: Document, problem: Problem): ParsedWorkflow => ({
    file,
    document,
    problems: [problem],
    locate: (path) => ({ file, line: problem.line, column: problem.column, path: toPointer(path) }),
  });
  // Before parsing the LineCounter is empty; positionInText scans the text once instead.
  const at = (offset: number, path = '') => {
    if (lineCounter.lineStarts.length === 0) return { file, ...positionInText(text, offset), path };
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, path };
  };

  if (exceedsBytes(text, maxBytes)) {
    const limit =
      maxBytes >= 1024 * 1024
        ? `${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB`
        : `${Math.ceil(maxBytes / 1024)} KB`;
    return early(
      new Document(),
      problemAt(at(0), 'too-large', `file is larger than ${limit}; expected a workflow file under ${limit}`),
    );
  }
  const deepAt = findDeepNestingInText(text);
  if (deepAt !== undefined) return early(new Document(), tooDeep(at(deepAt)));

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter }) as Document.Parsed[];
  } catch (error) {
    return early(
      new Document(),
      problemAt(at(0), 'yaml-syntax', `could not read YAML: ${(error as Error).message}`),
    );
  }
  const doc = docs[0];
  if (!doc || doc.contents === null) {
    const empty = doc ?? new Document();
    return early(
      empty,
      problemAt(at(0), 'not-a-mapping', 'the file is empty; expected a mapping with `id` and `nodes`'),
    );
  }
  const locate = createLocator(doc, lineCounter, file);
  const result: ParsedWorkflow = { file, document: doc, problems, locate };

  if (docs.length > 1) {
    const second = docs[1]!.range[0];
    problems.push(
      problemAt(
        at(second),
        'multiple-documents',
        `expected one YAML document, found ${docs.length}; remove the '---' separators`,
      ),
    );
  }
  yamlProblems(doc, at, problems);
  if (problems.some((p) => p.severity === 'error')) return result;

  if (!isMap(doc.contents)) {
    const kind = isSeq(doc.contents) ? 'a list' : isAlias(doc.contents) ? 'an alias' : 'a single value';
    problems.push(
      problemAt(
        locate([]),
        'not-a-mapping',
        `/: expected a mapping with \`id\` and \`nodes\` at the top level, got ${kind}`,
      ),
    );
    return result;
  }
  const deep = findDeepNode(doc);
  if (deep?.range) {
    problems.push(tooDeep(at(deep.range[0], toPointer(pathAtOffset(doc, deep.range[0])))));
    return result;
  }
  for (const { key, node } of findDuplicateKeys(doc)) {
    const offset = node.range?.[0] ?? 0;
    const where = at(offset, toPointer(pathAtOffset(doc, offset)));
    problems.push(
      problemAt(where, 'duplicate-key', `duplicate key '${key}'; each key may appear only once in a mapping`),
    );
  }
  if (problems.some((p) => p.severity === 'error')) return result;
  try {
    result.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    problems.push(
      problemAt(
        firstAlias(doc, locate, at),
        'too-many-aliases',
        `aliases expand too much (${(error as Error).message}); expected at most ${MAX_ALIAS_COUNT} alias expansions`,
      ),
    );
    return result;
  }

  const validate = workflowValidator();
  if (!validate(result.value)) problems.push(...schemaProblems(validate.errors ?? [], locate));
  if (problems.some((p) => p.severity === 'error')) return result;
  if ('overlay' in (result.value as object)) result.overlay = result.value as Overlay;
  else result.workflow = result.value as Workflow;
  return result;
}

/** Collects every syntax error and warning of one document, naming duplicate keys. */
function yamlProblems(
  doc: Document.Parsed,
  at: (offset: number, path?: string) => { file: string; line: number; column: number; path: string },
  problems: Problem[],
): void {
  let reportedDepth = false;
  const report = (e: YAMLError, severity: Problem['severity']) => {
    const where = at(e.pos[0], toPointer(pathAtOffset(doc, e.pos[0])));
    if (e.code === 'RESOURCE_EXHAUSTION') {
      if (!reportedDepth) problems.push(tooDeep(where));
      reportedDepth = true;
    } else {
      problems.push(problemAt(where, 'yaml-syntax', `YAML syntax: ${e.message.split('\n')[0]}`, severity));
    }
  };
  // A mangled 10 MB file can hold thousands of errors; the first ones are what a person fixes first.
  for (const e of doc.errors.slice(0, MAX_YAML_PROBLEMS)) report(e, 'error');
  for (const w of doc.warnings.slice(0, MAX_YAML_PROBLEMS)) report(w, 'warning');
  const hidden = doc.errors.length - MAX_YAML_PROBLEMS;
  if (hidden > 0) {
    const last = doc.errors[MAX_YAML_PROBLEMS]!;
    problems.push(
      problemAt(
        at(last.pos[0]),
        'yaml-syntax',
        `${hidden} more YAML syntax error(s) not shown; fix the ones above first`,
      ),
    );
  }
}

const MAX_YAML_PROBLEMS = 100;

function tooDeep(where: { file: string; line: number; column: number; path: string }): Problem {
  return problemAt(
    where,
    'too-deep',
    `nesting is deeper than ${MAX_NESTING} levels; expected a flatter document`,
  );
}

/** Where the first alias is written, to point an alias-bomb problem at something concrete. */
function firstAlias(
  doc: Document,
  locate: Locate,
  at: (offset: number, path?: string) => ReturnType<Locate>,
) {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset === undefined ? locate([]) : at(offset, toPointer(pathAtOffset(doc, offset)));
}
