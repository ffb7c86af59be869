import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { businessUnits, candidates, compBands, departments, requisitions, users } from '../db/schema';
import { BATCH_ROWS, bandKey, type RequisitionLookups, type ResolvedRequisition, type Row } from './csv-check';
import type { ImportKind } from './csv-columns';

/**
 * Writing checked import rows: the organisation's existing data is read once (to update rows
 * that match by key, and for the requisition lookups), then the rows are upserted in batches
 * of BATCH_ROWS rows per statement.
 */
export interface ImportWriter {
  /** What the requisition row rules look references up in; undefined for the other kinds. */
  lookups?: RequisitionLookups;
  /** Upserts one batch of good rows; `resolved` holds the requisitions' references by line. */
  writeBatch(tx: Db, rows: Row[], header: string[], resolved: ReadonlyMap<number, ResolvedRequisition>): Promise<void>;
}

const has = (header: string[], col: string) => header.includes(col);
const excluded = (column: string) => sql.raw(`excluded.${column}`);

/** Upserts all good rows in batches, reporting the count written after each. */
export async function writeRows(tx: Db, writer: ImportWriter, good: Row[], header: string[], resolved: ReadonlyMap<number, ResolvedRequisition>, progress: (written: number) => void) {
  for (let i = 0; i < good.length; i += BATCH_ROWS) {
    await writer.writeBatch(tx, good.slice(i, i + BATCH_ROWS), header, resolved);
    progress(Math.min(i + BATCH_ROWS, good.length));
  }
}

/** Reads what the organisation already holds for `kind` and returns the writer of its rows. */
export async function importWriter(db: Db, orgId: string, kind: ImportKind): Promise<ImportWriter> {
  if (kind === 'candidates') {
    const existing = new Map(
      (await db.select({ id: candidates.id, email: sql<string>`lower(${candidates.email})` }).from(candidates).where(eq(candidates.orgId, orgId))).map((r) => [r.email, r.id]),
    );
    return {
      writeBatch: async (tx, rows, header) => {
        const set: Record<string, unknown> = { firstName: excluded('first_name'), lastName: excluded('last_name') };
        if (has(header, 'phone')) set.phone = excluded('phone');
        if (has(header, 'city')) set.city = excluded('city');
        if (has(header, 'state')) set.state = excluded('state');
        await tx
          .insert(candidates)
          .values(
            rows.map((r) => ({
              id: existing.get(r.email as string) ?? randomUUID(),
              orgId,
              email: r.email as string,
              firstName: r.first_name as string,
              lastName: r.last_name as string,
              phone: (r.phone as string | undefined) ?? null,
              city: (r.city as string | undefined) ?? null,
              state: (r.state as string | undefined) ?? null,
            })),
          )
          .onConflictDoUpdate({ target: candidates.id, set });
      },
    };
  }

  if (kind === 'comp_bands') {
    const existing = new Map((await db.select().from(compBands).where(eq(compBands.orgId, orgId))).map((b) => [bandKey(b.level, b.zone, b.currency), b.id]));
    return {
      writeBatch: async (tx, rows) => {
        await tx
          .insert(compBands)
          .values(
            rows.map((r) => ({
              id: existing.get(bandKey(r.level as string, r.zone as string, r.currency as string)) ?? randomUUID(),
              orgId,
              level: r.level as string,
              zone: r.zone as string,
              currency: r.currency as string,
              minCents: r.min as number,
              midCents: r.mid as number,
              maxCents: r.max as number,
            })),
          )
          .onConflictDoUpdate({ target: compBands.id, set: { minCents: excluded('min_cents'), midCents: excluded('mid_cents'), maxCents: excluded('max_cents') } });
      },
    };
  }

  // requisitions
  const units = await db.select().from(businessUnits).where(eq(businessUnits.orgId, orgId));
  const depts = await db.select().from(departments).where(eq(departments.orgId, orgId));
  const people = new Map(
    (await db.select({ id: users.id, email: sql<string>`lower(${users.email})` }).from(users).where(eq(users.orgId, orgId))).map((u) => [u.email, u.id]),
  );
  const existing = new Map((await db.select({ id: requisitions.id, code: requisitions.code }).from(requisitions).where(eq(requisitions.orgId, orgId))).map((r) => [r.code, r.id]));
  return {
    lookups: { unitIdByName: new Map(units.map((u) => [u.name.toLowerCase(), u.id])), departments: depts, userIdByEmail: people },
    writeBatch: async (tx, rows, header, resolved) => {
      const set: Record<string, unknown> = {
        departmentId: excluded('department_id'),
        title: excluded('title'),
        level: excluded('level'),
        locationCity: excluded('location_city'),
        locationState: excluded('location_state'),
        locationZone: excluded('location_zone'),
        employmentType: excluded('employment_type'),
        flsaStatus: excluded('flsa_status'),
        currency: excluded('currency'),
      };
      if (has(header, 'remote')) set.remote = excluded('remote');
      if (has(header, 'hiring_manager_email')) set.hiringManagerId = excluded('hiring_manager_id');
      if (has(header, 'role_family')) set.roleFamily = excluded('role_family');
      if (has(header, 'status')) set.status = excluded('status');
      await tx
        .insert(requisitions)
        .values(
          rows.map((r) => {
            const ref = resolved.get(r.line)!;
            return {
              id: existing.get(r.code as string) ?? randomUUID(),
              orgId,
              departmentId: ref.departmentId,
              code: r.code as string,
              title: r.title as string,
              level: r.level as string,
              locationCity: r.location_city as string,
              locationState: r.location_state as string,
              locationZone: r.location_zone as string,
              remote: (r.remote as boolean | null | undefined) ?? false,
              employmentType: r.employment_type as string,
              flsaStatus: r.flsa_status as string,
              hiringManagerId: ref.hiringManagerId,
              roleFamily: (r.role_family as string | null | undefined) ?? null,
              currency: r.currency as string,
              status: (r.status as string | null | undefined) ?? 'open',
            };
          }),
        )
        .onConflictDoUpdate({ target: requisitions.id, set });
    },
  };
}
