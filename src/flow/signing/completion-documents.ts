/**
 * The completed document: the packet PDF with the adopted signatures drawn into its fields, the
 * certificate of completion after it, and the organisation's seal over all of it. Pure: the
 * caller reads the records and stores the result.
 */
import type { SignatureField } from '../documents/pdf-layout';
import { applySignatures, type AppliedSignature } from './apply-signatures';
import { appendAuditCertificate, type AuditEvent, type AuditSigner } from './audit-certificate';
import { sealPdf } from './seal';

export interface CompletionSigner extends AuditSigner {
  signer: 'candidate' | 'company';
  kind: 'typed' | 'drawn';
  drawnPng?: Buffer;
  signedAt: Date;
  /** The zone the caption under the signature is written in. */
  timeZone: string;
}

export interface CompletionInput {
  original: Buffer;
  originalSha256: string;
  fields: SignatureField[];
  documentId: string;
  documentTitle: string;
  organizationName: string;
  timeZone: string;
  signers: CompletionSigner[];
  events: AuditEvent[];
  consent: { version: string; sha256: string };
  seal: { p12: Buffer; passphrase: string };
  completedAt: Date;
}

export async function completeDocument(input: CompletionInput): Promise<Buffer> {
  // A document without a field for a signer (a notice) shows no signature of theirs; the
  // certificate of completion still records every signature of the offer.
  const applied: AppliedSignature[] = input.signers
    .filter((s) => input.fields.some((f) => f.signer === s.signer))
    .map((s) => ({ signer: s.signer, name: s.name, kind: s.kind, drawnPng: s.drawnPng, signedAt: s.signedAt, timeZone: s.timeZone }));
  const signed = applied.length ? await applySignatures(input.original, input.fields, applied) : input.original;
  const certified = await appendAuditCertificate(signed, {
    documentId: input.documentId,
    documentTitle: input.documentTitle,
    organizationName: input.organizationName,
    originalSha256: input.originalSha256,
    timeZone: input.timeZone,
    signers: input.signers.map(({ name, email, role, authentication, ipAddress, userAgent }) => ({ name, email, role, authentication, ipAddress, userAgent })),
    events: input.events,
    consent: input.consent,
  });
  return sealPdf(certified, {
    p12: input.seal.p12,
    passphrase: input.seal.passphrase,
    reason: 'Offer accepted and signed',
    location: 'Offerline',
    signingTime: input.completedAt,
  });
}

export interface AuditFacts {
  sent?: { at: Date; by?: string };
  opened?: Date;
  consented?: Date;
  candidate?: { name: string; at: Date; ipAddress?: string; userAgent?: string };
  company?: { name: string; at: Date; ipAddress?: string; userAgent?: string };
  completedAt: Date;
}

/** The certificate's event table, in the order things happened. */
export function auditEvents(f: AuditFacts): AuditEvent[] {
  const c = f.candidate;
  const events: AuditEvent[] = [];
  if (f.sent) events.push({ type: 'sent', at: f.sent.at, actor: f.sent.by });
  if (f.opened) events.push({ type: 'opened', at: f.opened, actor: c?.name });
  if (f.consented) events.push({ type: 'consented', at: f.consented, actor: c?.name, ipAddress: c?.ipAddress, userAgent: c?.userAgent });
  if (c) events.push({ type: 'signed', at: c.at, actor: c.name, ipAddress: c.ipAddress, userAgent: c.userAgent });
  if (f.company) events.push({ type: 'signed', at: f.company.at, actor: f.company.name, ipAddress: f.company.ipAddress, userAgent: f.company.userAgent });
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  events.push({ type: 'completed', at: f.completedAt, actor: 'Offerline' });
  return events;
}

/** How a signer proved who they were, in words for the certificate. */
export function describeAuthentication(authMethod: string, email: string): string {
  switch (authMethod) {
    case 'email_code':
      return `E-mail link and one-time code sent to ${email}`;
    case 'session':
      return 'Offerline sign-in (session)';
    case 'api_token':
      return 'Offerline sign-in (personal API token)';
    default:
      return authMethod;
  }
}
