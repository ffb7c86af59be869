import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptObjectError, sha256Of } from '../../src/storage/object-store';
import { s3ConfigFromEnv } from '../../src/storage/s3-config';
import { createS3ObjectStore } from '../../src/storage/s3-object-store';

/**
 * The S3 adapter against a real S3-protocol server (s3rver) on 127.0.0.1: signed requests,
 * a bucket, objects by SHA-256, and the same checks as the local store.
 */
describe('S3-compatible object store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'offerline-s3-'));
  let server: S3rver;
  let endpoint: string;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

  beforeAll(async () => {
    server = new S3rver({ port: 0, address: '127.0.0.1', directory: dir, silent: true });
    const address = (await server.run()) as { port: number };
    endpoint = `http://127.0.0.1:${address.port}`;
    const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
    await client.send(new CreateBucketCommand({ Bucket: 'offers' }));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const store = () =>
    createS3ObjectStore(s3ConfigFromEnv({ S3_BUCKET: 'offers', S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: credentials.accessKeyId, S3_SECRET_ACCESS_KEY: credentials.secretAccessKey, S3_PREFIX: 'documents/' })!);

  it('stores bytes under their SHA-256, once, and reads them back', async () => {
    const s = await store();
    const bytes = Buffer.from('%PDF-1.7 an offer letter stored in a bucket');
    const first = await s.put(bytes);
    expect(first).toEqual({ sha256: sha256Of(bytes), size: bytes.length });
    expect(await s.put(bytes)).toEqual(first);
    expect(await s.get(first.sha256)).toEqual(bytes);
  });

  it('answers null for an unknown or malformed address', async () => {
    const s = await store();
    expect(await s.get('f'.repeat(64))).toBeNull();
    expect(await s.get('../secret')).toBeNull();
  });

  it('refuses an object whose bytes no longer match its address', async () => {
    const s = await store();
    const { sha256 } = await s.put(Buffer.from('original wording'));
    const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
    await client.send(new PutObjectCommand({ Bucket: 'offers', Key: `documents/${sha256}`, Body: 'tampered wording' }));
    await expect(s.get(sha256)).rejects.toBeInstanceOf(CorruptObjectError);
  });

  it('reads no configuration without S3_BUCKET', () => {
    expect(s3ConfigFromEnv({})).toBeNull();
  });
});
