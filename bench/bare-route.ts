import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Database } from '../src/db/client';

/**
 * A baseline route: same Fastify instance, same engine and driver, same request
 * body, but one INSERT and nothing else (no session lookup, no schema
 * validation, no journal). The gap between it and the offer routes is the cost
 * of what the product does on top of "HTTP + one write".
 */
export const benchBareOffers = pgTable(
  'bench_bare_offers',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    status: text('status').notNull(),
    title: text('title').notNull(),
    candidateName: text('candidate_name').notNull(),
    startDate: text('start_date').notNull(),
    draftTerms: jsonb('draft_terms'),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('bench_bare_offers_org_updated_idx').on(t.orgId, t.updatedAt, t.id)],
);

// Kept out of the migrations on purpose: the table exists only in bench databases.
const createTableSql = `
  CREATE TABLE bench_bare_offers (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL,
    status text NOT NULL,
    title text NOT NULL,
    candidate_name text NOT NULL,
    start_date text NOT NULL,
    draft_terms jsonb,
    row_version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE INDEX bench_bare_offers_org_updated_idx ON bench_bare_offers (org_id, updated_at, id);
`;

export async function createBareTable(database: Database): Promise<void> {
  await database.exec(createTableSql);
}

interface BareBody {
  terms: { title: string; startDate: string };
}

export function registerBareRoute(app: FastifyInstance, database: Database, orgId: string): void {
  app.post('/bench/bare', async (req, reply) => {
    // No validation on purpose: the baseline measures HTTP + JSON parse + one insert.
    const body = req.body as BareBody;
    const now = new Date();
    const [row] = await database.db
      .insert(benchBareOffers)
      .values({
        id: randomUUID(),
        orgId,
        status: 'draft',
        title: body.terms.title,
        candidateName: 'Ada Lovelace',
        startDate: body.terms.startDate,
        draftTerms: body.terms,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: benchBareOffers.id });
    reply.code(201);
    return row;
  });
}
