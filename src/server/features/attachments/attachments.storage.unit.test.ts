import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDiskStorage, newStorageKey, StoredFileMissing } from './attachments.storage.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ccr-storage-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('local disk storage', () => {
  it('stores, reads back and deletes a file under a random key', async () => {
    const storage = createLocalDiskStorage(root);
    const key = newStorageKey();
    expect(key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(newStorageKey()).not.toBe(key);
    await storage.put(key, Buffer.from('hello'));
    expect(await text(await storage.get(key))).toBe('hello');
    await storage.delete(key);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredFileMissing);
  });

  it('keeps nothing when the stream fails midway', async () => {
    const storage = createLocalDiskStorage(root);
    const key = newStorageKey();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(storage.put(key, failing)).rejects.toThrow('connection lost');
    expect(await readdir(path.join(root, key.slice(0, 2)))).toEqual([]);
  });

  it('refuses keys it did not make, so no path leaves its folder', async () => {
    const storage = createLocalDiskStorage(root);
    for (const key of ['../escape', 'ab/../../etc/passwd', '/etc/passwd', 'receipt.pdf']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow('not an attachment storage key');
      await expect(storage.get(key)).rejects.toThrow('not an attachment storage key');
    }
  });
});
