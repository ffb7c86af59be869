import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalObjectStore } from '../../src/storage/local-object-store';
import { CorruptObjectError, sha256Of } from '../../src/storage/object-store';

describe('local object store', () => {
  const root = mkdtempSync(join(tmpdir(), 'offerline-objects-'));
  const store = createLocalObjectStore(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores bytes by their SHA-256, once, and reads them back', async () => {
    const bytes = Buffer.from('%PDF-1.7 an offer letter');
    const first = await store.put(bytes);
    const again = await store.put(Buffer.from(bytes));
    expect(first).toEqual({ sha256: sha256Of(bytes), size: bytes.length });
    expect(again).toEqual(first);
    expect(await store.get(first.sha256)).toEqual(bytes);
    expect(readdirSync(join(root, first.sha256.slice(0, 2)))).toEqual([first.sha256]);
  });

  it('answers null for an unknown or malformed address', async () => {
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.get('../../etc/passwd')).toBeNull();
  });

  it('refuses bytes that no longer match their address', async () => {
    const { sha256 } = await store.put(Buffer.from('original'));
    writeFileSync(join(root, sha256.slice(0, 2), sha256), 'tampered');
    await expect(store.get(sha256)).rejects.toBeInstanceOf(CorruptObjectError);
  });
});
