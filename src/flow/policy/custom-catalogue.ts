import type { FieldDefinition } from '../fields/field-definition.schema';
import { payReaderRoles } from '../fields/field-access';
import type { FieldType } from './policy-fields';
import type { CustomFieldSnapshot } from './custom-fields';

/**
 * The custom fields a policy may name, built from the organisation's definitions for the scope
 * the policy routes. Pure: the policy service loads the definitions.
 *
 * - A business unit's policy routes that unit's offers: organisation-wide fields and the unit's own.
 * - The organisation policy routes the offers of every unit without a policy of its own, so it
 *   may name any unit's field too (offers of other units simply have no value for it). Two units
 *   may each define the same key; the policy can name it only when both are the same kind of field,
 *   and then a select's values are those of either.
 */

export interface ScopedDefinition {
  key: string;
  businessUnitId: string | null;
  retired: boolean;
  definition: FieldDefinition;
}

export type CustomCatalogueEntry =
  | { status: 'ok'; field: CustomFieldSnapshot }
  | { status: 'retired'; label: string }
  | { status: 'conflict'; types: string[] };

export type CustomCatalogue = ReadonlyMap<string, CustomCatalogueEntry>;

/** How conditions test each kind of custom field (docs/fields.md, "Types"). */
export function conditionTypeOf(type: FieldDefinition['type']): FieldType {
  switch (type) {
    case 'number':
    case 'money':
    case 'date':
    case 'boolean':
      return type;
    case 'single_select':
      return 'enum';
    case 'multi_select':
      return 'list';
    default:
      return 'text';
  }
}

// Explanations are shown to every role that reads pay (and to approvers by e-mail link); a field
// some of those roles may not read keeps its value out of them.
const quotable = (d: FieldDefinition) => payReaderRoles.every((r) => d.access.read.includes(r));

function snapshotOf(defs: readonly FieldDefinition[]): CustomFieldSnapshot {
  const first = defs[0]!;
  const type = conditionTypeOf(first.type);
  const snap: CustomFieldSnapshot = { label: first.label, type };
  const options = defs.flatMap((d) => d.options ?? []);
  if (type === 'enum' || type === 'list') {
    snap.values = [...new Set(options.map((o) => o.value))];
    snap.valueLabels = {};
    for (const o of options) snap.valueLabels[o.value] ??= o.label === o.value ? o.value : `${o.label} (${o.value})`;
  }
  if (!defs.every(quotable)) snap.withheld = true;
  return snap;
}

export function buildCustomCatalogue(rows: readonly ScopedDefinition[], businessUnitId: string | null): CustomCatalogue {
  const byKey = new Map<string, ScopedDefinition[]>();
  for (const r of rows) {
    if (businessUnitId !== null && r.businessUnitId !== null && r.businessUnitId !== businessUnitId) continue;
    byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  }
  const out = new Map<string, CustomCatalogueEntry>();
  for (const [key, defs] of byKey) {
    const live = defs.filter((d) => !d.retired).map((d) => d.definition);
    if (live.length === 0) {
      out.set(key, { status: 'retired', label: defs[0]!.definition.label });
      continue;
    }
    const types = [...new Set(live.map((d) => d.type))];
    if (new Set(types.map(conditionTypeOf)).size > 1) out.set(key, { status: 'conflict', types });
    else out.set(key, { status: 'ok', field: snapshotOf(live) });
  }
  return out;
}
