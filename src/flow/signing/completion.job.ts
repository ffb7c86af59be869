import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock';
import { transition, type OfferStatus } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import type { JobHandler } from '../../jobs/worker';
import { listJournalRows } from '../../journal/journal.repo';
import { notifyUser } from '../../notify/notifications.service';
import { queueEmail } from '../../notify/outbox';
import { transitionEntry } from '../../offers/offer-events.service';
import { startOnboardingOnMove } from '../handoff/onboarding-start';
import { writeOffer } from '../../offers/offer-writer';
import { findOffer } from '../../offers/offers.repo';
import type { ObjectStore } from '../../storage/object-store';
import { recordStoredObject } from '../documents/library.repo';
import { findPacket } from '../documents/packets.repo';
import type { SignatureField } from '../documents/pdf-layout';
import { isComplete } from './completion-trigger';
import { auditEvents, completeDocument, describeAuthentication, type CompletionSigner } from './completion-documents';
import { ensureSealCertificate } from './seal-certificates.service';
import { organizationName } from './seal-certificates.repo';
import { findCandidateContact, findUser, firstOpenedAt, insertSignedDocument, listSignatures, listSignedDocuments, type OfferSignatureRow } from './signing.repo';

/**
 * The 'offer.complete' job: once every signature of a version is in, each PDF of its packet gets
 * the signatures, the certificate of completion and the seal; the sealed files are stored and
 * recorded, e-mailed to the candidate and the recruiter, and the offer moves signed → accepted.
 *
 * Idempotent: an offer no longer signed at this version is left alone, and documents sealed by an
 * interrupted earlier run are reused rather than sealed again. A throw makes the queue retry.
 */
