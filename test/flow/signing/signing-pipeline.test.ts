import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocBlock } from '../../../src/flow/documents/document-model';
import { renderPdfWithFields, type RenderedPdf } from '../../../src/flow/documents/pdf-layout';
import { applySignatures } from '../../../src/flow/signing/apply-signatures';
import { appendAuditCertificate, sha256Hex, type AuditCertificate } from '../../../src/flow/signing/audit-certificate';
import { CONSENT_TEXT, CONSENT_VERSION, consentHash } from '../../../src/flow/signing/consent';
import { generateSealCertificate, type SealCertificate } from '../../../src/flow/signing/org-certificate';
import { sealPdf, verifySeal } from '../../../src/flow/signing/seal';
import { PdfTools, makePng, sampleFrame } from '../documents/pdf-fixtures';

const para = (text: string): DocBlock => ({ type: 'paragraph', text: [{ text, bold: false }] });
const UA_PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const UA_DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

function letterBlocks(): DocBlock[] {
  const filler = 'We are delighted to offer you the position described below. This letter sets out the terms of your employment with us, which we hope you will find attractive and fair.';
  return [
    { type: 'heading', level: 2, text: [{ text: 'Position and start date', bold: false }] },
    para(`Dear Lena, ${filler}`),
    { type: 'list', items: [[{ text: 'Base salary: $184,000 per year', bold: false }], [{ text: 'Start date: January 11, 2027', bold: false }]] },
    para(filler),
    { type: 'page_break' },
    { type: 'heading', level: 2, text: [{ text: 'Acceptance', bold: false }] },
    para('To accept this offer, sign below before the expiry date.'),
  ];
}

