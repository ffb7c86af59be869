import { eq } from 'drizzle-orm';
import { holdsOrgWide, type Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ForbiddenError, ValidationError } from '../../core/errors';
import type { Db } from '../../db/client';
import { organizations } from '../../db/schema';
import type { ObjectStore } from '../../storage/object-store';
import { recordStoredObject } from './library.repo';
import { defaultLetterhead, type Letterhead } from './merge-input.repo';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The organisation's letterhead, logo and company signatory, printed on every document. */
export function createLetterheadService({ db, clock, store }: { db: Db; clock: Clock; store: ObjectStore }) {
  async function get(actor: Actor): Promise<Letterhead & { organizationName: string; hasLogo: boolean }> {
    const [org] = await db.select().from(organizations).where(eq(organizations.id, actor.orgId));
    const letterhead = { ...defaultLetterhead(org!.name), ...((org!.letterhead as Partial<Letterhead> | null) ?? {}) };
    return { ...letterhead, organizationName: org!.name, hasLogo: !!letterhead.logoSha256 };
  }

  async function save(actor: Actor, input: { addressLines: string[]; signatoryName: string; signatoryTitle: string; logoPng?: Buffer | null }) {
    if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only organisation admins change the letterhead.');
    const current = await get(actor);
    let logoSha256 = current.logoSha256;
    if (input.logoPng === null) logoSha256 = undefined;
    if (input.logoPng) {
      if (!input.logoPng.subarray(0, 8).equals(PNG_SIGNATURE)) throw new ValidationError([{ field: 'logoPngBase64', message: 'must be a PNG image' }]);
      const stored = await store.put(input.logoPng);
      await recordStoredObject(db, { sha256: stored.sha256, size: stored.size, mediaType: 'image/png', createdAt: clock.now() });
      logoSha256 = stored.sha256;
    }
    const letterhead: Letterhead = { addressLines: input.addressLines, signatoryName: input.signatoryName, signatoryTitle: input.signatoryTitle, ...(logoSha256 ? { logoSha256 } : {}) };
    await db.update(organizations).set({ letterhead }).where(eq(organizations.id, actor.orgId));
    return get(actor);
  }

  return { get, save };
}

export type LetterheadService = ReturnType<typeof createLetterheadService>;
