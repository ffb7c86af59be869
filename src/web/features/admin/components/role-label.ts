import { tOr } from '../../../i18n/t';
import '../../../i18n/shared.en';
import { humanize } from '../../../lib/labels';
import { roles } from '../../../../core/roles';

export const roleLabel = (role: string) => tOr(`role.${role}`, humanize(role));

export const roleOptions = roles.map((r) => ({ value: r, label: roleLabel(r) }));

/** "Finance · Engineering", or the role alone when it holds across the organisation. */
export function grantLabel(g: { role: string; businessUnitName: string | null }): string {
  return g.businessUnitName ? `${roleLabel(g.role)} · ${g.businessUnitName}` : roleLabel(g.role);
}
