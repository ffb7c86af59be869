import { createOrgFixture, validTerms, type OrgFixture } from '../test/helpers/factories';
import type { Db } from '../src/db/client';

export interface BenchOrg {
  fx: OrgFixture;
  /** Body for POST /api/v1/offers; the bare route gets the same bytes so parsing costs match. */
  createBody: string;
}

/** One organisation, reusing the test factories so the bench sends what the tests send. */
export async function createBenchOrg(db: Db): Promise<BenchOrg> {
  const fx = await createOrgFixture(db, 'bench');
  const createBody = JSON.stringify({ candidateId: fx.candidateId, requisitionId: fx.requisitionId, terms: validTerms(fx, new Date()) });
  return { fx, createBody };
}
