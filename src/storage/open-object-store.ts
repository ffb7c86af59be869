import { createLocalObjectStore } from './local-object-store';
import type { ObjectStore } from './object-store';
import type { S3StoreConfig } from './s3-config';

/** The configured store: a bucket when S3 is set (the SDK loads only then), else local disk. */
export async function openObjectStore(config: { s3: S3StoreConfig | null; objectsDir: string }): Promise<ObjectStore> {
  if (!config.s3) return createLocalObjectStore(config.objectsDir);
  const { createS3ObjectStore } = await import('./s3-object-store');
  return await createS3ObjectStore(config.s3);
}
