import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors';
import { parseMarkup, type DocBlock } from '../../../src/flow/documents/document-model';
import { renderPdf, renderPdfWithFields, toWinAnsi } from '../../../src/flow/documents/pdf-layout';
import { makePng, PdfTools, sampleFrame } from './pdf-fixtures';

const tools = new PdfTools();
afterAll(() => tools.cleanup());

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const letter = `# Offer of employment

Dear **Lena Park**,

We are delighted to offer you the position of **Senior Data Engineer** in the Platform department, reporting to Dana Whitfield. This letter sets out the terms of our offer.

## Compensation

- Base salary: **$184,000.00** per year, paid semi-monthly (**$7,666.67** per pay period)
- Sign-on bonus: **$15,000.00**, payable with your first paycheck
- Equity: 4,000 restricted stock units, vesting over four years with a one-year cliff

## Start date

Your first day will be **January 12, 2027**, at our San Francisco office.

---page---

# At-will employment

Your employment with Northwind Staffing, Inc. is at will: either you or the company may end it at any time, with or without cause or notice.

This letter, with its addenda, is the whole agreement about its subject.`;

const blocks = parseMarkup(letter);
const longParagraph = 'The company may change its policies and benefits from time to time, as the law allows. '.repeat(12);

describe('renderPdf', () => {
  it('lays out a two-page letter that a PDF reader extracts in order', async () => {
    const file = tools.write(await renderPdf(blocks, sampleFrame({ title: 'Offer letter — Lena Park' })));
    expect(tools.pages(file)).toBe(2);
    expect(tools.check(file)).toContain('No syntax or stream encoding errors found');

    const page1 = tools.text(file, 1);
    const page2 = tools.text(file, 2);
    // Letterhead and title on the first page only.
    expect(page1).toContain('Northwind Staffing, Inc.');
    expect(page1).toContain('500 Market Street, Suite 1200');
    expect(page1).toContain('San Francisco, CA 94105');
    expect(page1).toContain('Offer letter — Lena Park');
    expect(page2).not.toContain('500 Market Street');
    // Headings, values with bold runs, list items.
    expect(page1).toContain('Offer of employment');
    expect(page1).toContain('Dear Lena Park,');
    expect(page1).toMatch(/position of Senior Data Engineer in the Platform department/);
    expect(page1).toMatch(/•\s+Base salary: \$184,000\.00 per year, paid semi-monthly \(\$7,666\.67 per pay period\)/);
    expect(page1).toMatch(/•\s+Sign-on bonus: \$15,000\.00/);
    expect(page1).toContain('Your first day will be January 12, 2027');
    // The explicit page break.
    expect(page1).not.toContain('At-will employment');
    expect(page2).toContain('At-will employment');
    // Footers.
    expect(page1).toMatch(/Offer letter — Lena Park\s+Page 1 of 2/);
    expect(page2).toMatch(/Page 2 of 2/);
    // Signature blocks.
    expect(page2).toMatch(/Accepted by\s+For Northwind Staffing, Inc\./);
    expect(page2).toMatch(/Lena Park\s+Maria Gonzalez/);
    expect(page2).toMatch(/Candidate\s+VP, People Operations/);
    expect(page2).toMatch(/Signature\s+Signature/);
    expect(page2).toMatch(/Date\s+Date/);
  });

  it('writes the metadata from the frame', async () => {
    const info = tools.info(tools.write(await renderPdf(blocks, sampleFrame({ title: 'Offer letter — Lena Park' }))));
    expect(info).toMatch(/Title:\s+Offer letter — Lena Park/);
    expect(info).toMatch(/Author:\s+Northwind Staffing, Inc\./);
    expect(info).toMatch(/CreationDate:\s+Fri Nov 20 10:00:00 2026 UTC/);
    expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  });

  it('gives the same bytes for the same blocks and frame, and another /ID for other content', async () => {
    const a = await renderPdf(blocks, sampleFrame({ letterhead: { ...sampleFrame().letterhead, logoPng: makePng(120, 40) } }));
    const b = await renderPdf(parseMarkup(letter), sampleFrame({ letterhead: { ...sampleFrame().letterhead, logoPng: makePng(120, 40) } }));
    expect(sha256(a)).toBe(sha256(b));

    const idOf = (pdf: Buffer) => /\/ID \[<([0-9a-f]{32})> <\1>\]/.exec(pdf.toString('latin1'))?.[1];
    const other = await renderPdf(parseMarkup(letter.replace('$184,000.00', '$185,000.00')), sampleFrame());
    expect(idOf(a)).toMatch(/^[0-9a-f]{32}$/);
    expect(idOf(other)).toMatch(/^[0-9a-f]{32}$/);
    expect(idOf(other)).not.toBe(idOf(await renderPdf(blocks, sampleFrame())));
  });

  it('breaks a long document over pages and numbers every page', async () => {
    const long: DocBlock[] = [
      { type: 'heading', level: 1, text: [{ text: 'Employee handbook acknowledgement', bold: false }] },
      ...Array.from({ length: 24 }, (_, i): DocBlock => ({
        type: 'paragraph',
        text: [
          { text: `Section ${i + 1}. `, bold: true },
          { text: longParagraph, bold: false },
        ],
      })),
    ];
    const file = tools.write(await renderPdf(long, sampleFrame()));
    const pages = tools.pages(file);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(tools.check(file)).toContain('No syntax or stream encoding errors found');
    for (let p = 1; p <= pages; p++) expect(tools.text(file, p)).toContain(`Page ${p} of ${pages}`);
    // Every section made it, in order.
    const all = tools.text(file);
    const at = Array.from({ length: 24 }, (_, i) => all.indexOf(`Section ${i + 1}.`));
    expect(at.every((x) => x >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    // Nothing is drawn in the footer band but the footer.
    const footerBand = tools.words(file).filter((w) => w.yMin > 792 - 72 + 2);
    expect(new Set(footerBand.map((w) => w.word))).toEqual(new Set(['Offer', 'letter', 'Page', 'of', ...Array.from({ length: pages }, (_, i) => String(i + 1))]));
  });

  it('keeps the signature blocks together on one page, where the fields say', async () => {
    // However much text comes before, both blocks sit whole on the last page.
    for (let n = 6; n <= 12; n++) {
      const doc: DocBlock[] = Array.from({ length: n }, () => ({ type: 'paragraph', text: [{ text: longParagraph.slice(0, 520), bold: false }] }));
      const { pdf, signatureFields } = await renderPdfWithFields(doc, sampleFrame());
      const file = tools.write(pdf);
      const pages = tools.pages(file);
      const last = tools.text(file, pages);
      expect(last, `${n} paragraphs`).toMatch(/Accepted by[\s\S]*Lena Park[\s\S]*Signature\s+Signature[\s\S]*Date\s+Date/);
      expect(signatureFields.map((f) => [f.signer, f.page])).toEqual([
        ['candidate', pages - 1],
        ['company', pages - 1],
      ]);

      // Each field sits right above its "Signature" caption, within the page margins.
      const captions = tools.words(file).filter((w) => w.word === 'Signature' && w.page === pages - 1);
      expect(captions).toHaveLength(2);
      for (const [i, field] of signatureFields.entries()) {
        const caption = captions[i]!;
        const fieldBottomFromTop = 792 - field.y;
        expect(caption.yMin - fieldBottomFromTop).toBeGreaterThan(0);
        expect(caption.yMin - fieldBottomFromTop).toBeLessThan(6);
        expect(Math.abs(caption.xMin - field.x)).toBeLessThan(1);
        expect(field.x).toBeGreaterThanOrEqual(72);
        expect(field.x + field.width).toBeLessThanOrEqual(612 - 72 + 0.01);
        expect(field.height).toBeGreaterThanOrEqual(36);
      }
    }
  });

  it('leaves out the signature blocks when nobody signs', async () => {
    const { pdf, signatureFields } = await renderPdfWithFields(blocks, sampleFrame({ signatures: null }));
    expect(signatureFields).toEqual([]);
    expect(tools.text(tools.write(pdf))).not.toContain('Accepted by');
  });

  it('draws the logo in the letterhead and refuses a logo that is not a PNG', async () => {
    const logo = makePng(600, 120);
    const file = tools.write(await renderPdf(blocks, sampleFrame({ letterhead: { ...sampleFrame().letterhead, logoPng: logo } })));
    expect(tools.check(file)).toContain('No syntax or stream encoding errors found');
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+\d+\s+image\s+600\s+120\s+rgb/);
    expect(tools.text(file, 1)).toContain('Northwind Staffing, Inc.');

    await expect(renderPdf(blocks, sampleFrame({ letterhead: { ...sampleFrame().letterhead, logoPng: Buffer.from('GIF89a not a png at all') } }))).rejects.toThrow(
      ValidationError,
    );
  });

  it('refuses an invalid document date', async () => {
    await expect(renderPdf(blocks, sampleFrame({ createdAt: new Date('not a date') }))).rejects.toThrow(/not a valid date/);
  });

  it('skips a first heading that repeats the title, and a page break on an empty page', async () => {
    const doc = parseMarkup('# Offer letter\n\nHello.\n\n---page---\n\n---page---\n\nSecond page.');
    const file = tools.write(await renderPdf(doc, sampleFrame({ signatures: null })));
    expect(tools.pages(file)).toBe(2);
    expect(tools.text(file, 1).match(/Offer letter/g)).toHaveLength(2); // the title and the footer
  });

  it('draws Windows-1252 text as is and other characters as "?"', async () => {
    expect(toWinAnsi('Zoë Núñez — “quoted” 10 € 李 🎉\tx\ny')).toBe('Zoë Núñez — “quoted” 10 € ? ? x y');
    const doc = parseMarkup('Dear **Zoë Núñez**, your “start date” — January 5 — and 10 € 李.');
    const text = tools.text(tools.write(await renderPdf(doc, sampleFrame({ signatures: null }))));
    expect(text).toContain('Dear Zoë Núñez, your “start date” — January 5 — and 10 € ?.');
  });

  it('renders a sample to PNG for a visual check (.test-results/offer-letter-sample-*.png)', async () => {
    const pdf = await renderPdf(blocks, sampleFrame({ title: 'Offer letter — Lena Park', letterhead: { ...sampleFrame().letterhead, logoPng: makePng(480, 120) } }));
    mkdirSync('.test-results', { recursive: true });
    writeFileSync('.test-results/offer-letter-sample.pdf', pdf);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', '.test-results/offer-letter-sample.pdf', '.test-results/offer-letter-sample']);
  });
});
