import { ConflictError } from '../../core/errors';

/**
 * Only the packet of the offer's current, approved version may reach a candidate. Sending
 * (the candidate portal) calls this inside its transaction, on the locked offer row.
 */
export function assertSendable(offer: { status: string; currentVersion: number }, packet: { versionNumber: number } | null): void {
  if (!packet) throw new ConflictError('This offer has no packet yet; it is generated when the version is ready.');
  if (packet.versionNumber !== offer.currentVersion) {
    throw new ConflictError(
      `The packet is for version ${packet.versionNumber}, which version ${offer.currentVersion} has replaced; only the current version's packet can be sent.`,
    );
  }
  if (offer.status !== 'approved') {
    throw new ConflictError(`Only an approved offer's packet can be sent; this offer is "${offer.status}".`);
  }
}
