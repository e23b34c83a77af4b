import type { AttachmentType } from '../../../shared/contracts/attachments.js';

/** Enough of a file's start to tell every accepted type apart (WebP needs 12 bytes). */
export const SNIFF_BYTES = 12;

const ascii = (text: string) => Buffer.from(text, 'latin1');

const startsWith = (head: Buffer, signature: Buffer, offset = 0) =>
  head.length >= offset + signature.length &&
  head.subarray(offset, offset + signature.length).equals(signature);

const SIGNATURES: { type: AttachmentType; matches: (head: Buffer) => boolean }[] = [
  {
    type: 'image/png',
    matches: (h) => startsWith(h, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', matches: (h) => startsWith(h, Buffer.from([0xff, 0xd8, 0xff])) },
  { type: 'image/gif', matches: (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')) },
  { type: 'image/webp', matches: (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8) },
  { type: 'application/pdf', matches: (h) => startsWith(h, ascii('%PDF-')) },
];

/** The type a file's first bytes declare, or undefined for anything we do not accept. */
export function detectFileType(head: Buffer): AttachmentType | undefined {
  return SIGNATURES.find((signature) => signature.matches(head))?.type;
}

export const isImage = (type: string): boolean => type.startsWith('image/');

/** The extensions a downloaded file of each type may keep. */
export const EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
};
