/**
 * Lays out a document of the offer packet as a PDF with pdfkit, in pure JavaScript and the
 * standard PDF fonts (Helvetica, Helvetica-Bold: nothing to embed). US Letter; the letterhead on
 * the first page; headings, paragraphs with bold runs, bullet lists, explicit and automatic page
 * breaks; "Page N of M" on every page; the two signature blocks at the end, kept on one page.
 *
 * The output is deterministic: the same blocks and frame give the same bytes, because documents
 * are stored by SHA-256. The metadata dates come from `frame.createdAt`, and the trailer /ID
 * (which pdfkit derives from the metadata alone) is derived from the content instead.
 *
 * The standard fonts cover Windows-1252 (Latin letters with accents, curly quotes, dashes, €);
 * other characters cannot be drawn with them and come out as "?" (see `toWinAnsi`).
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { ValidationError } from '../../core/errors';
import type { DocBlock, DocumentFrame, Inline } from './document-model';

/** Where a signer signs: page index from 0, rectangle in PDF points with the origin at the
 *  bottom-left of the page (PDF user space, as signature widgets and pdf-lib expect). */
export interface SignatureField {
  signer: 'candidate' | 'company';
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RenderedPdf {
  pdf: Buffer;
  signatureFields: SignatureField[];
}

// US Letter in points, and the page furniture.
const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MARGIN = { top: 60, bottom: 72, left: 72, right: 72 } as const;
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
/** Lowest y body text may reach (pdfkit breaks the page below it). */
const BODY_BOTTOM = PAGE_HEIGHT - MARGIN.bottom;
const FOOTER_Y = PAGE_HEIGHT - 46;

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const INK = '#1a1a1a';
const MUTED = '#5f6368';
const RULE = '#b8bcc2';

const BODY_SIZE = 10.5;
const BODY_GAP = 3;
const PARAGRAPH_SPACE = 8;
const LIST_INDENT = 16;
const LIST_ITEM_SPACE = 3;
const HEADING = {
  1: { size: 14, before: 14, after: 6 },
  2: { size: 11.5, before: 10, after: 4 },
} as const;

const LOGO_BOX = { width: 160, height: 52 } as const;
const SIGNATURE = {
  gutter: 36,
  before: 30,
  fieldHeight: 40,
  dateHeight: 24,
} as const;

type Doc = PDFKit.PDFDocument;

export async function renderPdf(blocks: DocBlock[], frame: DocumentFrame): Promise<Buffer> {
  return (await renderPdfWithFields(blocks, frame)).pdf;
}

export async function renderPdfWithFields(blocks: DocBlock[], frame: DocumentFrame): Promise<RenderedPdf> {
  if (Number.isNaN(frame.createdAt.getTime())) {
    throw new ValidationError([{ field: 'createdAt', message: 'The document date is not a valid date.' }]);
  }
  const logo = frame.letterhead.logoPng;
  if (logo && !isPng(logo)) {
    throw new ValidationError([{ field: 'letterhead.logoPng', message: 'The logo is not a PNG image.' }]);
  }
  const doc = new PDFDocument({
    size: [PAGE_WIDTH, PAGE_HEIGHT],
    margins: { ...MARGIN },
    bufferPages: true,
    font: REGULAR,
    info: {
      Title: toWinAnsi(frame.title),
      Author: toWinAnsi(frame.letterhead.organizationName),
      Creator: 'Offerline',
      Producer: 'Offerline (PDFKit)',
      CreationDate: frame.createdAt,
      ModDate: frame.createdAt,
    },
  });
  setDocumentId(doc, contentId(blocks, frame));
  const done = collect(doc);

  const layout = new Layout(doc);
  drawLetterhead(doc, frame);
  layout.pageHasBody = true;

  // A first heading that repeats the title would print the same words twice.
  let start = 0;
  const first = blocks[0];
  if (first?.type === 'heading' && first.level === 1 && sameWords(inlineText(first.text), frame.title)) start = 1;
  for (let i = start; i < blocks.length; i++) layout.block(blocks[i]!);

  const signatureFields = frame.signatures ? drawSignatures(doc, layout, frame) : [];
  drawFooters(doc, frame.title);
  doc.end();
  return { pdf: await done, signatureFields };
}

/** The flow of body blocks down the pages. */
class Layout {
  /** Whether anything was drawn on the current page; an explicit break on an empty page is skipped. */
  pageHasBody = false;
  /** Space still owed below the previous block; not carried to the top of a new page. */
  private pending = 0;

