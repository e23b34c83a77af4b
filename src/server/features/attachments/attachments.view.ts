import type { AttachmentType, AttachmentView } from '../../../shared/contracts/attachments.js';
import type { AttachmentRow } from '../../db/schema.js';
import { isImage } from './file-type.js';

export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}`;

export const toAttachmentView = (row: AttachmentRow): AttachmentView => ({
  id: row.id,
  fileName: row.fileName,
  // Only detected types are ever stored.
  contentType: row.contentType as AttachmentType,
  sizeBytes: row.sizeBytes,
  url: attachmentUrl(row.id),
  isImage: isImage(row.contentType),
  createdAt: row.createdAt.toISOString(),
});
