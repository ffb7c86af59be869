import { hashJournalRow, type JournalLink } from '../core/journal';

export interface PendingEntry {
  type: string;
  data: Record<string, unknown>;
}

/** Extends an offer's chain by the given entries; pure, so the writer and tests share it. */
export function extendChain(
  head: { offerId: string; seq: number; hash: string },
  actorId: string | null,
  at: Date,
  entries: PendingEntry[],
): { links: JournalLink[]; head: { seq: number; hash: string } } {
  const links: JournalLink[] = [];
  let { seq, hash } = head;
  for (const e of entries) {
    seq += 1;
    const content = { offerId: head.offerId, seq, type: e.type, actorId, at: at.toISOString(), data: e.data };
    const next = hashJournalRow(hash, content);
    links.push({ ...content, prevHash: hash, hash: next });
    hash = next;
  }
  return { links, head: { seq, hash } };
}
