import { holdsOrgWide, type Actor } from '../../core/actor';
import { ForbiddenError, ValidationError } from '../../core/errors';
import type { Db } from '../../db/client';
import type { SigningSettings } from './signing-settings';
import { findActiveUser, findSigningSettings, saveSigningSettings } from './signing.repo';

export interface SigningSettingsView extends SigningSettings {
  signatory: { id: string; name: string; email: string } | null;
}

/** Who countersigns for the company and when, read and changed by organisation admins. */
export function createSigningSettingsAdmin({ db }: { db: Db }) {
  function requireAdmin(actor: Actor): void {
    if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only organisation admins change how offers are signed.');
  }

  async function view(orgId: string, settings: SigningSettings): Promise<SigningSettingsView> {
    const user = settings.signatoryUserId ? await findActiveUser(db, orgId, settings.signatoryUserId) : null;
    return { ...settings, signatory: user ? { id: user.id, name: user.name, email: user.email } : null };
  }

  async function get(actor: Actor): Promise<SigningSettingsView> {
    requireAdmin(actor);
    return view(actor.orgId, await findSigningSettings(db, actor.orgId));
  }

  async function put(actor: Actor, settings: SigningSettings): Promise<SigningSettingsView> {
    requireAdmin(actor);
    if (settings.signatoryUserId && !(await findActiveUser(db, actor.orgId, settings.signatoryUserId))) {
      throw new ValidationError([{ field: 'signatoryUserId', message: `is not an active user of your organisation ("${settings.signatoryUserId}")` }]);
    }
    await saveSigningSettings(db, actor.orgId, settings);
    return view(actor.orgId, settings);
  }

  return { get, put };
}
