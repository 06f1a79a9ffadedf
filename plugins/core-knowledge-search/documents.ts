/** Turns FAQ-like data in any of the usual shapes into search documents. */
import { UserError } from '../../runtime/workflow/errors.ts';
import type { SearchDocument } from './bm25.ts';

/** A document as a builder writes it: the usual field names are all understood. */
export interface RawDocument {
  id?: string | number;
  title?: string;
  question?: string;
  name?: string;
  answer?: string;
  text?: string;
  content?: string;
  body?: string;
  tags?: string[] | string;
  keywords?: string[] | string;
  [field: string]: unknown;
}

/** The first field that holds text. */
function firstText(raw: RawDocument, fields: string[]): string {
  for (const field of fields) if (typeof raw[field] === 'string') return raw[field] as string;
  return '';
}

/** Text of a tag list or a tag string. */
const tagText = (value: unknown) =>
  Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';

/** The document list inside loaded data: a list, or `{ entries | documents | faq | items | articles: [...] }`. */
export function documentList(data: unknown, where: string): RawDocument[] {
  const list = Array.isArray(data)
    ? data
    : ['entries', 'documents', 'faq', 'items', 'articles']
        .map((k) => (data as Record<string, unknown> | null)?.[k])
        .find(Array.isArray);
  if (!Array.isArray(list))
    throw new UserError('invalid-config', `knowledge-search: ${where} holds no list of documents`);
  return list.filter((d): d is RawDocument => typeof d === 'object' && d !== null);
}

/** Search documents: the title and tags are boosted, the answer is the body. Ids default to the position. */
export function toSearchDocuments(list: RawDocument[]): Array<SearchDocument & { answer: string }> {
  return list.map((raw, i) => {
    const title = firstText(raw, ['title', 'question', 'name']);
    const answer = firstText(raw, ['answer', 'text', 'content', 'body']);
    return {
      id: raw.id === undefined ? String(i + 1) : String(raw.id),
      title,
      answer,
      body: answer,
      boost: `${title} ${tagText(raw.tags)} ${tagText(raw.keywords)}`,
    };
  });
}
