import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import {
  filesUnder,
  multipartBody,
  SAMPLE_FILES,
  type FormPart,
} from '../../../../test/helpers/multipart.js';
import type { AttachmentView } from '../../../shared/contracts/attachments.js';
import { attachments, ticketMessages, type TicketRow, type UserRow } from '../../db/schema.js';
import { createTicketsService } from '../tickets/tickets.service.js';
import { attach, createAttachmentsService, listForMessages } from './attachments.service.js';
import { createLocalDiskStorage } from './attachments.storage.js';

const MAX_BYTES = 4096;
const DOWNLOAD_CSP = "default-src 'none'; sandbox";

let context: TestContext;
let dir: string;
let customer: UserRow;
let customerCookie: string;
let agent: UserRow;
let agentCookie: string;
let adminCookie: string;
let otherCustomerCookie: string;
let unrelatedAgentCookie: string;
let ticket: TicketRow;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ccr-attachments-'));
  context = await createTestApp({ attachments: { dir, maxBytes: MAX_BYTES } });
  const category = await createCategory(context);
  customer = await createCustomer(context);
  customerCookie = await signIn(context, customer);
  agent = await createAgent(context, { categories: [category] });
  agentCookie = await signIn(context, agent);
  adminCookie = (await signedIn(context, 'admin')).cookie;
  otherCustomerCookie = await signIn(context, await createCustomer(context));
  unrelatedAgentCookie = await signIn(
    context,
    await createAgent(context, { categories: [await createCategory(context)] }),
  );
  ticket = await createTicket(context, { customer, category, agent, status: 'in_progress' });
});
afterAll(async () => {
  await context.close();
  await rm(dir, { recursive: true, force: true });
});

const db = () => context.db.database.db;
type ErrorJson = { error: { code: string; message: string; details?: { field: string; message: string }[] } };

