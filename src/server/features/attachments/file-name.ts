import { FILE_NAME_MAX_LENGTH, type AttachmentType } from '../../../shared/contracts/attachments.js';
import { EXTENSIONS, isImage } from './file-type.js';

// C0/C1 controls, and the bidirectional marks that make "invoice\u202efdp.exe" read as "invoiceexe.pdf".
const isUnsafe = (codePoint: number) =>
  codePoint < 0x20 ||
  (codePoint >= 0x7f && codePoint <= 0x9f) ||
  codePoint === 0x200e ||
  codePoint === 0x200f ||
  (codePoint >= 0x202a && codePoint <= 0x202e) ||
  (codePoint >= 0x2066 && codePoint <= 0x2069);
const FALLBACK = 'attachment';

/** The uploader's file name made safe to display: no folders, no control characters, bounded. */
export function displayFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const clean = [...base]
    .filter((char) => !isUnsafe(char.codePointAt(0) ?? 0))
    .join('')
    .trim();
  if (clean === '' || clean === '.' || clean === '..') return FALLBACK;
  const chars = [...clean];
  if (chars.length <= FILE_NAME_MAX_LENGTH) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 ? [...clean.slice(dot)] : [];
  const keep = extension.length > 0 && extension.length <= 10 ? extension : [];
  return chars.slice(0, FILE_NAME_MAX_LENGTH - keep.length).join('') + keep.join('');
}

/** The name a download is saved under: the display name, with an extension that matches the content. */
export function downloadFileName(fileName: string, type: AttachmentType): string {
  const lower = fileName.toLowerCase();
  const extensions = EXTENSIONS[type];
  return extensions.some((extension) => lower.endsWith(extension)) ? fileName : `${fileName}${extensions[0]}`;
}

// RFC 5987 attr-char: anything else is percent-encoded in filename*.
const encodeExtValue = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * RFC 6266: images open in the browser, PDFs are downloaded. An ASCII `filename` for old clients and
 * the exact name in `filename*` (UTF-8).
 */
export function contentDisposition(fileName: string, type: AttachmentType): string {
  const name = downloadFileName(fileName, type);
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const kind = isImage(type) ? 'inline' : 'attachment';
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
