import { offerAccessMap } from '../../core/access/access-map';
import { offerFields } from '../../core/access/offer-fields';
import { roles, type Role } from '../../core/roles';
import { policyFields } from '../policy/policy-fields';

/**
 * How custom fields sit beside the built-in ones: which roles read pay (a sensitive field is
 * treated like compensation), which roles write offers, and which keys a custom field may not
 * take because a built-in field already answers to that name.
 */

/** Roles the access map lets read base pay: the only readers a sensitive custom field may have. */
export const payReaderRoles: readonly Role[] = roles.filter((r) => offerAccessMap[r].read.includes('terms.compensation.baseSalaryCents'));

/** Roles that set offer terms; only they can fill in a custom field. */
export const offerWriterRoles: readonly Role[] = roles.filter((r) => offerAccessMap[r].write.some((f) => f.startsWith('terms.')));

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Words that name built-in data or the path of custom fields themselves. */
const reservedKeys = ['custom', 'terms', 'facts', 'offer', 'offers', 'candidate', 'requisition', 'journal', 'version'];

/** Every built-in name a key could be mistaken for, mapped to the built-in field it belongs to. */
export const builtinNames: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>();
  const add = (name: string, path: string) => {
    if (!names.has(name)) names.set(name, path);
  };
  const paths = [...offerFields.map((f) => f.replace(/^terms\./, '')), ...policyFields.filter((f) => f.coverable).map((f) => f.path)];
  for (const path of paths) {
    for (const segment of path.split('.')) {
      const s = snake(segment);
      add(s, path);
      // base_salary_cents is also base_salary; department_id is also department.
      const bare = s.replace(/_(cents|id|percent)$/, '');
      if (bare !== s) add(bare, path);
    }
  }
  for (const word of reservedKeys) add(word, word);
  return names;
})();
