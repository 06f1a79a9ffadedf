/**
 * Test support: renders a workflow value as YAML text in random but valid styles (flow and block
 * maps, plain, single- and double-quoted strings, `|` prompts, lists flush or indented, blank lines,
 * comments on random lines) and records every comment line's owner so tests can check it survives.
 */
import fc from 'fast-check';
import { parse } from 'yaml';
import { seededRandom } from '../../test/routers/seeded-random.ts';
import { workflowArb } from './edit-arbitraries.ts';

/** A comment line and what it sits inside: a node (and one of its fields), or nothing. */
export interface CommentLine {
  text: string;
  node: string | null;
  field: string | null;
}

/** A rendered workflow: its text, the value it must parse to, and its comment lines. */
export interface RenderedWorkflow {
  text: string;
  model: Record<string, unknown>;
  comments: CommentLine[];
}

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

class Renderer {
  readonly lines: string[] = [];
  readonly comments: CommentLine[] = [];
  private readonly rnd: () => number;
  private readonly indentSeq: boolean;
  private readonly blankNodes: boolean;

  constructor(seed: number) {
    this.rnd = seededRandom(seed); // one fast-check seed renders one text
    this.indentSeq = this.rnd() < 0.7;
    this.blankNodes = this.rnd() < 0.5;
  }

  private chance(p: number): boolean {
    return this.rnd() < p;
  }

  comment(indent: number, node: string | null, field: string | null): void {
    const text = `# c${this.comments.length} ${node ?? 'top'}`;
    this.comments.push({ text, node, field });
    this.lines.push(`${' '.repeat(indent)}${text}`);
  }

  scalar(v: unknown, inFlow: boolean): string {
    if (typeof v !== 'string') return v === null ? (this.chance(0.5) ? 'null' : '~') : String(v);
    const plain =
      !/^[[{]|\n/.test(v) &&
      v.trim() === v &&
      v !== '' &&
      (inFlow ? safeParse(`k: [${v}]`, true) === v : safeParse(`k: ${v}`) === v);
    const styles: string[] = [JSON.stringify(v)];
    if (plain) styles.push(v, v);
    if (!v.includes('\n')) styles.push(`'${v.replaceAll("'", "''")}'`);
    return styles[Math.floor(this.rnd() * styles.length)] as string;
  }

  /** Lines of `key: value` at `indent`; comments inside it belong to (node, field). */
  pair(key: string, value: unknown, indent: number, node: string | null, field: string | null): void {
    const pad = ' '.repeat(indent);
    const k = this.scalar(key, false);
    if (typeof value === 'string' && /^\S[^\n]*(\n\S[^\n]*)+$/.test(value) && this.chance(0.7)) {
      this.lines.push(`${pad}${k}: |-`, ...value.split('\n').map((l) => `${pad}  ${l}`));
    } else if (isPrimitive(value)) {
      this.lines.push(`${pad}${k}: ${this.scalar(value, false)}${this.chance(0.2) ? ' # trailing' : ''}`);
    } else if (Object.keys(value as object).length === 0) {
      this.lines.push(`${pad}${k}: ${Array.isArray(value) ? '[]' : '{}'}`);
    } else if (this.flowable(value) && this.chance(0.5)) {
      this.lines.push(`${pad}${k}: ${this.flow(value)}`);
    } else if (Array.isArray(value)) {
      this.lines.push(`${pad}${k}:`);
      const at = indent + (this.indentSeq ? 2 : 0);
      for (const item of value) {
        if (this.chance(0.15)) this.comment(at, node, field);
        this.item(item, at, node, field);
      }
    } else {
      this.lines.push(`${pad}${k}:`);
      for (const [ck, cv] of Object.entries(value as object)) {
        if (this.chance(0.15)) this.comment(indent + 2, node, field);
        this.pair(ck, cv, indent + 2, node, field);
      }
    }
  }

  item(value: unknown, indent: number, node: string | null, field: string | null): void {
    const pad = ' '.repeat(indent);
    if (isPrimitive(value) || this.flowable(value)) {
      this.lines.push(`${pad}- ${isPrimitive(value) ? this.scalar(value, false) : this.flow(value)}`);
      return;
    }
    const start = this.lines.length;
    for (const [k, v] of Object.entries(value as object)) this.pair(k, v, indent + 2, node, field);
    this.lines[start] = `${pad}- ${(this.lines[start] as string).slice(indent + 2)}`;
  }

  private flowable(v: unknown): boolean {
    return (
      !isPrimitive(v) &&
      Object.values(v as object).every(
        (x) => (isPrimitive(x) && !(typeof x === 'string' && x.includes('\n'))) || this.flowable(x),
      )
    );
  }

  private flow(v: unknown): string {
    if (isPrimitive(v)) return this.scalar(v, true);
    const pad = this.chance(0.5) ? ' ' : '';
    if (Array.isArray(v)) return `[${v.map((x) => this.flow(x)).join(', ')}]`;
    return `{${pad}${Object.entries(v as object)
      .map(([k, x]) => `${this.scalar(k, true)}: ${this.flow(x)}`)
      .join(', ')}${pad}}`;
  }

  /** A layout entry's own comments go with its node; the ones between entries belong to nobody. */
  layout(layout: Record<string, unknown>): void {
    this.lines.push('layout:');
    for (const [id, position] of Object.entries(layout)) {
      if (this.chance(0.2)) this.comment(2, null, null);
      this.pair(id, position, 2, id, 'layout');
    }
  }

  nodes(nodes: Array<Record<string, unknown>>): void {
    this.lines.push('nodes:');
    const at = this.indentSeq ? 2 : 0;
    for (const node of nodes) {
      const id = node.id as string;
      if (this.blankNodes) this.lines.push('');
      if (this.chance(0.3)) this.comment(at, null, null);
      const start = this.lines.length;
      for (const [k, v] of Object.entries(node)) {
        if (k !== 'id' && this.chance(0.2)) this.comment(at + 2, id, null);
        this.pair(k, v, at + 2, id, k === 'id' ? null : k);
      }
      this.lines[start] = `${' '.repeat(at)}- ${(this.lines[start] as string).slice(at + 2)}`;
      if (this.chance(0.1)) this.comment(at + 2, id, null);
    }
  }
}

function safeParse(text: string, first = false): unknown {
  try {
    const k = parse(text, { logLevel: 'error' })?.k;
    return first ? (Array.isArray(k) && k.length === 1 ? k[0] : undefined) : k;
  } catch {
    return undefined;
  }
}

/** Renders `model` as YAML text in styles drawn from `seed`; throws if the text would not parse back to `model`. */
export function renderWorkflow(model: Record<string, unknown>, seed: number): RenderedWorkflow {
  const r = new Renderer(seed);
  if (seed % 3 === 0) r.comment(0, null, null);
  for (const [key, value] of Object.entries(model)) {
    if (seed % 5 === 0) r.lines.push('');
    if (seed % 4 === 1) r.comment(0, null, null);
    if (key === 'nodes') r.nodes(value as Array<Record<string, unknown>>);
    else if (key === 'layout' && Object.keys(value as object).length > 0)
      r.layout(value as Record<string, unknown>);
    else r.pair(key, value, 0, null, null);
  }
  const text = `${r.lines.join('\n')}\n`;
  return { text, model, comments: r.comments };
}

/** A rendered random workflow. */
export const renderedArb: fc.Arbitrary<RenderedWorkflow> = fc
  .tuple(workflowArb, fc.nat())
  .map(([model, seed]) => renderWorkflow(model, seed));
