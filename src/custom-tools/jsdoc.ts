/** The JSDoc of a tool export: summary, `@param args.x` lines and the tool tags. */
import { Node, type JSDoc } from 'ts-morph';

export interface ToolDoc {
  /** The summary (first paragraph block of the comment), whitespace collapsed. */
  readonly summary?: string;
  /** `@param args.visitId The visit` → `args.visitId` → `The visit`. */
  readonly params: ReadonlyMap<string, string>;
  /** Other tags by name (`name`, `toolset`, `title`, `readOnly`, …) → their text ('' when bare). */
  readonly tags: ReadonlyMap<string, string>;
}

function clean(text: string | undefined): string {
  return (text ?? '').replace(/^\s*-\s*/, '').replace(/\s+/g, ' ').trim();
}

export function readDoc(docs: readonly JSDoc[]): ToolDoc {
  const params = new Map<string, string>();
  const tags = new Map<string, string>();
  let summary: string | undefined;
  for (const doc of docs) {
    const text = clean(doc.getDescription());
    if (text) summary = text;
    for (const tag of doc.getTags()) {
      if (Node.isJSDocParameterTag(tag)) {
        const text = clean(tag.getCommentText());
        if (text) params.set(tag.compilerNode.name.getText(), text);
      } else {
        tags.set(tag.getTagName(), clean(tag.getCommentText()));
      }
    }
  }
  return { summary, params, tags };
}
