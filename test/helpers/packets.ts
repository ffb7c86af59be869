import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Clock } from '../../src/core/clock';
import type { Db } from '../../src/db/client';
import { createLibraryService } from '../../src/flow/documents/library.service';
import { installSampleLibrary } from '../../src/flow/documents/sample-library';
import type { ObjectStore } from '../../src/storage/object-store';
import type { OrgFixture } from './factories';

/** Installs the sample templates, clauses and rules in the fixture's organisation, as its admin. */
export async function installLibrary(db: Db, clock: Clock, store: ObjectStore, fx: OrgFixture) {
  const admin = { userId: fx.users.admin.id, orgId: fx.orgId, roles: [{ role: 'admin' as const, businessUnitId: null }] };
  await installSampleLibrary(createLibraryService({ db, clock, store }), admin);
}

export interface PacketListing {
  versionNumber: number;
  documents: { templateKey: string; sha256: string; mediaType: string; ruleDescription: string; name: string }[];
}

export async function packetsOf(app: FastifyInstance, cookie: string, offerId: string): Promise<PacketListing[]> {
  const res = await app.inject({ url: `/api/v1/offers/${offerId}/packets`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Downloads one document and extracts its text with poppler's pdftotext, as a reader would see it. */
export async function pdfText(app: FastifyInstance, cookie: string, offerId: string, version: number, sha256: string): Promise<string> {
  const res = await app.inject({ url: `/api/v1/offers/${offerId}/packets/${version}/documents/${sha256}`, headers: { cookie } });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'offerline-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, res.rawPayload);
    // Joined into single spaces: layout may wrap a sentence anywhere.
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
