/**
 * Dotted leaf paths whose values differ between two plain JSON values, e.g.
 * `compensation.baseSalaryCents`. Arrays compare as whole values: a clause list
 * that changed is one changed field, which is what re-approval needs.
 */
export function changedFields(before: unknown, after: unknown, prefix = ''): string[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => changedFields(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  if (isPlainObject(before) || isPlainObject(after)) {
    const obj = (isPlainObject(before) ? before : after) as Record<string, unknown>;
    const leaves = Object.keys(obj).sort().flatMap((k) => changedFields(isPlainObject(before) ? obj[k] : undefined, isPlainObject(after) ? obj[k] : undefined, prefix ? `${prefix}.${k}` : k));
    return leaves.length ? leaves : [prefix];
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
