import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  AttachmentParams,
  AttachmentView,
  type AttachmentType,
} from '../../../shared/contracts/attachments.js';
import { TicketParams } from '../../../shared/contracts/tickets.js';
import { AppError } from '../../errors.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { AttachmentsService } from './attachments.service.js';
import { contentDisposition } from './file-name.js';
import type { IncomingFile } from './upload-inspector.js';

/** A stored file can never run script or load anything on our origin, whatever it holds. */
const DOWNLOAD_CSP = "default-src 'none'; sandbox";

/** The first file of the multipart body, read only when the service asks for it. */
function receiveFile(request: FastifyRequest) {
  return async (): Promise<IncomingFile | undefined> => {
    if (!request.isMultipart()) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the file as multipart/form-data', [
        { field: 'file', message: 'is required' },
      ]);
    }
    let part;
    try {
      part = await request.file();
    } catch (error) {
      // The plugin's own limits carry a 4xx; anything else is busboy refusing a malformed body.
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== undefined && status >= 400 && status < 500) throw error;
      throw new AppError('BAD_REQUEST', 400, 'The multipart body is malformed');
    }
    if (!part) return undefined;
    const stream = part.file;
    return { field: part.fieldname, fileName: part.filename, stream, truncated: () => stream.truncated };
  };
}

export function registerAttachmentRoutes(app: App, attachments: AttachmentsService): void {
  app.post(
    '/api/v1/tickets/:ticket/attachments',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['attachments'],
        summary: 'Upload a file for your next message (multipart/form-data, one file in the field "file")',
        description:
          'Images (PNG, JPEG, GIF, WebP) and PDFs, recognised by their content. The upload stays unattached until a message names it in `attachmentIds`; unsent uploads are removed after a day.',
        params: TicketParams,
        response: { 201: AttachmentView, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const view = await attachments.upload(
        currentUser(request),
        request.params.ticket,
        receiveFile(request),
      );
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/attachments/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['attachments'],
        summary: 'Download a file: images inline, PDFs as a download',
        params: AttachmentParams,
        response: {
          200: Type.Unsafe<Readable>({ type: 'string', format: 'binary', description: 'The file' }),
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const { attachment, body } = await attachments.download(currentUser(request), request.params.id);
      const type = attachment.contentType as AttachmentType;
      return reply
        .headers({
          'content-type': type,
          'content-length': String(attachment.sizeBytes),
          'content-disposition': contentDisposition(attachment.fileName, type),
          'x-content-type-options': 'nosniff',
          'cache-control': 'private',
          'content-security-policy': DOWNLOAD_CSP,
        })
        .send(body);
    },
  );

  app.delete(
    '/api/v1/attachments/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['attachments'],
        summary: 'Remove one of your uploads that has not been sent with a message',
        params: AttachmentParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await attachments.remove(currentUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
