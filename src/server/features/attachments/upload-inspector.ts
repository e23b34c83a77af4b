import { finished, Transform, type Readable } from 'node:stream';
import type { AttachmentType } from '../../../shared/contracts/attachments.js';
import { AppError, validationFailed } from '../../errors.js';
import { detectFileType, SNIFF_BYTES } from './file-type.js';

/** A file arriving in a request, as the transport hands it over. */
export interface IncomingFile {
  /** The form field it came in. */
  field: string;
  /** What the sender's disk called it; for display only. */
  fileName: string | undefined;
  stream: Readable;
  /** True once the transport cut the file at its size limit. */
  truncated: () => boolean;
}

const MB = 1024 * 1024;

/** "10 MB", "1.5 MB", "4 KB". */
export const readableSize = (bytes: number) =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export const fileTooLarge = (maxBytes: number) =>
  new AppError('FILE_TOO_LARGE', 413, `The file is larger than the limit of ${readableSize(maxBytes)}`, [
    { field: 'file', message: `must be at most ${readableSize(maxBytes)}` },
  ]);

export const unsupportedFileType = () =>
  new AppError(
    'UNSUPPORTED_FILE_TYPE',
    415,
    'Only images (PNG, JPEG, GIF, WebP) and PDF files can be attached',
    [{ field: 'file', message: 'must be a PNG, JPEG, GIF or WebP image or a PDF' }],
  );

const cutShort = () => new AppError('BAD_REQUEST', 400, 'The file did not arrive whole; send it again');

/**
 * Passes the file through while checking it: its type from the first bytes (the name and the declared
 * type are ignored) and its size. Any refusal fails the stream, so the storage keeps nothing.
 */
export function inspectUpload(file: IncomingFile, maxBytes: number) {
  let head = Buffer.alloc(0);
  let type: AttachmentType | undefined;
  let size = 0;

  const inspector = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(fileTooLarge(maxBytes));
      if (type) return callback(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length < SNIFF_BYTES) return callback();
      type = detectFileType(head);
      return type ? callback(null, head) : callback(unsupportedFileType());
    },
    flush(callback) {
      if (file.truncated()) return callback(fileTooLarge(maxBytes));
      if (size === 0) return callback(validationFailed([{ field: 'file', message: 'is empty' }]));
      if (type) return callback();
      // Shorter than SNIFF_BYTES: decide on what there is.
      type = detectFileType(head);
      return type ? callback(null, head) : callback(unsupportedFileType());
    },
  });

  // The file may be refused before the storage starts reading; the stream keeps the error for it.
  inspector.on('error', () => undefined);
  // pipe() forwards neither errors nor an aborted request; without this the storage would wait forever.
  finished(file.stream, (error) => {
    if (error) inspector.destroy(cutShort());
  });
  file.stream.pipe(inspector);

  return {
    stream: inspector as Readable,
    /** After the stream was stored whole. */
    result(): { type: AttachmentType; size: number } {
      if (!type) throw new Error('the upload was not inspected to its end');
      return { type, size };
    },
  };
}
