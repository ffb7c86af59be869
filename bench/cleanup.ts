/**
 * Temp folders, bench databases and the server child must go away even when a
 * run fails or is interrupted; each is registered here as soon as it exists.
 */
const pending = new Set<() => Promise<void>>();

/** Registers `undo` and returns a run-once version of it for the normal path. */
export function deferCleanup(undo: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  const once = () => {
    pending.delete(once);
    return (done ??= undo());
  };
  pending.add(once);
  return once;
}

/** Undoes everything still registered, newest first; reports failures instead of stopping at the first. */
export async function cleanupAll(): Promise<void> {
  for (const undo of [...pending].reverse()) {
    await undo().catch((err: unknown) => console.error('cleanup failed:', err));
  }
}