export function offerCompletionHandler({ db, clock, store, smtpConfigured }: { db: Db; clock: Clock; store: ObjectStore; smtpConfigured: boolean }): JobHandler {
  return async (job) => {
    const orgId = String(job.orgId ?? '');
    const offerId = String(job.payload?.offerId ?? '');
    const version = Number(job.payload?.version);
    const offer = await findOffer(db, orgId, offerId);
    if (!offer || offer.status !== 'signed' || offer.currentVersion !== version) return;
    const signatures = (await listSignatures(db, orgId, offerId)).filter((s) => s.versionNumber === version);
    const candidateSig = signatures.find((s) => s.signer === 'candidate');
    const companySig = signatures.find((s) => s.signer === 'company');
    // What was required when the job was queued: a signatory named since does not hold it back.
    if (!candidateSig || !isComplete(new Set(signatures.map((s) => s.signer)), job.payload?.withCompany === true)) return;

    const [orgName, candidate, recruiter, packet, cert, journal, opened] = await Promise.all([
      organizationName(db, orgId),
      findCandidateContact(db, orgId, offer.candidateId),
      findUser(db, orgId, offer.recruiterId),
      findPacket(db, orgId, offerId, version),
      ensureSealCertificate(db, clock, orgId),
      listJournalRows(db, orgId, offerId),
      firstOpenedAt(db, orgId, offerId, version),
    ]);
    const companyUser = companySig?.userId ? await findUser(db, orgId, companySig.userId) : null;
    const timeZone = recruiter?.timeZone ?? 'America/New_York';
    const existing = (await listSignedDocuments(db, orgId, offerId)).filter((d) => d.versionNumber === version);
    const completedAt = existing[0]?.completedAt ?? clock.now();

    const entry = (type: string) => journal.filter((e) => e.type === type && e.data.version === version);
    const sent = entry('offer.sent').at(-1);
    const sender = sent?.actorId ? await findUser(db, orgId, sent.actorId) : null;
    const viewed = entry('offer.viewed')[0];
    const consented = entry('offer.consented').at(-1);
    const candidateSigned = entry('offer.signed').at(-1);
    const countersigned = entry('offer.countersigned').at(-1);

    const signerOf = async (sig: OfferSignatureRow, email: string, role: string, tz: string): Promise<CompletionSigner> => ({
      signer: sig.signer as CompletionSigner['signer'],
      name: sig.signerName,
      email,
      role,
      authentication: describeAuthentication(sig.authMethod, email),
      ipAddress: sig.ipAddress ?? undefined,
      userAgent: sig.userAgent ?? undefined,
      kind: sig.kind as CompletionSigner['kind'],
      drawnPng: sig.drawnSha256 ? (await store.get(sig.drawnSha256)) ?? undefined : undefined,
      signedAt: sig.signedAt,
      timeZone: tz,
    });
    const signers = [await signerOf(candidateSig, candidate!.email, 'Candidate', timeZone)];
    if (companySig) signers.push(await signerOf(companySig, companyUser?.email ?? '', 'Company signatory', companyUser?.timeZone ?? timeZone));
    const events = auditEvents({
      sent: sent && { at: new Date(sent.at), by: sender ? `${sender.name} (recruiter)` : undefined },
      opened: opened ?? (viewed ? new Date(viewed.at) : undefined),
      consented: consented ? new Date(consented.at) : undefined,
      candidate: { name: candidateSig.signerName, at: candidateSigned ? new Date(candidateSigned.at) : candidateSig.signedAt, ipAddress: candidateSig.ipAddress ?? undefined, userAgent: candidateSig.userAgent ?? undefined },
      company: companySig && { name: companySig.signerName, at: countersigned ? new Date(countersigned.at) : companySig.signedAt, ipAddress: companySig.ipAddress ?? undefined, userAgent: companySig.userAgent ?? undefined },
      completedAt,
    });

    const documents: { templateKey: string; name: string; originalSha256: string; finalSha256: string }[] = [];
    for (const doc of packet?.documents ?? []) {
      if (doc.mediaType !== 'application/pdf') continue;
      const done = existing.find((d) => d.templateKey === doc.templateKey);
      if (done) {
        documents.push({ templateKey: doc.templateKey, name: doc.name, originalSha256: done.originalSha256, finalSha256: done.finalSha256 });
        continue;
      }
      const original = await store.get(doc.sha256);
      if (!original) throw new Error(`The packet document ${doc.sha256} (${doc.templateKey}) is missing from the object store.`);
      const id = randomUUID();
      const final = await completeDocument({
        original,
        originalSha256: doc.sha256,
        fields: doc.signatureFields as SignatureField[],
        documentId: id,
        documentTitle: doc.name,
        organizationName: orgName ?? '',
        timeZone,
        signers,
        events,
        consent: { version: candidateSig.consentVersion ?? '', sha256: candidateSig.consentSha256 ?? '' },
        seal: { p12: Buffer.from(cert.p12, 'base64'), passphrase: cert.passphrase },
        completedAt,
      });
      const stored = await store.put(final);
      await recordStoredObject(db, { sha256: stored.sha256, size: stored.size, mediaType: 'application/pdf', createdAt: clock.now() });
      await insertSignedDocument(db, { id, orgId, offerId, versionNumber: version, templateKey: doc.templateKey, name: doc.name, originalSha256: doc.sha256, finalSha256: stored.sha256, completedAt });
      documents.push({ templateKey: doc.templateKey, name: doc.name, originalSha256: doc.sha256, finalSha256: stored.sha256 });
    }

    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId, offerId, actorId: null }, async (current) => {
        if (current.status !== 'signed' || current.currentVersion !== version) return { set: {}, entries: [] };
        const moved = transition(current.status as OfferStatus, 'complete');
        if (!moved.ok) return { set: {}, entries: [] };
        const now = clock.now();
        const attachments = documents.map((d) => ({ filename: `${d.templateKey}-signed.pdf`, sha256: d.finalSha256, contentType: 'application/pdf' }));
        const list = documents.map((d) => `- ${d.name}`).join('\n');
        await queueEmail(
          tx,
          {
            orgId,
            to: candidate!.email,
            subject: `Your signed offer from ${orgName}`,
            text: `Hello ${candidate!.firstName},\n\nEveryone has signed your offer for the position of ${current.title}. The signed documents are attached:\n${list}\n\nEach PDF is sealed by ${orgName}; a PDF reader shows the seal and whether the file was changed after signing. Keep this e-mail for your records.`,
            attachments,
          },
          { smtpConfigured, now },
        );
        if (recruiter) {
          await queueEmail(
            tx,
            { orgId, to: recruiter.email, subject: `Signed: ${current.title} for ${current.candidateName}`, text: `${current.candidateName}'s offer (version ${version}) is signed by everyone and accepted. The sealed documents are attached:\n${list}`, attachments },
            { smtpConfigured, now },
          );
          await notifyUser(tx, { orgId, userId: recruiter.id, offerId, kind: 'offer.completed', title: `${current.candidateName} accepted ${current.title}`, body: 'Every signature is in. The sealed documents were e-mailed to the candidate and to you.', now });
        }
        // The start_onboarding effect: contingencies and onboarding tasks, in this transaction.
        const onboarding = await startOnboardingOnMove(clock)(tx, current, moved);
        return { set: { status: moved.to }, entries: [{ type: 'offer.completed', data: { version, documents } }, transitionEntry('complete', moved), ...onboarding] };
      }),
    );
  };
}
