import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestContext } from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import { filesUnder, SAMPLE_FILES } from '../../../../test/helpers/multipart.js';
import type { AttachmentView } from '../../../shared/contracts/attachments.js';
import { attachments } from '../../db/schema.js';

/** Uploads over a real socket: bodies far over the limit, streamed, and connections cut mid-file. */

const MAX_BYTES = 1024 * 1024;

let context: TestContext;
let dir: string;
let cookie: string;
let base: string;
let ticketId: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ccr-attachments-http-'));
  context = await createTestApp({ attachments: { dir, maxBytes: MAX_BYTES } });
  const category = await createCategory(context);
  const customer = await createCustomer(context);
  cookie = await signIn(context, customer);
  const agent = await createAgent(context, { categories: [category] });
  ticketId = (await createTicket(context, { customer, category, agent })).id;
  base = await context.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await context.close();
  await rm(dir, { recursive: true, force: true });
});

const url = () => `${base}/api/v1/tickets/${ticketId}/attachments`;

function send(parts: Buffer[], fileName: string) {
  const form = new FormData();
  form.append('file', new Blob(parts.map((part) => new Uint8Array(part))), fileName);
  return fetch(url(), { method: 'POST', body: form, headers: { cookie, 'x-ccr-csrf': '1' } });
}

async function stored() {
  const rows = await context.db.database.db.select({ n: count() }).from(attachments);
  return { rows: rows[0]?.n ?? 0, files: await filesUnder(dir) };
}

describe('uploads over HTTP', () => {
  it('stores a file near the limit and refuses one twelve times over, keeping nothing of it', async () => {
    const accepted = await send(
      [SAMPLE_FILES.png, Buffer.alloc(MAX_BYTES - SAMPLE_FILES.png.length)],
      'ok.png',
    );
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as AttachmentView).sizeBytes).toBe(MAX_BYTES);

    const before = await stored();
    const huge = await send([SAMPLE_FILES.pdf, Buffer.alloc(12 * MAX_BYTES, 0x20)], 'huge.pdf');
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'The file is larger than the limit of 1 MB',
    });
    const impostor = await send([SAMPLE_FILES.html, Buffer.alloc(12 * MAX_BYTES, 0x20)], 'page.png');
    expect(impostor.status).toBe(415);
    expect(await stored()).toEqual(before);
  });

  it('leaves no file behind when the connection is cut mid-upload', async () => {
    const before = await stored();
    const boundary = 'ccr-cut';
    const request = http.request(url(), {
      method: 'POST',
      headers: {
        cookie,
        'x-ccr-csrf': '1',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(MAX_BYTES),
      },
    });
    request.on('error', () => undefined);
    request.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n`);
    request.write(Buffer.concat([SAMPLE_FILES.png, Buffer.alloc(100_000)]));
    // The server has started writing the file aside…
    await vi.waitFor(async () => expect((await filesUnder(dir)).some((f) => f.endsWith('.tmp'))).toBe(true));
    request.destroy();
    // …and removes it once the request is gone.
    await vi.waitFor(async () => expect(await stored()).toEqual(before));
  });
});
