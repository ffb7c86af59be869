import type { CustomField, LayoutEntry } from '../api/fields';

/**
 * The intake form's layout as the editor holds it: sections in order, each with its fields in
 * order. Pure functions, so moves by drag and by keyboard behave the same.
 */
export interface LayoutItem {
  key: string;
  label: string;
  type: string;
  version: number;
  businessUnitId: string | null;
  required: boolean;
}
export type Layout = { section: string; items: LayoutItem[] }[];

/** The fields an offer of this scope carries (organisation-wide, plus the unit's), as the form orders them. */
export function layoutOf(fields: readonly CustomField[], businessUnitId: string | null): Layout {
  const live = fields
    .filter((f) => !f.retired && (f.businessUnitId === null || f.businessUnitId === businessUnitId))
    .sort((a, b) => a.definition.order - b.definition.order || a.key.localeCompare(b.key));
  const sections = new Map<string, LayoutItem[]>();
  for (const f of live) {
    const item = { key: f.key, label: f.definition.label, type: f.definition.type, version: f.currentVersion, businessUnitId: f.businessUnitId, required: f.definition.validation.required };
    sections.set(f.definition.section, [...(sections.get(f.definition.section) ?? []), item]);
  }
  return [...sections].map(([section, items]) => ({ section, items }));
}

function locate(layout: Layout, key: string): { s: number; i: number } | null {
  for (let s = 0; s < layout.length; s++) {
    const i = layout[s]!.items.findIndex((x) => x.key === key);
    if (i >= 0) return { s, i };
  }
  return null;
}

/** Takes the field out and puts it into `section` before `beforeKey` (or at the end); empty sections go. */
export function moveTo(layout: Layout, key: string, section: string, beforeKey?: string): Layout {
  const at = locate(layout, key);
  if (!at || key === beforeKey) return layout;
  const item = layout[at.s]!.items[at.i]!;
  const without = layout.map((g) => ({ section: g.section, items: g.items.filter((x) => x.key !== key) }));
  const target = without.find((g) => g.section === section);
  if (!target) return layout;
  const pos = beforeKey ? target.items.findIndex((x) => x.key === beforeKey) : -1;
  target.items.splice(pos < 0 ? target.items.length : pos, 0, item);
  return without.filter((g) => g.items.length > 0);
}

/**
 * Up and down within a section; past its first or last place the field joins the end of the
 * section before or the start of the section after, so the keyboard reaches every place a drag does.
 */
export function moveBy(layout: Layout, key: string, move: 'up' | 'down' | 'top'): Layout {
  const at = locate(layout, key);
  if (!at) return layout;
  const group = layout[at.s]!;
  if (move === 'top') return at.i === 0 ? layout : moveTo(layout, key, group.section, group.items[0]!.key);
  if (move === 'up') {
    if (at.i > 0) return moveTo(layout, key, group.section, group.items[at.i - 1]!.key);
    const before = layout[at.s - 1];
    return before ? moveTo(layout, key, before.section) : layout;
  }
  if (at.i < group.items.length - 1) return moveTo(layout, key, group.section, group.items[at.i + 2]?.key);
  const after = layout[at.s + 1];
  return after ? moveTo(layout, key, after.section, after.items[0]!.key) : layout;
}

/** Where a move can go from here, for enabling the buttons. */
export function canMove(layout: Layout, key: string): { up: boolean; down: boolean; top: boolean } {
  const at = locate(layout, key);
  if (!at) return { up: false, down: false, top: false };
  const last = layout[at.s]!.items.length - 1;
  return { up: at.i > 0 || at.s > 0, down: at.i < last || at.s < layout.length - 1, top: at.i > 0 };
}

/** Every field numbered through the whole form, so sections keep the order of their first field. */
export function entriesOf(layout: Layout): LayoutEntry[] {
  let n = 0;
  return layout.flatMap((g) => g.items.map((x) => ({ key: x.key, section: g.section, order: n++, version: x.version })));
}

export const sameLayout = (a: Layout, b: Layout) => JSON.stringify(entriesOf(a)) === JSON.stringify(entriesOf(b));
