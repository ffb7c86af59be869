/**
 * The "Certificate of completion" page added to a signed document before it is sealed: who signed,
 * how they proved who they were, when each step happened, from where, and the hashes that tie the
 * record to the documents. It is what a company shows when a signature is disputed, so everything
 * is plain text a reader (and `pdftotext`) can copy, and nothing depends on Offerline to read it.
 *
 * The seal comes after this page, so the hash of the final sealed file cannot be printed on it.
 * Instead the page prints the hash of the signed document as it was before this page was added;
 * the seal then covers that document, this page and everything on it.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { toWinAnsi } from '../documents/pdf-layout';
import { formatInstant, wrap } from './apply-signatures';

export type AuditEventType = 'sent' | 'opened' | 'consented' | 'signed' | 'completed';

export interface AuditSigner {
  name: string;
  email: string;
  /** Shown as is, e.g. "Candidate" or "Company signatory (VP, People Operations)". */
  role: string;
  /** How the signer was identified, e.g. "E-mail link and one-time code sent to l***@example.com". */
  authentication: string;
  ipAddress?: string;
  userAgent?: string;
}

export interface AuditEvent {
  type: AuditEventType;
  at: Date;
  /** Whose act it was, by name ("Lena Park", "Offerline"); omitted for the system. */
  actor?: string;
  ipAddress?: string;
  userAgent?: string;
}

export interface AuditCertificate {
  /** The packet document's id in Offerline. */
  documentId: string;
  documentTitle: string;
  organizationName: string;
  /** SHA-256 (hex) of the packet document as generated, before anyone signed. */
  originalSha256: string;
  /** IANA zone every time on the page is written in (the organisation's). */
  timeZone: string;
  signers: AuditSigner[];
  /** In the order they happened. */
  events: AuditEvent[];
  consent: { version: string; sha256: string };
}

const PAGE = { width: 612, height: 792 } as const;
const MARGIN = 60;
const WIDTH = PAGE.width - 2 * MARGIN;
const BOTTOM = 60;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.37, 0.39, 0.41);
const RULE = rgb(0.72, 0.74, 0.76);
const LABEL_WIDTH = 150;
/** Event table columns (x offsets from the margin): event, time, by, IP address. */
const EVENT_COLUMNS = [0, 62, 222, 382] as const;
const ROW = 8;
const EVENT_HEADER = ['Event', 'Time', 'By', 'IP address'];

export const AUDIT_TITLE = 'Certificate of completion';

const EVENT_LABEL: Record<AuditEventType, string> = {
  sent: 'Sent',
  opened: 'Opened',
  consented: 'Consented',
  signed: 'Signed',
  completed: 'Completed',
};

