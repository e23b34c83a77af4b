import { Type, type Static } from 'typebox';
import { Timestamp } from './common.js';

/** What a conversation accepts, recognised by the file's first bytes (never its name). */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The multipart field that carries the file. */
export const ATTACHMENT_FIELD = 'file';
/** At most this many files on one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
/** Longer display names are shortened (the extension is kept). */
export const FILE_NAME_MAX_LENGTH = 200;

export const AttachmentView = Type.Object({
  id: Type.String(),
  /** For display only: what the uploader called it, without any folder part. */
  fileName: Type.String(),
  contentType: Type.Enum([...ATTACHMENT_TYPES]),
  sizeBytes: Type.Integer(),
  /** GET it (signed in) to download; images are served inline, so it works as an <img> src. */
  url: Type.String(),
  /** Show a thumbnail; otherwise a link. */
  isImage: Type.Boolean(),
  createdAt: Timestamp,
});
export type AttachmentView = Static<typeof AttachmentView>;

export const AttachmentParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export type AttachmentParams = Static<typeof AttachmentParams>;

/** For a message body: the ids of the caller's own uploads to link to the message. */
export const AttachmentIds = Type.Array(Type.String({ format: 'uuid' }), {
  maxItems: MAX_ATTACHMENTS_PER_MESSAGE,
  uniqueItems: true,
});
export type AttachmentIds = Static<typeof AttachmentIds>;
