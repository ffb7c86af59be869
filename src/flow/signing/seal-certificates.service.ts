import { randomUUID } from 'node:crypto';
import { holdsOrgWide, type Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import type { Db } from '../../db/client';
import { generateSealCertificate, readP12 } from './org-certificate';
import { findActiveSealCertificate, insertActiveIfNone, listOrganizationsWithoutSeal, organizationName, replaceActive, type SealCertificateRow } from './seal-certificates.repo';

/**
 * Each organisation's document-seal certificate: generated (self-signed) when it has none, and
 * replaced by an admin with one from a certificate authority. The key and its passphrase never
 * leave the server: the API shows the subject, fingerprint, expiry and where it came from.
 */
export interface SealCertificateView {
  subject: string;
  fingerprintSha256: string;
  notAfter: string;
  source: 'generated' | 'uploaded';
  createdAt: string;
}

export const toView = (row: SealCertificateRow): SealCertificateView => ({
  subject: row.subject,
  fingerprintSha256: row.fingerprintSha256,
  notAfter: row.notAfter.toISOString(),
  source: row.source as SealCertificateView['source'],
  createdAt: row.createdAt.toISOString(),
});

/** The active certificate, generating a self-signed one first when the organisation has none. */
export async function ensureSealCertificate(db: Db, clock: Clock, orgId: string, knownName?: string): Promise<SealCertificateRow> {
  const active = await findActiveSealCertificate(db, orgId);
  if (active) return active;
  const name = knownName ?? (await organizationName(db, orgId));
  if (name === null) throw new NotFoundError('organisation', orgId);
  const now = clock.now();
  const cert = generateSealCertificate({ organizationName: name, now });
  const info = readP12(cert.p12, cert.passphrase);
  // Another process may have generated one meanwhile: then its row wins and this one is dropped.
  await insertActiveIfNone(db, {
    id: randomUUID(),
    orgId,
    p12: cert.p12.toString('base64'),
    passphrase: cert.passphrase,
    subject: info.commonName,
    fingerprintSha256: info.fingerprintSha256,
    notAfter: info.notAfter,
    source: 'generated',
    createdAt: now,
  });
  return (await findActiveSealCertificate(db, orgId))!;
}

/** At server start: every organisation without a certificate gets a generated one. */
export async function ensureAllSealCertificates(db: Db, clock: Clock): Promise<number> {
  const missing = await listOrganizationsWithoutSeal(db);
  for (const org of missing) await ensureSealCertificate(db, clock, org.id, org.name);
  return missing.length;
}

function requireAdmin(actor: Actor): void {
  if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only organisation admins manage the document seal certificate.');
}

export function createSealCertificateAdmin({ db, clock }: { db: Db; clock: Clock }) {
  async function get(actor: Actor): Promise<SealCertificateView> {
    requireAdmin(actor);
    return toView(await ensureSealCertificate(db, clock, actor.orgId));
  }

  /** Replaces the active certificate with an uploaded PKCS#12, opened here exactly as the sealer will. */
  async function replace(actor: Actor, input: { p12Base64: string; passphrase: string }): Promise<SealCertificateView> {
    requireAdmin(actor);
    const b64 = input.p12Base64.replace(/\s+/g, '');
    if (b64 === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new ValidationError([{ field: 'p12Base64', message: 'must be the .p12 / .pfx file in base64' }]);
    const p12 = Buffer.from(b64, 'base64');
    let info;
    try {
      info = readP12(p12, input.passphrase);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const field = /passphrase is wrong/.test(message) ? 'passphrase' : 'p12Base64';
      throw new ValidationError([{ field, message: message.replace(/^The certificate file /, 'the certificate file ') }], message);
    }
    const now = clock.now();
    if (info.notAfter <= now) throw new ValidationError([{ field: 'p12Base64', message: `the certificate expired on ${info.notAfter.toISOString().slice(0, 10)}` }]);
    await db.transaction((tx) =>
      replaceActive(
        tx,
        {
          id: randomUUID(),
          orgId: actor.orgId,
          p12: p12.toString('base64'),
          passphrase: input.passphrase,
          subject: info.commonName,
          fingerprintSha256: info.fingerprintSha256,
          notAfter: info.notAfter,
          source: 'uploaded',
          createdAt: now,
        },
        now,
      ),
    );
    return toView((await findActiveSealCertificate(db, actor.orgId))!);
  }

  return { get, replace };
}
