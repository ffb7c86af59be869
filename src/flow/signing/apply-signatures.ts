/**
 * Draws the adopted signatures into a packet document's signature fields (the rectangles
 * `renderPdfWithFields` returns), each with a caption saying who signed electronically and when.
 *
 * This is the visible signature; the proof is the audit certificate and the seal added after it.
 * Deterministic: the same document and signatures give the same bytes (the metadata's
 * modification date is the last signature's time, not the clock), so the result can be hashed.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { toWinAnsi, type SignatureField } from '../documents/pdf-layout';

export interface AppliedSignature {
  signer: 'candidate' | 'company';
  name: string;
  kind: 'typed' | 'drawn';
  /** The PNG for a drawn signature (see `decodeDrawnSignature`). */
  drawnPng?: Buffer;
  signedAt: Date;
  /** IANA zone the caption shows the time in, e.g. "America/Los_Angeles". */
  timeZone: string;
}

const INK = rgb(0.05, 0.1, 0.35); // a pen-like blue, so a printout shows what was applied
const MUTED = rgb(0.37, 0.39, 0.41);
/** Inside the field: room above the signature line so ink never touches it. */
const PAD = 3;
const MAX_TYPED_SIZE = 24;
const CAPTION_SIZE = 6.5;
/** The caption starts below the layout's "Signature" label (8 pt, 3 pt under the line) and must
 *  end above the "Date" line 38 pt under it: two lines fit. */
const CAPTION_TOP = 13;
const CAPTION_LINES = 2;
/** The layout's "Date" line, under the signature line; the signing date is written just above it. */
const DATE_LINE_BELOW = 38;
const DATE_SIZE = 9;

export async function applySignatures(pdf: Buffer, fields: SignatureField[], signatures: AppliedSignature[]): Promise<Buffer> {
  if (signatures.length === 0) throw new Error('No signatures to apply.');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = doc.getPages();
  const italic = await doc.embedFont(StandardFonts.HelveticaOblique);
  const regular = await doc.embedFont(StandardFonts.Helvetica);

  const seen = new Set<string>();
  for (const signature of signatures) {
    if (seen.has(signature.signer)) throw new Error(`The ${signature.signer} signature is given twice.`);
    seen.add(signature.signer);
    if (Number.isNaN(signature.signedAt.getTime())) throw new Error(`The ${signature.signer} signature has no valid time.`);
    const field = fields.find((f) => f.signer === signature.signer);
    if (!field) throw new Error(`The document has no ${signature.signer} signature field.`);
    const page = pages[field.page];
    if (!page) throw new Error(`The ${signature.signer} signature field is on page ${field.page + 1}, which the document does not have.`);

    if (signature.kind === 'typed') drawTyped(page, italic, signature.name, field);
    else await drawDrawn(doc, page, signature, field);
    drawCaption(page, regular, signature, field);
    drawDate(page, regular, signature, field);
  }

  // Keep the packet's creation date; the modification is the last signature.
  const last = Math.max(...signatures.map((s) => s.signedAt.getTime()));
  doc.setModificationDate(new Date(last));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function drawTyped(page: PDFPage, font: PDFFont, rawName: string, field: SignatureField): void {
  const name = toWinAnsi(rawName).trim();
  if (name === '') throw new Error('A typed signature needs a name.');
  const width = field.width - 2 * PAD;
  // Scale down to fit the field's width and height (cap height ~0.72 em plus descenders).
  const size = Math.max(4, Math.min(MAX_TYPED_SIZE, width / font.widthOfTextAtSize(name, 1), (field.height - 2 * PAD) / 0.95));
  // Lift the baseline by most of Helvetica's descender (0.207 em) so tails stay above the line.
  page.drawText(name, { x: field.x + PAD, y: field.y + PAD + 0.15 * size, size, font, color: INK });
}

async function drawDrawn(doc: PDFDocument, page: PDFPage, signature: AppliedSignature, field: SignatureField): Promise<void> {
  if (!signature.drawnPng) throw new Error(`The ${signature.signer} drawn signature has no image.`);
  const image = await doc.embedPng(signature.drawnPng);
  const boxW = field.width - 2 * PAD;
  const boxH = field.height - 2 * PAD;
  // Fit inside the field, keeping the aspect ratio, and never enlarge a small drawing past 2x.
  const scale = Math.min(boxW / image.width, boxH / image.height, 2);
  page.drawImage(image, { x: field.x + PAD, y: field.y + PAD, width: image.width * scale, height: image.height * scale });
}

function drawCaption(page: PDFPage, font: PDFFont, signature: AppliedSignature, field: SignatureField): void {
  const who = `Signed electronically by ${toWinAnsi(signature.name).trim()}`;
  const when = `on ${formatInstant(signature.signedAt, signature.timeZone)}`;
  // One line when it fits; otherwise break before "on" so the date and its zone stay together.
  const lines = (
    font.widthOfTextAtSize(`${who} ${when}`, CAPTION_SIZE) <= field.width
      ? [`${who} ${when}`]
      : [...wrap(who, font, CAPTION_SIZE, field.width), ...wrap(when, font, CAPTION_SIZE, field.width)]
  ).slice(0, CAPTION_LINES);
  lines.forEach((line, i) => {
    page.drawText(line, { x: field.x, y: field.y - CAPTION_TOP - CAPTION_SIZE - i * (CAPTION_SIZE + 1.5), size: CAPTION_SIZE, font, color: MUTED });
  });
}

/** The signing date on the "Date" line, as the signer's own calendar read it. */
function drawDate(page: PDFPage, font: PDFFont, signature: AppliedSignature, field: SignatureField): void {
  const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: signature.timeZone }).format(signature.signedAt);
  page.drawText(date, { x: field.x + PAD, y: field.y - DATE_LINE_BELOW + 2.5, size: DATE_SIZE, font, color: INK });
}

/** Greedy word wrap; a word wider than the line is cut where it overflows. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let n = rest.length - 1;
      while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * One way to write an instant on signed documents: "Nov 25, 2026, 9:41:07 AM PST", in the zone the
 * person was in, so they read their own local time and the zone says which one it is.
 */
export function formatInstant(at: Date, timeZone: string): string {
  let text: string;
  try {
    text = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    }).format(at);
  } catch {
    throw new Error(`Unknown time zone "${timeZone}".`);
  }
  // ICU puts a narrow no-break space before AM/PM, which the standard PDF fonts cannot draw.
  return text.replace(/[\u202f\u00a0]/g, ' ');
}
