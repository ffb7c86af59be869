import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySeal } from '../../../src/flow/signing/seal';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { signingApi, signingWorld, type SigningWorld } from './signing-fixture';

describe('the completed documents by e-mail, through a real SMTP server', () => {
  let sink: SmtpSink;
  let w: SigningWorld;
  let api: ReturnType<typeof signingApi>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    w = await signingWorld({ mail: { smtpUrl: sink.url, from: 'Offerline <no-reply@offerline.test>' } });
    api = signingApi(w);
  });
  afterAll(async () => {
    await w?.close();
    await sink?.close();
  });

  /** Runs the queue until nothing is due (completion queues the e-mails it sends). */
  async function drain() {
    while ((await w.t.app.jobs.runDue()) > 0);
  }

  it('sends the candidate and the recruiter the sealed PDFs as attachments', async () => {
    expect((await api.settings({ signatoryUserId: w.fx.users.admin.id, countersignOrder: 'after' })).statusCode).toBe(200);
    const id = await api.approvedOffer();
    const token = await api.sendOffer(id);
    await api.candidateSigns(token);
    expect((await api.countersign(id)).statusCode).toBe(200);
    await drain();
    expect(await api.status(id)).toBe('accepted');
    const docs = await api.signedDocuments(id);
    expect(docs.length).toBeGreaterThan(0);

    const completionMails = async () => {
      await sink.waitFor(1);
      return sink.messages.filter((m) => /^(Your signed offer from|Signed: )/.test(m.subject ?? ''));
    };
    const deadline = Date.now() + 10_000;
    while ((await completionMails()).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const mails = await completionMails();
    expect(mails.map((m) => m.to && !Array.isArray(m.to) ? m.to.text : '').sort()).toEqual([`ada@${w.fx.slug}.test`, `recruiter@${w.fx.slug}.test`]);
    for (const mail of mails) {
      const pdfs = mail.attachments.filter((a) => a.contentType === 'application/pdf');
      expect(pdfs.map((a) => a.filename).sort()).toEqual(docs.map((d) => `${d.templateKey}-signed.pdf`).sort());
      for (const pdf of pdfs) {
        const sha = createHash('sha256').update(pdf.content).digest('hex');
        expect(docs.map((d) => d.finalSha256)).toContain(sha);
        expect(await verifySeal(pdf.content)).toBe('valid');
      }
    }

    // The outbox still lists every mail, the completion e-mails as sent.
    const outbox = await w.t.app.inject({ url: '/api/v1/admin/outbox?limit=100', headers: { cookie: w.admin } });
    expect(outbox.statusCode, outbox.body).toBe(200);
    const listed = outbox.json().items.filter((i: { subject: string }) => /^(Your signed offer from|Signed: )/.test(i.subject));
    expect(listed.map((i: { status: string }) => i.status)).toEqual(['sent', 'sent']);
  });
});