  constructor(private readonly doc: Doc) {}

  block(block: DocBlock): void {
    switch (block.type) {
      case 'heading':
        return this.heading(block.level, block.text);
      case 'paragraph':
        return this.paragraph(block.text);
      case 'list':
        return this.list(block.items);
      case 'page_break':
        return this.pageBreak();
    }
  }

  heading(level: 1 | 2, text: Inline[]): void {
    if (isEmpty(text)) return;
    const style = HEADING[level];
    this.doc.font(BOLD).fontSize(style.size);
    // Keep the heading with at least two lines of what follows.
    const need = this.doc.currentLineHeight(true) + style.after + 2 * lineHeight(BODY_SIZE);
    this.space(Math.max(this.pending, style.before), need);
    this.doc.fillColor(INK).text(plain(text), MARGIN.left, this.doc.y, { width: CONTENT_WIDTH, lineGap: 1 });
    this.pending = style.after;
    this.pageHasBody = true;
  }

  paragraph(text: Inline[]): void {
    if (isEmpty(text)) return;
    this.space(this.pending, lineHeight(BODY_SIZE));
    runs(this.doc, text, MARGIN.left, this.doc.y, CONTENT_WIDTH);
    this.pending = PARAGRAPH_SPACE;
    this.pageHasBody = true;
  }

  list(items: Inline[][]): void {
    let gap = this.pending;
    for (const item of items) {
      if (isEmpty(item)) continue;
      this.space(gap, lineHeight(BODY_SIZE));
      const y = this.doc.y;
      this.doc.font(REGULAR).fontSize(BODY_SIZE).fillColor(INK);
      this.doc.text('\u2022', MARGIN.left + 4, y, { lineBreak: false });
      runs(this.doc, item, MARGIN.left + LIST_INDENT, y, CONTENT_WIDTH - LIST_INDENT);
      gap = LIST_ITEM_SPACE;
      this.pageHasBody = true;
    }
    this.pending = PARAGRAPH_SPACE;
  }

  pageBreak(): void {
    if (!this.pageHasBody) return;
    this.newPage();
  }

