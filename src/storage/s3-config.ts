/**
 * S3 settings, apart from the adapter so that reading the configuration never loads the AWS SDK:
 * a server on local disk does not pay for it.
 */
export interface S3StoreConfig {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, R2, …); omitted for AWS itself. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Bucket in the path rather than the host name; most S3-compatible services want this. */
  forcePathStyle?: boolean;
  /** Prepended to every key, e.g. "offerline/". */
  prefix?: string;
}

/** S3_BUCKET and friends (docs/operations.md, "Document storage"); null without S3_BUCKET. */
export function s3ConfigFromEnv(env: NodeJS.ProcessEnv): S3StoreConfig | null {
  if (!env.S3_BUCKET) return null;
  return {
    bucket: env.S3_BUCKET,
    region: env.S3_REGION || 'us-east-1',
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true } : {}),
    ...(env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '' } : {}),
    prefix: env.S3_PREFIX ?? '',
  };
}

