/** Accent colours per palette category, so nodes of one kind are recognisable at a glance. */
const COLORS: Record<string, string> = {
  control: '#6366f1',
  flow: '#6366f1',
  logic: '#8b5cf6',
  ai: '#db2777',
  llm: '#db2777',
  nlp: '#db2777',
  knowledge: '#0891b2',
  data: '#0891b2',
  integration: '#ea580c',
  http: '#ea580c',
  tools: '#ea580c',
  transform: '#16a34a',
  code: '#475569',
  output: '#0d9488',
};

/** The accent colour of a node from its manifest's category (or control kind). */
export function categoryColor(category: string | undefined, control: string | undefined): string {
  if (control === 'start' || control === 'end') return '#0d9488';
  if (control) return COLORS.control!;
  const key = (category ?? '').toLowerCase();
  for (const [name, color] of Object.entries(COLORS)) if (key.includes(name)) return color;
  return '#64748b';
}
