import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../storage/s3-file-store';

/**
 * A real S3-compatible server for tests (@20minutes/s3rver: the S3 REST API over a local directory), on a free
 * port with one empty bucket. `close` stops it and removes its directory.
 */
export async function startS3Server(bucket = 'cqo-files'): Promise<{ settings: S3Settings; close: () => Promise<void> }> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    settings: { endpoint: `http://127.0.0.1:${port}`, bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true },
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * s3rver signs bucket-level requests (ListObjectsV2) over `/<bucket>` while the SDK sends and signs `/<bucket>/`
 * (AWS, MinIO and Ceph accept both). This strips that one trailing slash before signing, for the test server only.
 */
export function adaptToS3rver(client: S3Client): void {
  client.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { path?: string };
      if (request.path && /^\/[^/]+\/$/.test(request.path)) request.path = request.path.slice(0, -1);
      return next(args);
    },
    { step: 'build', name: 'stripBucketSlashForS3rver' },
  );
}