/** SHA-256 of bytes, lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function appendAuditCertificate(pdf: Buffer, audit: AuditCertificate): Promise<Buffer> {
  if (!/^[0-9a-f]{64}$/i.test(audit.originalSha256)) throw new Error('The original document hash must be a SHA-256 in hex.');
  const signedSha256 = sha256Hex(pdf);
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  const w = new PageWriter(doc, fonts);
  const tz = audit.timeZone;

  w.title(AUDIT_TITLE);
  w.muted(`${audit.organizationName} - electronic signature record. Times are shown in ${tz}.`);
  w.gap(8);
  w.field('Document', audit.documentTitle);
  w.field('Document id', audit.documentId, 'mono');
  w.field('SHA-256 of the original document', audit.originalSha256.toLowerCase(), 'mono');
  w.field('SHA-256 of the signed document', signedSha256, 'mono');
  w.muted('The signed document is this file without this page. Its pages and this page are sealed together with the organisation\'s certificate; any change breaks the seal.');

  w.heading('Signers');
  for (const s of audit.signers) {
    w.keep(60);
    w.line(`${s.name} - ${s.role}`, 'bold', 9.5);
    w.field('E-mail', s.email);
    w.field('Authentication', s.authentication);
    w.field('IP address', s.ipAddress ?? 'not recorded');
    w.field('User agent', s.userAgent ?? 'not recorded');
    w.gap(4);
  }

  w.heading('Events');
  w.eventRow(EVENT_HEADER, 'bold');
  for (const e of audit.events) {
    w.eventRow([EVENT_LABEL[e.type], formatInstant(e.at, tz), e.actor ?? '-', e.ipAddress ?? '-'], 'regular', e.userAgent);
  }

  w.heading('Consent to electronic records');
  w.field('Consent version', audit.consent.version);
  w.field('SHA-256 of the consent text shown', audit.consent.sha256.toLowerCase(), 'mono');
  w.muted('Each signer accepted this consent before signing; its text, with this hash, is kept with the offer.');

  const completed = [...audit.events].reverse().find((e) => e.type === 'completed');
  if (completed) doc.setModificationDate(completed.at);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

type FontName = 'regular' | 'bold' | 'mono';

/** Writes lines top-down, starting a continuation page when one fills up. */
class PageWriter {
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Record<FontName, PDFFont>,
  ) {
    this.newPage();
  }

  title(text: string): void {
    this.line(text, 'bold', 16);
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + WIDTH, y: this.y }, thickness: 0.75, color: RULE });
    this.y -= 10;
  }

  heading(text: string): void {
    this.keep(50);
    this.gap(8);
    this.line(text, 'bold', 11);
    this.gap(2);
  }

  /** A label with its value; long values (user agents, hashes) wrap under the label's column. */
  field(label: string, value: string, font: FontName = 'regular'): void {
    const size = font === 'mono' ? 8 : 8.5;
    const labelWidth = LABEL_WIDTH;
    const lines = wrap(toWinAnsi(value) || '-', this.fonts[font], size, WIDTH - labelWidth);
    this.keep(lines.length * (size + 2.5));
    const top = this.y;
    this.page.drawText(toWinAnsi(label), { x: MARGIN, y: top - 9, size: 8.5, font: this.fonts.regular, color: MUTED });
    lines.forEach((l, i) => {
      this.page.drawText(l, { x: MARGIN + labelWidth, y: top - 9 - i * (size + 2.5), size, font: this.fonts[font], color: INK });
    });
    this.y = top - lines.length * (size + 2.5) - 3;
  }

  /** One event-table row; the user agent, when known, runs under it across the time and later columns. */
  eventRow(cells: string[], font: FontName, userAgent?: string): void {
    const uaLines = userAgent ? wrap(toWinAnsi(userAgent), this.fonts.regular, 7, WIDTH - EVENT_COLUMNS[1]) : [];
    // A table that runs onto a new page repeats its header there.
    if (this.keep(ROW + 4 + uaLines.length * 9) && font !== 'bold') this.eventRow(EVENT_HEADER, 'bold');
    this.y -= ROW;
    cells.forEach((cell, i) => {
      const x = MARGIN + EVENT_COLUMNS[i]!;
      const width = (EVENT_COLUMNS[i + 1] ?? WIDTH) - EVENT_COLUMNS[i]! - 6;
      const text = wrap(toWinAnsi(cell), this.fonts[font], ROW, width)[0] ?? '';
      this.page.drawText(text, { x, y: this.y, size: ROW, font: this.fonts[font], color: font === 'bold' ? MUTED : INK });
    });
    for (const l of uaLines) {
      this.y -= 9;
      this.page.drawText(l, { x: MARGIN + EVENT_COLUMNS[1], y: this.y, size: 7, font: this.fonts.regular, color: MUTED });
    }
    this.y -= 4;
    if (font === 'bold') {
      this.page.drawLine({ start: { x: MARGIN, y: this.y + 1 }, end: { x: MARGIN + WIDTH, y: this.y + 1 }, thickness: 0.5, color: RULE });
      this.y -= 3;
    }
  }

  line(text: string, font: FontName, size: number): void {
    for (const l of wrap(toWinAnsi(text), this.fonts[font], size, WIDTH)) {
      this.keep(size + 4);
      this.y -= size;
      this.page.drawText(l, { x: MARGIN, y: this.y, size, font: this.fonts[font], color: INK });
      this.y -= 4;
    }
  }

  muted(text: string): void {
    for (const l of wrap(toWinAnsi(text), this.fonts.regular, 8.5, WIDTH)) {
      this.keep(12);
      this.y -= 8.5;
      this.page.drawText(l, { x: MARGIN, y: this.y, size: 8.5, font: this.fonts.regular, color: MUTED });
      this.y -= 3.5;
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Starts a new page unless `points` more fit on this one; says whether it did. */
  keep(points: number): boolean {
    if (this.y - points >= BOTTOM) return false;
    this.newPage();
    this.line(`${AUDIT_TITLE} (continued)`, 'bold', 11);
    this.gap(6);
    return true;
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }
}