  /** Moves down by `gap`, or to a new page when `need` points would not fit below it. */
  space(gap: number, need: number): void {
    if (this.doc.y + gap + need > BODY_BOTTOM && this.pageHasBody) {
      this.newPage();
      return;
    }
    this.doc.y += this.pageHasBody ? gap : 0;
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
    this.doc.y = MARGIN.top;
    this.pageHasBody = false;
    this.pending = 0;
  }
}

/** Draws inline runs as one flowing paragraph; pdfkit wraps and breaks pages as it goes. */
function runs(doc: Doc, parts: Inline[], x: number, y: number, width: number): void {
  const visible = parts.filter((p) => p.text !== '');
  doc.fillColor(INK).fontSize(BODY_SIZE);
  visible.forEach((part, i) => {
    const continued = i < visible.length - 1;
    doc.font(part.bold ? BOLD : REGULAR);
    const text = toWinAnsi(part.text);
    if (i === 0) doc.text(text, x, y, { width, lineGap: BODY_GAP, continued });
    else doc.text(text, { continued });
  });
}

function drawLetterhead(doc: Doc, frame: DocumentFrame): void {
  const { organizationName, addressLines, logoPng } = frame.letterhead;
  const top = MARGIN.top;
  let bottom: number = top;
  let textX = MARGIN.left;
  let textWidth = CONTENT_WIDTH;
  let align: 'left' | 'right' = 'left';
  if (logoPng) {
    const size = fitBox(doc, logoPng);
    doc.image(size.image, MARGIN.left, top, { width: size.width, height: size.height });
    bottom = top + size.height;
    textX = MARGIN.left + LOGO_BOX.width + 12;
    textWidth = CONTENT_WIDTH - LOGO_BOX.width - 12;
    align = 'right';
  }
  doc.font(BOLD).fontSize(logoPng ? 12.5 : 15).fillColor(INK);
  doc.text(toWinAnsi(organizationName), textX, top, { width: textWidth, align, lineGap: 1 });
  doc.font(REGULAR).fontSize(8.5).fillColor(MUTED);
  doc.y += 2;
  for (const line of addressLines) {
    if (line.trim() === '') continue;
    doc.text(toWinAnsi(line), textX, doc.y, { width: textWidth, align, lineGap: 1 });
  }
  bottom = Math.max(bottom, doc.y);

  const ruleY = bottom + 10;
  doc.moveTo(MARGIN.left, ruleY).lineTo(PAGE_WIDTH - MARGIN.right, ruleY).lineWidth(0.75).strokeColor(RULE).stroke();

  doc.font(BOLD).fontSize(16).fillColor(INK);
  doc.text(toWinAnsi(frame.title), MARGIN.left, ruleY + 18, { width: CONTENT_WIDTH, lineGap: 1 });
  doc.y += 4;
}

/** The logo, opened once, and its size scaled to fit the letterhead box, never enlarged. */
function fitBox(doc: Doc, png: Buffer): { image: Buffer; width: number; height: number } {
  // pdfkit's image() takes an opened image as well as a buffer; opening it here reads the PNG once.
  const image = (doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(png);
  const scale = Math.min(1, LOGO_BOX.width / image.width, LOGO_BOX.height / image.height);
  return { image: image as unknown as Buffer, width: image.width * scale, height: image.height * scale };
}

function drawSignatures(doc: Doc, layout: Layout, frame: DocumentFrame): SignatureField[] {
  const s = frame.signatures!;
  const colWidth = (CONTENT_WIDTH - SIGNATURE.gutter) / 2;
  // Label, name, role, signature field with its caption, date line with its caption.
  const height = 14 + 16 + 14 + SIGNATURE.fieldHeight + 14 + SIGNATURE.dateHeight + 12;
  layout.space(SIGNATURE.before, height);
  const top = doc.y;
  const page = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;

  const column = (x: number, label: string, name: string, role: string, signer: SignatureField['signer']): SignatureField => {
    doc.font(REGULAR).fontSize(8.5).fillColor(MUTED);
    doc.text(fitLine(doc, label, colWidth), x, top, { lineBreak: false });
    doc.font(BOLD).fontSize(11).fillColor(INK);
    doc.text(fitLine(doc, name, colWidth), x, top + 14, { lineBreak: false });
    doc.font(REGULAR).fontSize(9.5).fillColor(INK);
    doc.text(fitLine(doc, role, colWidth), x, top + 30, { lineBreak: false });

    const fieldTop = top + 44;
    const lineY = fieldTop + SIGNATURE.fieldHeight;
    doc.moveTo(x, lineY).lineTo(x + colWidth, lineY).lineWidth(0.75).strokeColor(INK).stroke();
    doc.font(REGULAR).fontSize(8).fillColor(MUTED);
    doc.text('Signature', x, lineY + 3, { lineBreak: false });

    const dateLineY = lineY + 14 + SIGNATURE.dateHeight;
    doc.moveTo(x, dateLineY).lineTo(x + colWidth * 0.6, dateLineY).lineWidth(0.75).strokeColor(INK).stroke();
    doc.text('Date', x, dateLineY + 3, { lineBreak: false });

    return { signer, page, x, y: PAGE_HEIGHT - lineY, width: colWidth, height: SIGNATURE.fieldHeight };
  };

  const fields = [
    column(MARGIN.left, 'Accepted by', s.candidateName, 'Candidate', 'candidate'),
    column(MARGIN.left + colWidth + SIGNATURE.gutter, `For ${frame.letterhead.organizationName}`, s.signatoryName, s.signatoryTitle, 'company'),
  ];
  doc.x = MARGIN.left;
  doc.y = top + height;
  layout.pageHasBody = true;
  return fields;
}

function drawFooters(doc: Doc, title: string): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = 0; i < total; i++) {
    doc.switchToPage(range.start + i);
    // The footer sits below the bottom margin: lift the margin so pdfkit does not add a page.
    const margins = doc.page.margins;
    const bottom = margins.bottom;
    margins.bottom = 0;
    doc.font(REGULAR).fontSize(8.5).fillColor(MUTED);
    const label = `Page ${i + 1} of ${total}`;
    const labelWidth = doc.widthOfString(label);
    doc.text(label, PAGE_WIDTH - MARGIN.right - labelWidth, FOOTER_Y, { lineBreak: false });
    doc.text(fitLine(doc, title, CONTENT_WIDTH - labelWidth - 24), MARGIN.left, FOOTER_Y, { lineBreak: false });
    margins.bottom = bottom;
  }
}

