import { isCollection, LineCounter, parseDocument, stringify } from 'yaml';
import type { PolicyFormat } from '../api/policies';

/** "stages[1].steps[0].role" → ['stages', 1, 'steps', 0, 'role']. */
export function splitPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return parts;
}

/**
 * The 1-based line a problem's path points at in the source, or the deepest part of the path
 * that exists (a missing key points at its parent). JSON is read by the same parser: it is YAML.
 */
export function lineOfPath(source: string, path: string): number | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, keepSourceTokens: false });
  if (doc.errors.length) return null;
  const parts = splitPath(path);
  for (let n = parts.length; n > 0; n--) {
    const node: unknown = doc.getIn(parts.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return null;
}

/** Rewrites the source in the other format; null when it does not parse (comments do not survive to JSON). */
export function convertSource(source: string, to: PolicyFormat): string | null {
  const doc = parseDocument(source);
  if (doc.errors.length || !isCollection(doc.contents)) return null;
  const value: unknown = doc.toJS();
  return to === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value, { lineWidth: 0 });
}

/** Offset of the start of a 1-based line, for moving the caret there. */
export function offsetOfLine(source: string, line: number): { start: number; end: number } {
  const lines = source.split('\n');
  let start = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) start += lines[i]!.length + 1;
  return { start, end: start + (lines[line - 1]?.length ?? 0) };
}
