import { createHash } from 'node:crypto';

/**
 * Where document bytes live, addressed by their SHA-256: the same bytes are stored once, and
 * a document's address proves its content. Local disk by default; an S3-compatible bucket for
 * deployments with several servers (docs/operations.md, "Document storage").
 */
export interface ObjectStore {
  /** Stores the bytes (once) and returns their address. */
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  /** The bytes, checked against their address; null when absent. */
  get(sha256: string): Promise<Buffer | null>;
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const isSha256 = (value: string) => /^[0-9a-f]{64}$/.test(value);

/** Thrown when stored bytes no longer match their address: the store was tampered with or damaged. */
export class CorruptObjectError extends Error {
  constructor(sha256: string) {
    super(`The stored document ${sha256} does not match its SHA-256; the object store is damaged.`);
  }
}
