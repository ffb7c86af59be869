import { describe, expect, it } from 'vitest';
import type { DocBlock } from '../../../src/flow/documents/document-model';
import { renderPdfWithFields } from '../../../src/flow/documents/pdf-layout';
import { applySignatures, formatInstant } from '../../../src/flow/signing/apply-signatures';
import { generateSealCertificate } from '../../../src/flow/signing/org-certificate';
import { readPdfsig, sealPdf, verifySeal } from '../../../src/flow/signing/seal';
import { PdfTools, sampleFrame } from '../documents/pdf-fixtures';

const blocks: DocBlock[] = [{ type: 'paragraph', text: [{ text: 'Welcome aboard.', bold: false }] }];
const at = new Date('2026-11-24T17:41:07Z');
const typed = { signer: 'candidate' as const, name: 'Lena Park', kind: 'typed' as const, signedAt: at, timeZone: 'America/Chicago' };

describe('readPdfsig', () => {
  const block = (verdict: string, total = true) =>
    `Signature #1:\n  - Signed Ranges: [0 - 10], [20 - 30]\n  - ${total ? 'Total document signed' : 'Not total document signed'}\n  - Signature Validation: ${verdict}\n`;

  it('reads the verdicts', () => {
    expect(readPdfsig(`Digital Signature Info of: x.pdf\n${block('Signature is Valid.')}`)).toBe('valid');
    expect(readPdfsig(`Digital Signature Info of: x.pdf\n${block('Digest Mismatch.')}`)).toBe('tampered');
    expect(readPdfsig("File 'x.pdf' does not contain any signatures")).toBe('unsigned');
    expect(readPdfsig('Syntax Error: Couldn\'t read xref table')).toBe('tampered');
  });

  it('treats bytes added after the seal as tampering', () => {
    expect(readPdfsig(block('Signature is Valid.', false))).toBe('tampered');
  });
});

describe('sealPdf and verifySeal', () => {
  it('catches an update appended after the seal, and a wrong passphrase before signing', async () => {
    const { pdf } = await renderPdfWithFields(blocks, sampleFrame());
    const cert = generateSealCertificate({ organizationName: 'Northwind', now: at });
    const sealed = await sealPdf(pdf, { p12: cert.p12, passphrase: cert.passphrase, reason: 'Offer signed', signingTime: at });
    expect(await verifySeal(sealed)).toBe('valid');
    expect(await verifySeal(Buffer.concat([sealed, Buffer.from('\n% added later\n')]))).toBe('tampered');
    await expect(sealPdf(pdf, { p12: cert.p12, passphrase: 'wrong', reason: 'x', signingTime: at })).rejects.toThrow(/passphrase is wrong/);
    await expect(sealPdf(sealed, { p12: cert.p12, passphrase: cert.passphrase, reason: 'x', signingTime: at })).rejects.toThrow(/already sealed/);
  });
});

describe('applySignatures', () => {
  it('refuses signatures the document has no field for, or drawn ones without an image', async () => {
    const { pdf, signatureFields } = await renderPdfWithFields(blocks, sampleFrame());
    await expect(applySignatures(pdf, [], [typed])).rejects.toThrow(/no candidate signature field/);
    await expect(
      applySignatures(pdf, signatureFields, [{ ...typed, signer: 'company', kind: 'drawn' }]),
    ).rejects.toThrow(/has no image/);
    await expect(applySignatures(pdf, signatureFields, [typed, typed])).rejects.toThrow(/given twice/);
    await expect(applySignatures(pdf, signatureFields, [{ ...typed, timeZone: 'Mars/Olympus' }])).rejects.toThrow(/Unknown time zone/);
  });

  it('draws names the standard fonts cannot, without failing, and long names scaled to fit', async () => {
    const { pdf, signatureFields } = await renderPdfWithFields(blocks, sampleFrame());
    const long = 'Maximiliana Josefina Alexandra Wolfeschlegelsteinhausen-Bergerdorff';
    const out = await applySignatures(pdf, signatureFields, [
      { ...typed, name: 'Zoë 李 Park' },
      { ...typed, signer: 'company', name: long },
    ]);
    const tools = new PdfTools();
    try {
      const text = tools.text(tools.write(out));
      expect(text).toContain('Zoë ? Park');
      const words = tools.words(tools.write(out)).filter((w) => w.word === 'Wolfeschlegelsteinhausen-Bergerdorff');
      const field = signatureFields.find((f) => f.signer === 'company')!;
      // The typed signature (the larger of the two occurrences) stays inside its field.
      const signature = words.sort((a, b) => b.yMax - b.yMin - (a.yMax - a.yMin))[0]!;
      expect(signature.xMax).toBeLessThanOrEqual(field.x + field.width + 0.5);
    } finally {
      tools.cleanup();
    }
  });
});

describe('formatInstant', () => {
  it('writes local time with its zone, in characters the standard fonts have', () => {
    expect(formatInstant(at, 'America/Chicago')).toBe('Nov 24, 2026, 11:41:07 AM CST');
    expect(formatInstant(at, 'UTC')).toBe('Nov 24, 2026, 5:41:07 PM UTC');
  });
});