function upload(cookie: string, parts: FormPart[], ticketKey: string = ticket.id) {
  const { payload, contentType } = multipartBody(parts);
  return context.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${ticketKey}/attachments`,
    headers: { 'content-type': contentType, 'x-ccr-csrf': '1', cookie },
    payload,
  });
}

const file = (data: Buffer, fileName: string, contentType = 'application/octet-stream'): FormPart[] => [
  { field: 'file', fileName, contentType, data },
];

async function uploaded(cookie: string, data: Buffer, fileName: string, ticketKey?: string) {
  const response = await upload(cookie, file(data, fileName), ticketKey);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<AttachmentView>();
}

const download = (id: string, cookie: string) =>
  call(context.app, 'GET', `/api/v1/attachments/${id}`, undefined, { cookie });

async function stored() {
  const rows = await db().select({ n: count() }).from(attachments);
  return { rows: rows[0]?.n ?? 0, files: await filesUnder(dir) };
}

async function message(internal: boolean, authorId = agent.id) {
  const rows = await db()
    .insert(ticketMessages)
    .values({ ticketId: ticket.id, authorId, body: internal ? 'note' : 'reply', internal })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('no message inserted');
  return row;
}

const attachTo = (messageId: string, attachmentIds: string[], uploaderId: string, ticketId = ticket.id) =>
  db().transaction((tx) => attach(tx, { ticketId, uploaderId, attachmentIds, messageId }));

describe('uploading', () => {
  it('accepts images and PDFs by their content, whatever the declared type', async () => {
    const cases = [
      ['png', 'image/png'],
      ['jpeg', 'image/jpeg'],
      ['gif', 'image/gif'],
      ['webp', 'image/webp'],
      ['pdf', 'application/pdf'],
    ] as const;
    for (const [sample, type] of cases) {
      const view = await uploaded(customerCookie, SAMPLE_FILES[sample], `receipt.${sample}`);
      expect(view).toMatchObject({
        fileName: `receipt.${sample}`,
        contentType: type,
        sizeBytes: SAMPLE_FILES[sample].length,
        url: `/api/v1/attachments/${view.id}`,
        isImage: type !== 'application/pdf',
      });
      const rows = await db().select().from(attachments).where(eq(attachments.id, view.id));
      expect(rows[0]).toMatchObject({ ticketId: ticket.id, uploaderId: customer.id, messageId: null });
      const key = rows[0]?.storageKey ?? '';
      expect(key).not.toContain('receipt');
      expect(await readFile(path.join(dir, key))).toEqual(SAMPLE_FILES[sample]);
    }
  });

  it('takes a PNG named .exe as image/png, keeping the name for display only', async () => {
    const response = await upload(
      customerCookie,
      file(SAMPLE_FILES.png, 'photo.exe', 'application/x-msdownload'),
    );
    expect(response.statusCode).toBe(201);
    const view = response.json<AttachmentView>();
    expect(view).toMatchObject({ fileName: 'photo.exe', contentType: 'image/png', isImage: true });
    const downloaded = await download(view.id, customerCookie);
    expect(downloaded.headers['content-type']).toBe('image/png');
    expect(downloaded.headers['content-disposition']).toBe(
      `inline; filename="photo.exe.png"; filename*=UTF-8''photo.exe.png`,
    );
  });

  it('refuses HTML, SVG and EXE files named .png, storing nothing', async () => {
    const before = await stored();
    for (const sample of ['html', 'svg', 'exe'] as const) {
      const response = await upload(customerCookie, file(SAMPLE_FILES[sample], 'cat.png', 'image/png'));
      expect(response.statusCode).toBe(415);
      expect(response.json<ErrorJson>().error).toMatchObject({
        code: 'UNSUPPORTED_FILE_TYPE',
        details: [{ field: 'file', message: 'must be a PNG, JPEG, GIF or WebP image or a PDF' }],
      });
    }
    const tiny = await upload(customerCookie, file(Buffer.from('%PD'), 'short.pdf'));
    expect(tiny.json<ErrorJson>().error.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(await stored()).toEqual(before);
  });

  it('refuses a file one byte over the limit with 413, storing nothing', async () => {
    const atLimit = Buffer.concat([
      SAMPLE_FILES.pdf,
      Buffer.alloc(MAX_BYTES - SAMPLE_FILES.pdf.length, 0x20),
    ]);
    expect((await uploaded(customerCookie, atLimit, 'full.pdf')).sizeBytes).toBe(MAX_BYTES);

    const before = await stored();
    for (const size of [MAX_BYTES + 1, MAX_BYTES * 20]) {
      const data = Buffer.concat([SAMPLE_FILES.pdf, Buffer.alloc(size - SAMPLE_FILES.pdf.length, 0x20)]);
      const response = await upload(customerCookie, file(data, 'big.pdf', 'application/pdf'));
      expect(response.statusCode).toBe(413);
      expect(response.json<ErrorJson>().error).toMatchObject({
        code: 'FILE_TOO_LARGE',
        message: 'The file is larger than the limit of 4 KB',
        details: [{ field: 'file' }],
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('answers field-level 400s for an empty file, a missing file, or a malformed body', async () => {
    const empty = await upload(customerCookie, file(Buffer.alloc(0), 'empty.png'));
    expect(empty.statusCode).toBe(400);
    expect(empty.json<ErrorJson>().error.details).toEqual([{ field: 'file', message: 'is empty' }]);

    const noFile = await upload(customerCookie, [{ field: 'note', data: 'hello' }]);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json<ErrorJson>().error.details).toEqual([{ field: 'file', message: 'is required' }]);

    const wrongField = await upload(customerCookie, [
      { field: 'upload', fileName: 'a.png', data: SAMPLE_FILES.png },
    ]);
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json<ErrorJson>().error.details?.[0]?.field).toBe('file');

    const json = await call(
      context.app,
      'POST',
      `/api/v1/tickets/${ticket.id}/attachments`,
      {},
      { cookie: customerCookie },
    );
    expect(json.statusCode).toBe(415);
    expect(json.json<ErrorJson>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const malformed = await context.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/attachments`,
      headers: { 'content-type': 'multipart/form-data', 'x-ccr-csrf': '1', cookie: customerCookie },
      payload: 'not really multipart',
    });
    expect(malformed.statusCode).toBe(400);
  });

  it('cleans the display name: no folders, no control characters, bounded length', async () => {
    const view = await uploaded(customerCookie, SAMPLE_FILES.png, 'C:\\Users\\me\\rec\u202Eeipt\u0007.png');
    expect(view.fileName).toBe('receipt.png');
    const long = await uploaded(customerCookie, SAMPLE_FILES.pdf, `${'a'.repeat(300)}.pdf`);
    expect(long.fileName).toBe(`${'a'.repeat(196)}.pdf`);
  });

  it('answers 404 to callers who may not see the ticket, 401 signed out, 403 to an agent who has not picked it up', async () => {
    for (const cookie of [otherCustomerCookie, unrelatedAgentCookie]) {
      const response = await upload(cookie, file(SAMPLE_FILES.png, 'a.png'));
      expect(response.statusCode).toBe(404);
    }
    expect((await upload('', file(SAMPLE_FILES.png, 'a.png'))).statusCode).toBe(401);

    const category = await createCategory(context);
    const queued = await createTicket(context, { customer, category });
    const colleague = await signIn(context, await createAgent(context, { categories: [category] }));
    const response = await upload(colleague, file(SAMPLE_FILES.png, 'a.png'), queued.reference);
    expect(response.statusCode).toBe(403);
  });

  it('refuses uploads to a resolved or closed ticket with 409 CONVERSATION_CLOSED', async () => {
    const category = await createCategory(context);
    const before = await stored();
    for (const status of ['resolved', 'closed'] as const) {
      const done = await createTicket(context, { customer, category, agent, status, resolvedAt: new Date() });
      const response = await upload(customerCookie, file(SAMPLE_FILES.png, 'late.png'), done.id);
      expect(response.statusCode).toBe(409);
      expect(response.json<ErrorJson>().error).toMatchObject({
        code: 'CONVERSATION_CLOSED',
        message: 'This conversation is closed',
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('limits uploads per user to 30 in 10 minutes', async () => {
    const busy = await createCustomer(context);
    const busyCookie = await signIn(context, busy);
    const category = await createCategory(context);
    const own = await createTicket(context, { customer: busy, category });
    for (let i = 0; i < 30; i++) await uploaded(busyCookie, SAMPLE_FILES.gif, `${i}.gif`, own.id);
    const refused = await upload(busyCookie, file(SAMPLE_FILES.gif, 'one-more.gif'), own.id);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });
});

describe('downloading', () => {
  it('serves a sent image to the customer, the assigned agent and an admin, with safe headers', async () => {
    const view = await uploaded(customerCookie, SAMPLE_FILES.png, 'रसीद scan.png');
    await attachTo((await message(false, customer.id)).id, [view.id], customer.id);
    for (const cookie of [customerCookie, agentCookie, adminCookie]) {
      const response = await download(view.id, cookie);
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload).toEqual(SAMPLE_FILES.png);
      expect(response.headers).toMatchObject({
        'content-type': 'image/png',
        'content-length': String(SAMPLE_FILES.png.length),
        'content-disposition': `inline; filename="____ scan.png"; filename*=UTF-8''${encodeURIComponent('रसीद')}%20scan.png`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private',
        'content-security-policy': DOWNLOAD_CSP,
      });
    }
    for (const cookie of [otherCustomerCookie, unrelatedAgentCookie]) {
      const response = await download(view.id, cookie);
      expect(response.statusCode).toBe(404);
      expect(response.json<ErrorJson>().error).toMatchObject({
        code: 'NOT_FOUND',
        message: 'Attachment not found',
      });
    }
    expect((await download(view.id, '')).statusCode).toBe(401);
  });

  it('sends a PDF as a download', async () => {
    const view = await uploaded(agentCookie, SAMPLE_FILES.pdf, 'invoice');
    await attachTo((await message(false)).id, [view.id], agent.id);
    const response = await download(view.id, customerCookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="invoice.pdf"; filename*=UTF-8''invoice.pdf`,
    );
  });

  it('shows an upload not sent yet to its uploader only', async () => {
    const view = await uploaded(customerCookie, SAMPLE_FILES.jpeg, 'draft.jpg');
    expect((await download(view.id, customerCookie)).statusCode).toBe(200);
    for (const cookie of [agentCookie, adminCookie, otherCustomerCookie]) {
      expect((await download(view.id, cookie)).statusCode).toBe(404);
    }
  });

  it('keeps an internal note’s files from the customer', async () => {
    const view = await uploaded(agentCookie, SAMPLE_FILES.png, 'courier.png');
    const note = await message(true);
    await attachTo(note.id, [view.id], agent.id);
    expect((await download(view.id, agentCookie)).statusCode).toBe(200);
    expect((await download(view.id, adminCookie)).statusCode).toBe(200);
    expect((await download(view.id, customerCookie)).statusCode).toBe(404);

    expect((await listForMessages(db(), [note.id], { role: 'customer' })).get(note.id)).toBeUndefined();
    expect((await listForMessages(db(), [note.id], { role: 'agent' })).get(note.id)).toEqual([view]);
  });

  it('answers 404 for an unknown id and 400 for one that is not an id', async () => {
    expect((await download('00000000-0000-4000-8000-000000000000', adminCookie)).statusCode).toBe(404);
    const bad = await download('not-an-id', adminCookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorJson>().error.details?.[0]?.field).toBe('id');
  });
});

describe('attaching to a message', () => {
  it('links the caller’s own uploads and lists them by message', async () => {
    const first = await uploaded(customerCookie, SAMPLE_FILES.png, 'one.png');
    const second = await uploaded(customerCookie, SAMPLE_FILES.pdf, 'two.pdf');
    const reply = await message(false, customer.id);
    const linked = await attachTo(reply.id, [first.id, second.id, first.id], customer.id);
    expect(linked.map((view) => view.id).sort()).toEqual([first.id, second.id].sort());
    const grouped = await listForMessages(db(), [reply.id], { role: 'customer' });
    expect(grouped.get(reply.id)?.map((view) => view.id)).toEqual([first.id, second.id]);
    expect(await attachTo(reply.id, [], customer.id)).toEqual([]);
  });

  it('refuses anything but the caller’s unsent uploads to this ticket, and rolls back', async () => {
    const own = await uploaded(customerCookie, SAMPLE_FILES.png, 'mine.png');
    const agents = await uploaded(agentCookie, SAMPLE_FILES.png, 'theirs.png');
    const category = await createCategory(context);
    const elsewhere = await createTicket(context, { customer, category });
    const otherTicket = await uploaded(customerCookie, SAMPLE_FILES.png, 'other.png', elsewhere.id);
    const sent = await uploaded(customerCookie, SAMPLE_FILES.png, 'sent.png');
    await attachTo((await message(false, customer.id)).id, [sent.id], customer.id);

    const reply = await message(false, customer.id);
    const refused = [agents.id, otherTicket.id, sent.id, '00000000-0000-4000-8000-000000000000', 'nope'];
    for (const id of refused) {
      await expect(attachTo(reply.id, [own.id, id], customer.id)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        statusCode: 400,
        details: [{ field: 'attachmentIds' }],
      });
    }
    const rows = await db().select().from(attachments).where(eq(attachments.id, own.id));
    expect(rows[0]?.messageId).toBeNull();
  });
});

describe('housekeeping', () => {
  it('lets the uploader remove an unsent upload, file and row', async () => {
    const view = await uploaded(customerCookie, SAMPLE_FILES.png, 'oops.png');
    const before = await stored();
    expect(
      (
        await call(context.app, 'DELETE', `/api/v1/attachments/${view.id}`, undefined, {
          cookie: agentCookie,
        })
      ).statusCode,
    ).toBe(404);
    const removed = await call(context.app, 'DELETE', `/api/v1/attachments/${view.id}`, undefined, {
      cookie: customerCookie,
    });
    expect(removed.statusCode).toBe(204);
    const after = await stored();
    expect(after.rows).toBe(before.rows - 1);
    expect(after.files).toHaveLength(before.files.length - 1);
    expect((await download(view.id, customerCookie)).statusCode).toBe(404);
  });

  it('sweeps uploads never sent after a day, leaving sent ones', async () => {
    const stale = await uploaded(customerCookie, SAMPLE_FILES.png, 'forgotten.png');
    const kept = await uploaded(customerCookie, SAMPLE_FILES.pdf, 'sent.pdf');
    await attachTo((await message(false, customer.id)).id, [kept.id], customer.id);
    const keyOf = async (id: string) =>
      (await db().select().from(attachments).where(eq(attachments.id, id)))[0]?.storageKey;
    const staleKey = await keyOf(stale.id);
    const keptKey = await keyOf(kept.id);

    const sweeper = (hours: number) =>
      createAttachmentsService(db(), {
        tickets: createTicketsService(db()),
        storage: createLocalDiskStorage(dir),
        maxBytes: MAX_BYTES,
        now: () => new Date(Date.now() + hours * 3_600_000),
      });
    expect(await sweeper(23).sweep()).toBe(0);
    expect(await keyOf(stale.id)).toBe(staleKey);

    expect(await sweeper(25).sweep()).toBeGreaterThan(0);
    expect(await keyOf(stale.id)).toBeUndefined();
    const files = await filesUnder(dir);
    expect(files).not.toContain(staleKey);
    expect(files).toContain(keptKey);
    const unsent = await db().select({ n: count() }).from(attachments).where(isNull(attachments.messageId));
    expect(unsent[0]?.n).toBe(0);
    const left = await stored();
    expect(left.files).toHaveLength(left.rows);
  });
});
