import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPdfWithFields } from '../../../src/flow/documents/pdf-layout';
import { appendAuditCertificate, sha256Hex, type AuditCertificate, type AuditEvent } from '../../../src/flow/signing/audit-certificate';
import { PdfTools, sampleFrame } from '../documents/pdf-fixtures';

const base: AuditCertificate = {
  documentId: 'doc_1',
  documentTitle: 'Offer letter',
  organizationName: 'Northwind Staffing, Inc.',
  originalSha256: 'a'.repeat(64),
  timeZone: 'America/Denver',
  signers: [{ name: 'Lena Park', email: 'lena@example.com', role: 'Candidate', authentication: 'E-mail one-time code' }],
  events: [{ type: 'completed', at: new Date('2026-11-24T19:02:31Z') }],
  consent: { version: 'esign-consent-2027-01', sha256: 'b'.repeat(64) },
};

describe('appendAuditCertificate', () => {
  const tools = new PdfTools();
  afterAll(() => tools.cleanup());

  it('says "not recorded" for what the record lacks, and prints the hash of the document it was given', async () => {
    const { pdf } = await renderPdfWithFields([], sampleFrame());
    const out = await appendAuditCertificate(pdf, base);
    const text = tools.text(tools.write(out), 2);
    expect(text).toMatch(/IP address\s+not recorded/);
    expect(text).toMatch(/User agent\s+not recorded/);
    expect(text).toContain(sha256Hex(pdf));
    expect(text).toMatch(/Completed\s+Nov 24, 2026, 12:02:31 PM MST/);
  });

  it('continues on a further page when the record is long, titled as a continuation', async () => {
    const { pdf } = await renderPdfWithFields([], sampleFrame());
    const events: AuditEvent[] = Array.from({ length: 40 }, (_, i) => ({
      type: 'opened',
      at: new Date(Date.UTC(2026, 10, 20, 8, i)),
      actor: 'Lena Park',
      ipAddress: `203.0.113.${i}`,
      userAgent: 'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    }));
    const out = await appendAuditCertificate(pdf, { ...base, events });
    const file = tools.write(out);
    expect(tools.pages(file)).toBe(3);
    expect(tools.text(file, 3)).toContain('Certificate of completion (continued)');
    expect(tools.text(file)).toContain('203.0.113.39');
    tools.check(file);
    mkdirSync('.test-results', { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '3', '-l', '3', file, '.test-results/audit-continued']);
  });

  it('refuses an original hash that is not a SHA-256', async () => {
    const { pdf } = await renderPdfWithFields([], sampleFrame());
    await expect(appendAuditCertificate(pdf, { ...base, originalSha256: 'abc' })).rejects.toThrow(/SHA-256/);
  });
});
