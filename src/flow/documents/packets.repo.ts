import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { packets } from '../../db/schema';
import type { DocBlock } from './document-model';

/** One document of a packet, as recorded: what it is, which rule chose it, and where its bytes are. */
export interface PacketDocument {
  templateKey: string;
  templateVersion: number;
  name: string;
  kind: string;
  ruleId: string;
  ruleDescription: string;
  sha256: string;
  size: number;
  mediaType: string;
  text: string;
  blocks: DocBlock[] | null;
  signatureFields: unknown[];
}

export type PacketRow = Omit<typeof packets.$inferSelect, 'documents'> & { documents: PacketDocument[] };

export async function insertPacket(tx: Db, row: typeof packets.$inferInsert): Promise<void> {
  await tx.insert(packets).values(row);
}

export async function findPacket(db: Db, orgId: string, offerId: string, versionNumber: number): Promise<PacketRow | null> {
  const [row] = await db
    .select()
    .from(packets)
    .where(and(eq(packets.orgId, orgId), eq(packets.offerId, offerId), eq(packets.versionNumber, versionNumber)));
  return (row as PacketRow | undefined) ?? null;
}

export async function listPackets(db: Db, orgId: string, offerId: string): Promise<PacketRow[]> {
  return (await db
    .select()
    .from(packets)
    .where(and(eq(packets.orgId, orgId), eq(packets.offerId, offerId)))
    .orderBy(asc(packets.versionNumber))) as PacketRow[];
}