describe('signing pipeline: signatures, audit certificate, seal', () => {
  const tools = new PdfTools();
  let rendered: RenderedPdf;
  let signed: Buffer;
  let certified: Buffer;
  let sealed: Buffer;
  let cert: SealCertificate;
  let audit: AuditCertificate;

  beforeAll(async () => {
    rendered = await renderPdfWithFields(letterBlocks(), sampleFrame());
    signed = await applySignatures(rendered.pdf, rendered.signatureFields, [
      { signer: 'candidate', name: 'Lena Park', kind: 'typed', signedAt: new Date('2026-11-24T17:41:07Z'), timeZone: 'America/Los_Angeles' },
      {
        signer: 'company',
        name: 'Maria Gonzalez',
        kind: 'drawn',
        drawnPng: makePng(240, 60),
        signedAt: new Date('2026-11-24T19:02:30Z'),
        timeZone: 'America/New_York',
      },
    ]);
    audit = {
      documentId: 'doc_7f3c2a91-5b0e-4c1d-9a77-2e5f8b1d4c60',
      documentTitle: 'Offer letter - Lena Park',
      organizationName: 'Northwind Staffing, Inc.',
      originalSha256: sha256Hex(rendered.pdf),
      timeZone: 'America/Los_Angeles',
      signers: [
        {
          name: 'Lena Park',
          email: 'lena.park@example.com',
          role: 'Candidate',
          authentication: 'E-mail link and one-time code sent to lena.park@example.com',
          ipAddress: '203.0.113.24',
          userAgent: UA_PHONE,
        },
        {
          name: 'Maria Gonzalez',
          email: 'maria.gonzalez@northwind.example',
          role: 'Company signatory (VP, People Operations)',
          authentication: 'Offerline sign-in (password)',
          ipAddress: '198.51.100.7',
          userAgent: UA_DESKTOP,
        },
      ],
      events: [
        { type: 'sent', at: new Date('2026-11-23T16:00:00Z'), actor: 'Ravi Shah (recruiter)' },
        { type: 'opened', at: new Date('2026-11-24T17:30:12Z'), actor: 'Lena Park', ipAddress: '203.0.113.24', userAgent: UA_PHONE },
        { type: 'consented', at: new Date('2026-11-24T17:39:55Z'), actor: 'Lena Park', ipAddress: '203.0.113.24', userAgent: UA_PHONE },
        { type: 'signed', at: new Date('2026-11-24T17:41:07Z'), actor: 'Lena Park', ipAddress: '203.0.113.24', userAgent: UA_PHONE },
        { type: 'signed', at: new Date('2026-11-24T19:02:30Z'), actor: 'Maria Gonzalez', ipAddress: '198.51.100.7', userAgent: UA_DESKTOP },
        { type: 'completed', at: new Date('2026-11-24T19:02:31Z'), actor: 'Offerline' },
      ],
      consent: { version: CONSENT_VERSION, sha256: consentHash(CONSENT_TEXT) },
    };
    certified = await appendAuditCertificate(signed, audit);
    cert = generateSealCertificate({ organizationName: 'Northwind Staffing, Inc.', now: new Date('2026-11-24T19:00:00Z') });
    sealed = await sealPdf(certified, {
      p12: cert.p12,
      passphrase: cert.passphrase,
      reason: 'Offer accepted and signed',
      location: 'Offerline',
      signingTime: new Date('2026-11-24T19:02:31Z'),
    });
  });

  afterAll(() => tools.cleanup());

  it('puts the signature fields on the last page of the two-page letter', async () => {
    const file = tools.write(rendered.pdf);
    expect(tools.pages(file)).toBe(2);
    expect(rendered.signatureFields.map((f) => f.page)).toEqual([1, 1]);
  });

  it('pdfsig says the seal is valid', async () => {
    const out = execFileSync('pdfsig', ['-nocert', tools.write(sealed)], { encoding: 'utf8' });
    expect(out).toContain('Signature is Valid');
    expect(await verifySeal(sealed)).toBe('valid');
  });

  it('one changed byte inside the signed range is a digest mismatch', async () => {
    const tampered = Buffer.from(sealed);
    // The binary comment on the PDF's second line: inside the first signed range, and harmless to
    // parsers, so pdfsig still reads the file and reports the digest.
    const at = tampered.indexOf('\n') + 2;
    tampered[at] = tampered[at]! ^ 0x01;
    const out = execFileSync('pdfsig', ['-nocert', tools.write(tampered)], { encoding: 'utf8' });
    expect(out).toContain('Digest Mismatch');
    expect(await verifySeal(tampered)).toBe('tampered');
  });

  it('a document without a seal is unsigned', async () => {
    expect(await verifySeal(certified)).toBe('unsigned');
  });

  it('the text shows the signatures, the certificate page, both hashes and the signers', () => {
    const file = tools.write(sealed);
    const all = tools.text(file);
    expect(all).toContain('Signed electronically by Lena Park');
    expect(all).toContain('Signed electronically by Maria Gonzalez');
    expect(all).toMatch(/Nov 24, 2026, 9:41:07 AM PST/);
    const last = tools.text(file, tools.pages(file));
    expect(last).toContain('Certificate of completion');
    expect(last).toContain(audit.documentId);
    expect(last).toContain('SHA-256 of the original document');
    expect(last).toContain(sha256Hex(rendered.pdf));
    expect(last).toContain('SHA-256 of the signed document');
    expect(last).toContain(sha256Hex(signed));
    expect(last).toContain(consentHash(CONSENT_TEXT));
    for (const s of audit.signers) {
      expect(last).toContain(s.name);
      expect(last).toContain(s.email);
      expect(last).toContain(s.role);
      expect(last).toContain(s.authentication);
      expect(last).toContain(s.ipAddress!);
    }
    // User agents wrap, so compare without line breaks and layout spacing.
    const flat = last.replace(/\s+/g, '');
    expect(flat).toContain(UA_PHONE.replace(/\s+/g, ''));
    for (const e of ['Sent', 'Opened', 'Consented', 'Signed', 'Completed']) expect(last).toMatch(new RegExp(`^\\s*${e}\\s+Nov 2\\d, 2026, `, 'm'));
    expect(last).toMatch(/Sent\s+Nov 23, 2026, 8:00:00 AM PST\s+Ravi Shah/);
    expect(last).toMatch(/Completed\s+Nov 24, 2026, 11:02:31 AM PST/);
  });

  it('qpdf finds no damage and the page count is the letter plus one', () => {
    const file = tools.write(sealed);
    expect(tools.check(file)).toContain('No syntax or stream encoding errors');
    expect(tools.pages(file)).toBe(tools.pages(tools.write(rendered.pdf)) + 1);
  });

  it('the same inputs give the same bytes at every step but the key', async () => {
    const again = await applySignatures(rendered.pdf, rendered.signatureFields, [
      { signer: 'candidate', name: 'Lena Park', kind: 'typed', signedAt: new Date('2026-11-24T17:41:07Z'), timeZone: 'America/Los_Angeles' },
      {
        signer: 'company',
        name: 'Maria Gonzalez',
        kind: 'drawn',
        drawnPng: makePng(240, 60),
        signedAt: new Date('2026-11-24T19:02:30Z'),
        timeZone: 'America/New_York',
      },
    ]);
    expect(sha256Hex(again)).toBe(sha256Hex(signed));
    expect(sha256Hex(await appendAuditCertificate(again, audit))).toBe(sha256Hex(certified));
    const resealed = await sealPdf(certified, {
      p12: cert.p12,
      passphrase: cert.passphrase,
      reason: 'Offer accepted and signed',
      location: 'Offerline',
      signingTime: new Date('2026-11-24T19:02:31Z'),
    });
    expect(sha256Hex(resealed)).toBe(sha256Hex(sealed));
  });

  it('renders the signature page and the certificate page for a look', () => {
    mkdirSync('.test-results', { recursive: true });
    const file = tools.write(sealed);
    writeFileSync('.test-results/signing-sealed.pdf', sealed);
    const pages = tools.pages(file);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(pages - 1), '-l', String(pages), file, '.test-results/signing-page']);
  });
});
