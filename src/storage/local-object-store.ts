import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { CorruptObjectError, isSha256, sha256Of, type ObjectStore } from './object-store';

/**
 * Objects as files under one folder, fanned out by the first two hex digits. Writes go to a
 * temporary name and are renamed into place, so a reader never sees half a document.
 */
export function createLocalObjectStore(root: string): ObjectStore {
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256);

  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const path = pathOf(sha256);
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, path);
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      if (!isSha256(sha256)) return null;
      let bytes: Buffer;
      try {
        bytes = await readFile(pathOf(sha256));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      if (sha256Of(bytes) !== sha256) throw new CorruptObjectError(sha256);
      return bytes;
    },
  };
}
