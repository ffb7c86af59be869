import { and, asc, eq, isNotNull, isNull, min } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidateLinks, candidates, offerSignatures, organizations, signedDocuments, users } from '../../db/schema';
import { readSigningSettings, type SigningSettings } from './signing-settings';

export type OfferSignatureRow = typeof offerSignatures.$inferSelect;
export type SignedDocumentRow = typeof signedDocuments.$inferSelect;

export async function findSigningSettings(db: Db, orgId: string): Promise<SigningSettings> {
  const [row] = await db.select({ signing: organizations.signing }).from(organizations).where(eq(organizations.id, orgId));
  return readSigningSettings(row?.signing);
}

export async function saveSigningSettings(db: Db, orgId: string, settings: SigningSettings): Promise<void> {
  await db.update(organizations).set({ signing: settings }).where(eq(organizations.id, orgId));
}

export interface SignerUser {
  id: string;
  name: string;
  email: string;
  timeZone: string;
}

/** A user of the organisation who may still sign in (not disabled). */
export async function findActiveUser(db: Db, orgId: string, id: string): Promise<SignerUser | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id), isNull(users.disabledAt)));
  return row ?? null;
}

/** Any user of the organisation, disabled or not (people named on records stay named). */
export async function findUser(db: Db, orgId: string, id: string): Promise<SignerUser | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row ?? null;
}

export async function listSignatures(db: Db, orgId: string, offerId: string): Promise<OfferSignatureRow[]> {
  return db
    .select()
    .from(offerSignatures)
    .where(and(eq(offerSignatures.orgId, orgId), eq(offerSignatures.offerId, offerId)))
    .orderBy(asc(offerSignatures.signedAt));
}

export async function insertSignature(tx: Db, row: typeof offerSignatures.$inferInsert): Promise<void> {
  await tx.insert(offerSignatures).values(row);
}

export async function listSignedDocuments(db: Db, orgId: string, offerId: string): Promise<SignedDocumentRow[]> {
  return db
    .select()
    .from(signedDocuments)
    .where(and(eq(signedDocuments.orgId, orgId), eq(signedDocuments.offerId, offerId)))
    .orderBy(asc(signedDocuments.versionNumber), asc(signedDocuments.templateKey));
}

/** Append-only: a document completed by an earlier (interrupted) run is kept as it was. */
export async function insertSignedDocument(db: Db, row: typeof signedDocuments.$inferInsert): Promise<void> {
  await db.insert(signedDocuments).values(row).onConflictDoNothing();
}

export async function findCandidateContact(db: Db, orgId: string, id: string): Promise<{ firstName: string; lastName: string; email: string } | null> {
  const [row] = await db
    .select({ firstName: candidates.firstName, lastName: candidates.lastName, email: candidates.email })
    .from(candidates)
    .where(and(eq(candidates.orgId, orgId), eq(candidates.id, id)));
  return row ?? null;
}

/** When the candidate first opened a link to this version (there may be several links). */
export async function firstOpenedAt(db: Db, orgId: string, offerId: string, version: number): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(candidateLinks.firstOpenedAt) })
    .from(candidateLinks)
    .where(and(eq(candidateLinks.orgId, orgId), eq(candidateLinks.offerId, offerId), eq(candidateLinks.versionNumber, version), isNotNull(candidateLinks.firstOpenedAt)));
  return row?.at ? new Date(row.at) : null;
}
