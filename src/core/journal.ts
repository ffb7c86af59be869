import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * Journal rows are chained per offer: each hash covers the previous row's hash
 * and the row's own canonical content, so an edit, a deletion or a reordering
 * breaks the chain at a point `verifyChain` can name.
 */
export const journalEventTypes = [
  'offer.created',
  'offer.draft_updated',
  'offer.transitioned',
  'offer.version_created',
] as const;
export type JournalEventType = (typeof journalEventTypes)[number];

export const GENESIS_HASH = '0'.repeat(64);

export interface JournalContent {
  offerId: string;
  seq: number;
  type: string;
  actorId: string | null;
  /** UTC instant, ISO 8601 with milliseconds. */
  at: string;
  data: Record<string, unknown>;
}

export interface JournalLink extends JournalContent {
  prevHash: string;
  hash: string;
}

export function hashJournalRow(prevHash: string, content: JournalContent): string {
  const body = canonicalJson({
    offerId: content.offerId,
    seq: content.seq,
    type: content.type,
    actorId: content.actorId,
    at: content.at,
    data: content.data,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type ChainVerdict =
  | { ok: true; length: number; headHash: string }
  | { ok: false; length: number; brokenAtSeq: number; reason: string };

/**
 * Checks rows in stored order against the head the offer row records.
 * `expectedHead` catches a deleted tail, which no chain can see by itself.
 */
export function verifyChain(
  rows: JournalLink[],
  expectedHead: { seq: number; hash: string },
): ChainVerdict {
  let prev = GENESIS_HASH;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const expectedSeq = i + 1;
    const broken = (reason: string): ChainVerdict => ({ ok: false, length: rows.length, brokenAtSeq: expectedSeq, reason });
    if (row.seq !== expectedSeq) return broken(`expected entry ${expectedSeq}, found entry ${row.seq} (a row is missing or out of order)`);
    if (row.prevHash !== prev) return broken(`entry ${expectedSeq} does not point at the hash of entry ${expectedSeq - 1}`);
    if (hashJournalRow(prev, row) !== row.hash) return broken(`entry ${expectedSeq} was changed after it was written`);
    prev = row.hash;
  }
  if (rows.length !== expectedHead.seq || prev !== expectedHead.hash) {
    return {
      ok: false,
      length: rows.length,
      // A missing or extra tail breaks at the first entry past the shorter side; a rewritten
      // chain of the right length breaks at its last entry, which is not the recorded head.
      brokenAtSeq: rows.length === expectedHead.seq ? rows.length : Math.min(rows.length, expectedHead.seq) + 1,
      reason: `the offer records ${expectedHead.seq} entries ending in ${expectedHead.hash.slice(0, 12)}…, the journal holds ${rows.length}`,
    };
  }
  return { ok: true, length: rows.length, headHash: prev };
}
