import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where document bytes live. Keys are made by `newStorageKey()`, never from user input. The disk
 * store is the default; an S3-compatible store can implement the same four calls.
 */
export interface FileStore {
  /** Writes a stream under `key`; the key appears only once the whole body is written. */
  put(key: string, body: Readable): Promise<void>;
  /** Moves a finished local file (a staged upload) into the store; the local file is consumed. */
  putFile(key: string, localPath: string): Promise<void>;
  /** The bytes under `key`; throws `FileMissingError` when there are none. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

export class FileMissingError extends Error {
  override name = 'FileMissingError';
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A new random key, `<2-hex shard>/<uuid v4>`: the shard keeps any one directory small. */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

/** Files under `root` (DATA_DIR/files), with uploads staged in `root/tmp` on the same file system. */
export class DiskFileStore implements FileStore {
  readonly stagingDir: string;

  constructor(private readonly root: string) {
    this.stagingDir = path.join(root, 'tmp');
  }

  /** Creates the folders; call once at start-up. */
  async init(): Promise<void> {
    await fs.mkdir(this.stagingDir, { recursive: true });
  }

  /** The path of a key; refuses anything that is not a key this store made. */
  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
    return path.join(this.root, key);
  }

  async put(key: string, body: Readable): Promise<void> {
    const staged = path.join(this.stagingDir, `${randomUUID()}.part`);
    try {
      await pipeline(body, (await fs.open(staged, 'wx')).createWriteStream());
      await this.putFile(key, staged);
    } finally {
      await fs.rm(staged, { force: true });
    }
  }

  async putFile(key: string, localPath: string): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Flushed before it is renamed into place, so a stored file is never a torn one.
    const fh = await fs.open(localPath, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(localPath, target);
  }

  async get(key: string): Promise<Readable> {
    try {
      const fh = await fs.open(this.pathOf(key), 'r');
      return fh.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new FileMissingError(`No file under ${key}`);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}
