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
  /** The order saved now: kept where the new layout allows, so unmoved fields get no new version. */
  order: number;
}
export type Layout = { section: string; items: LayoutItem[] }[];

/** The fields an offer of this scope carries (organisation-wide, plus the unit's), as the form orders them. */
export function layoutOf(fields: readonly CustomField[], businessUnitId: string | null): Layout {
  const live = fields
    .filter((f) => !f.retired && (f.businessUnitId === null || f.businessUnitId === businessUnitId))
    .sort((a, b) => a.definition.order - b.definition.order || a.key.localeCompare(b.key));
  const sections = new Map<string, LayoutItem[]>();
  for (const f of live) {
    const item = { key: f.key, label: f.definition.label, type: f.definition.type, version: f.currentVersion, businessUnitId: f.businessUnitId, required: f.definition.validation.required, order: f.definition.order };
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

const MAX_ORDER = 10_000;
const STEP = 10;

/**
 * The numbers that keep the most fields where they are: a heaviest increasing run of the saved
 * orders stays (organisation-wide fields weigh more, since only organisation admins may move
 * them and a unit admin arranging their unit's form should not have to), and the other fields
 * are spread between their kept neighbours. With no room left, the whole form is renumbered.
 */
function keptOrders(items: readonly LayoutItem[]): number[] {
  const weight = (x: LayoutItem): number => (x.businessUnitId === null ? 1000 : 1);
  const best = items.map(weight);
  const prev = items.map(() => -1);
  for (let i = 0; i < items.length; i++) {
    for (let j = 0; j < i; j++) {
      if (items[j]!.order < items[i]!.order && best[j]! + weight(items[i]!) > best[i]!) {
        best[i] = best[j]! + weight(items[i]!);
        prev[i] = j;
      }
    }
  }
  const kept = new Set<number>();
  let at = best.length ? best.indexOf(Math.max(...best)) : -1;
  for (; at >= 0; at = prev[at]!) kept.add(at);
  const out = items.map((x, i) => (kept.has(i) ? x.order : NaN));
  for (let i = 0; i < out.length; ) {
    if (!Number.isNaN(out[i]!)) {
      i++;
      continue;
    }
    let end = i;
    while (end < out.length && Number.isNaN(out[end]!)) end++;
    const low = i > 0 ? out[i - 1]! : -1;
    const high = end < out.length ? out[end]! : Math.min(MAX_ORDER + 1, low + (end - i + 1) * STEP);
    const gap = (high - low) / (end - i + 1);
    if (gap < 1) return items.map((_, n) => n * STEP);
    for (let k = i; k < end; k++) out[k] = Math.floor(low + gap * (k - i + 1));
    i = end;
  }
  return out;
}

/** Every field with its section and an order increasing through the whole form, so sections keep the order of their first field. */
export function entriesOf(layout: Layout): LayoutEntry[] {
  const flat = layout.flatMap((g) => g.items.map((x) => ({ x, section: g.section })));
  const orders = keptOrders(flat.map((f) => f.x));
  return flat.map(({ x, section }, i) => ({ key: x.key, section, order: orders[i]!, version: x.version }));
}

export const sameLayout = (a: Layout, b: Layout) => JSON.stringify(entriesOf(a)) === JSON.stringify(entriesOf(b));
