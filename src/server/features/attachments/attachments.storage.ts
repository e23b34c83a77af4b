import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where attachment bytes live. Keys come from newStorageKey (random, never from a file name); the
 * database row holds the key, so a backup of the table and the store finds every file again.
 * An S3-compatible store implements the same three calls.
 */
export interface AttachmentStorage {
  /** Stores the whole stream under the key, or nothing at all when it fails. */
  put(key: string, data: Readable | Buffer): Promise<void>;
  /** Throws StoredFileMissing when nothing is stored under the key. */
  get(key: string): Promise<Readable>;
  /** Removing a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
}

export class StoredFileMissing extends Error {
  constructor(key: string) {
    super(`no stored file under ${key}`);
    this.name = 'StoredFileMissing';
  }
}

const KEY = /^([0-9a-f]{2})\/[0-9a-f]{32}$/;

/** `ab/ab12…`: 128 random bits, spread over 256 folders so none grows huge. */
export function newStorageKey(): string {
  const id = randomBytes(16).toString('hex');
  return `${id.slice(0, 2)}/${id}`;
}

/** Files under one folder (`${DATA_DIR}/attachments` by default), one per key, readable by the owner only. */
export function createLocalDiskStorage(root: string): AttachmentStorage {
  const pathOf = (key: string) => {
    // The key is ours, but a path built from a row must never leave the folder.
    if (!KEY.test(key)) throw new Error('not an attachment storage key');
    return path.join(root, key);
  };

  return {
    async put(key, data) {
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Written aside and renamed: a reader or a backup never sees half a file under the real name.
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        const source = Buffer.isBuffer(data) ? Readable.from([data]) : data;
        await pipeline(source, createWriteStream(temporary, { flags: 'wx', mode: 0o600, flush: true }));
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },

    async get(key) {
      try {
        const handle = await open(pathOf(key), 'r');
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredFileMissing(key);
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
