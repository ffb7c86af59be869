/**
 * What a rendered template becomes before it is laid out: a few block kinds, enough for offer
 * letters and addenda. The PDF and the HTML preview both lay out this model, so they say the same.
 *
 * Templates write a small markup:
 *   # Heading            ## Subheading
 *   A paragraph runs until a blank line; **bold** works inline.
 *   - a list item
 *   ---page---           (starts a new page)
 */
export interface Inline {
  text: string;
  bold: boolean;
}

export type DocBlock =
  | { type: 'heading'; level: 1 | 2; text: Inline[] }
  | { type: 'paragraph'; text: Inline[] }
  | { type: 'list'; items: Inline[][] }
  | { type: 'page_break' };

export const PAGE_BREAK = '---page---';

/** Splits `**bold**` runs; an unmatched `**` stays as text. */
export function parseInline(line: string): Inline[] {
  const parts = line.split('**');
  if (parts.length % 2 === 0) return [{ text: line, bold: false }];
  return parts.map((text, i) => ({ text, bold: i % 2 === 1 })).filter((p) => p.text !== '');
}

export function parseMarkup(markup: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  let paragraph: string[] = [];
  let list: Inline[][] | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', text: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ type: 'list', items: list });
    paragraph = [];
    list = null;
  };
  for (const raw of markup.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
    } else if (line === PAGE_BREAK) {
      flush();
      blocks.push({ type: 'page_break' });
    } else if (/^#{1,2} /.test(line)) {
      flush();
      blocks.push({ type: 'heading', level: line.startsWith('## ') ? 2 : 1, text: parseInline(line.replace(/^#{1,2} /, '')) });
    } else if (/^[-*] /.test(line)) {
      if (paragraph.length) {
        blocks.push({ type: 'paragraph', text: parseInline(paragraph.join(' ')) });
        paragraph = [];
      }
      (list ??= []).push(parseInline(line.slice(2)));
    } else {
      if (list) {
        blocks.push({ type: 'list', items: list });
        list = null;
      }
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** Plain text of the blocks, one block per paragraph: for diffs between packet versions and for search. */
export function blocksToText(blocks: DocBlock[]): string {
  const inline = (parts: Inline[]) => parts.map((p) => p.text).join('');
  return blocks
    .map((b) =>
      b.type === 'page_break' ? '' : b.type === 'list' ? b.items.map((i) => `- ${inline(i)}`).join('\n') : inline(b.text),
    )
    .filter((t) => t !== '')
    .join('\n\n');
}

/** The letterhead and signature blocks every document of a packet is laid out with. */
export interface DocumentFrame {
  /** Shown at the top of the first page and in the PDF metadata. */
  title: string;
  letterhead: { organizationName: string; addressLines: string[]; logoPng?: Buffer };
  /** Signature blocks at the end; null for documents nobody signs (a notice). */
  signatures: { candidateName: string; signatoryName: string; signatoryTitle: string } | null;
  /** PDF metadata dates come from here, so the same content gives the same bytes and the same SHA-256. */
  createdAt: Date;
}
