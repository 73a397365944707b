import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertFileKey, BaseFileStore, FileNotFound, FileTooLarge, limitBytes, type ByteRange } from './file-store';

export interface S3Settings {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

const PART_BYTES = 8 * 1048576;

const statusOf = (err: unknown): number | undefined => (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const isMissing = (err: unknown): boolean => statusOf(err) === 404 || ['NoSuchKey', 'NotFound'].includes((err as { name?: string }).name ?? '');

export function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    // checksums only where S3 requires them: many S3-compatible stores reject the SDK's default trailing checksums
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  });
}

/**
 * Files as objects in an S3-compatible bucket (MinIO, Ceph RGW, cloud object stores), selected by CQO_FILE_STORE=s3.
 * Uploads stream as multipart uploads of 8 MB parts (at most two in flight); a refused or failed upload is aborted and
 * its object deleted. Reads stream the object's body, with byte ranges passed through to the store.
 */
export class S3FileStore extends BaseFileStore {
  readonly kind = 's3' as const;
  readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    super();
    this.client = s3Client(settings);
  }

  get bucket(): string {
    return this.settings.bucket;
  }

  async putAt(key: string, data: Readable, maxBytes = Number.POSITIVE_INFINITY): Promise<number> {
    assertFileKey(key);
    let bytes = 0;
    const counted = Readable.from(
      (async function* () {
        for await (const chunk of limitBytes(data, maxBytes)) {
          bytes += chunk.length;
          yield chunk;
        }
      })(),
      { objectMode: false },
    );
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counted },
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (err) {
      counted.destroy();
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })).catch(() => undefined);
      if (bytes > maxBytes || err instanceof FileTooLarge) throw new FileTooLarge(maxBytes);
      throw err;
    }
    return bytes;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    assertFileKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      if (!(object.Body instanceof Readable)) throw new Error(`S3 returned no stream for ${key}`);
      return object.Body;
    } catch (err) {
      if (isMissing(err)) throw new FileNotFound(key);
      throw err;
    }
  }

  async stat(key: string): Promise<{ bytes: number } | null> {
    assertFileKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { bytes: head.ContentLength ?? 0 };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: assertFileKey(key) }));
  }

  async *list(): AsyncIterable<{ key: string; bytes: number }> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, ...(token ? { ContinuationToken: token } : {}) }));
      for (const object of page.Contents ?? []) if (object.Key) yield { key: object.Key, bytes: object.Size ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
