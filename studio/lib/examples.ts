/**
 * Example workflows bundled from workflows/*.yaml at build time, offered as starting points.
 */
const files = import.meta.glob('../../workflows/**/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** One example: its file name, title and YAML. */
export interface Example {
  file: string;
  title: string;
  description?: string;
  yaml: string;
}

/** A one-line top-level scalar (`name: Tutorial   # comment` → `Tutorial`). */
function topLevel(yaml: string, key: string): string | undefined {
  const line = new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(yaml)?.[1];
  return (
    line
      ?.replace(/\s+#.*$/, '')
      .replace(/^['"]|['"]$/g, '')
      .trim() || undefined
  );
}

/** Every bundled example, sorted by title. */
export const examples: Example[] = Object.entries(files)
  .filter(([, yaml]) => /^nodes:/m.test(yaml) && !/^overlay:/m.test(yaml))
  .map(([path, yaml]) => ({
    file: path.replace(/^.*workflows\//, ''),
    title: topLevel(yaml, 'name') ?? path,
    description: topLevel(yaml, 'description'),
    yaml,
  }))
  .sort((a, b) => a.title.localeCompare(b.title));

/** A blank workflow named `name`, with an id derived from it. */
export function blankWorkflow(name: string): string {
  const id =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'workflow';
  return `id: ${id}\nname: ${/^[A-Za-z0-9][\w .()-]*$/.test(name) ? name : JSON.stringify(name)}\nversion: 1.0.0\ninputs:\n  message: { type: string, required: true }\nnodes:\n  - id: start\n    uses: core/start@^1\nlayout:\n  start: { x: 0, y: 0 }\n`;
}
