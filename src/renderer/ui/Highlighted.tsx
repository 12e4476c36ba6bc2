/**
 * Search snippets with their matches emphasised: split on the marker characters and rendered as
 * text nodes and <mark> elements. Customer text never becomes markup (no innerHTML anywhere).
 */
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../shared/api/contract';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** The snippet as plain and matched runs; stray or unbalanced markers are dropped, not shown. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let run = '';
  const flush = () => {
    if (!run) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += run;
    else parts.push({ text: run, match });
    run = '';
  };
  for (const ch of snippet) {
    if (ch === SNIPPET_OPEN || ch === SNIPPET_CLOSE) {
      flush();
      match = ch === SNIPPET_OPEN;
    } else run += ch;
  }
  flush();
  return parts;
}

export function Highlighted({ text, className }: { text: string; className?: string }) {
  return (
    <span className={className}>
      {splitSnippet(text).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