/** The text, shortened with an ellipsis to fit `width` at the current font and size. */
function fitLine(doc: Doc, text: string, width: number): string {
  let t = toWinAnsi(text);
  if (doc.widthOfString(t) <= width) return t;
  while (t.length > 1 && doc.widthOfString(`${t}\u2026`) > width) t = t.slice(0, -1);
  return `${t.trimEnd()}\u2026`;
}

/** Height of one body line: Helvetica's line height is 1.156 em, plus the line gap. */
const lineHeight = (size: number) => size * 1.156 + BODY_GAP;

const inlineText = (parts: Inline[]) => parts.map((p) => p.text).join('');
const plain = (parts: Inline[]) => toWinAnsi(inlineText(parts));
const isEmpty = (parts: Inline[]) => parts.every((p) => p.text.trim() === '');
const sameWords = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

// Unicode characters of Windows-1252's 0x80–0x9F range; Latin-1 (0xA0–0xFF) maps to itself.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** The standard fonts draw Windows-1252 only: other characters become "?" rather than garbage. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (code === 0x09 || code === 0x0a || code === 0x0d) out += ' ';
    else if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (code === 0x2011 || code === 0x2010) out += '-';
    else if (code === 0x00ad || code === 0x200b) continue;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else out += '?';
  }
  return out;
}

function isPng(buf: Buffer): boolean {
  return buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.readUInt32BE(4) === 0x0d0a1a0a;
}

/** 16 bytes from the SHA-256 of everything that shapes the document. */
function contentId(blocks: DocBlock[], frame: DocumentFrame): Buffer {
  const logo = frame.letterhead.logoPng;
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      layout: 1,
      blocks,
      title: frame.title,
      organizationName: frame.letterhead.organizationName,
      addressLines: frame.letterhead.addressLines,
      logo: logo ? createHash('sha256').update(logo).digest('hex') : null,
      signatures: frame.signatures,
      createdAt: frame.createdAt.toISOString(),
    }),
  );
  return hash.digest().subarray(0, 16);
}

/** pdfkit writes `_id` as both halves of the trailer /ID; it is otherwise an MD5 of the metadata. */
function setDocumentId(doc: Doc, id: Buffer): void {
  const d = doc as unknown as { _id?: unknown };
  if (!(d._id instanceof Uint8Array)) throw new Error('pdfkit no longer keeps the document id in _id: revisit setDocumentId');
  d._id = new Uint8Array(id);
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
