import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { CorruptObjectError, isSha256, sha256Of, type ObjectStore } from './object-store';
import type { S3StoreConfig } from './s3-config';

/**
 * Objects in an S3-compatible bucket under their SHA-256, for several servers sharing one store.
 * Objects never change once written, so a put skips what is already there.
 */
export async function createS3ObjectStore(config: S3StoreConfig): Promise<ObjectStore> {
  // Loaded here, not at the top: the server bundle keeps packages external, and a server on
  // local disk should not load the AWS SDK at all.
  const { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const clientConfig: S3ClientConfig = { region: config.region, forcePathStyle: config.forcePathStyle ?? false };
  if (config.endpoint) clientConfig.endpoint = config.endpoint;
  if (config.accessKeyId) clientConfig.credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey ?? '' };
  const s3 = new S3Client(clientConfig);
  const keyOf = (sha256: string) => `${config.prefix ?? ''}${sha256}`;
  const missing = (err: unknown) => {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
  };

  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      try {
        await s3.send(new HeadObjectCommand({ Bucket: config.bucket, Key: keyOf(sha256) }));
      } catch (err) {
        if (!missing(err)) throw err;
        await s3.send(new PutObjectCommand({ Bucket: config.bucket, Key: keyOf(sha256), Body: bytes, ContentLength: bytes.length }));
      }
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      if (!isSha256(sha256)) return null;
      let body: Uint8Array;
      try {
        const res = await s3.send(new GetObjectCommand({ Bucket: config.bucket, Key: keyOf(sha256) }));
        body = await res.Body!.transformToByteArray();
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
      const bytes = Buffer.from(body);
      if (sha256Of(bytes) !== sha256) throw new CorruptObjectError(sha256);
      return bytes;
    },
  };
}
