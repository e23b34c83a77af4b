import { describe, expect, it } from 'vitest';
import { contentDisposition, displayFileName, downloadFileName } from './file-name.js';
import { detectFileType } from './file-type.js';

describe('displayFileName', () => {
  it.each([
    ['receipt.pdf', 'receipt.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\photo.png', 'photo.png'],
    ['in\u0000voice\u001b.pdf', 'invoice.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['  spaced.png  ', 'spaced.png'],
    ['', 'attachment'],
    [undefined, 'attachment'],
    ['..', 'attachment'],
    ['folder/', 'attachment'],
    ['रसीद.pdf', 'रसीद.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(displayFileName(raw)).toBe(expected);
  });

  it('shortens long names to 200 characters, keeping the extension', () => {
    expect(displayFileName(`${'x'.repeat(500)}.jpeg`)).toBe(`${'x'.repeat(195)}.jpeg`);
    expect([...displayFileName('क'.repeat(300))]).toHaveLength(200);
  });
});

describe('download names', () => {
  it('adds the extension of the detected type when the name lacks it', () => {
    expect(downloadFileName('photo.exe', 'image/png')).toBe('photo.exe.png');
    expect(downloadFileName('Photo.JPEG', 'image/jpeg')).toBe('Photo.JPEG');
    expect(downloadFileName('scan', 'application/pdf')).toBe('scan.pdf');
  });

  it('writes an RFC 6266 header: inline images, PDFs as attachments, quotes never break out', () => {
    expect(contentDisposition('a "b" \\c%.png', 'image/png')).toBe(
      `inline; filename="a _b_ _c_.png"; filename*=UTF-8''a%20%22b%22%20%5Cc%25.png`,
    );
    expect(contentDisposition("it's (1)*.pdf", 'application/pdf')).toBe(
      `attachment; filename="it's (1)*.pdf"; filename*=UTF-8''it%27s%20%281%29%2A.pdf`,
    );
    expect(contentDisposition('बिल.pdf', 'application/pdf')).toBe(
      `attachment; filename="___.pdf"; filename*=UTF-8''%E0%A4%AC%E0%A4%BF%E0%A4%B2.pdf`,
    );
  });
});

describe('detectFileType', () => {
  const bytes = (...values: number[]) => Buffer.from(values);
  const text = (value: string) => Buffer.from(value, 'latin1');

  it.each([
    [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), 'image/png'],
    [bytes(0xff, 0xd8, 0xff, 0xe1), 'image/jpeg'],
    [text('GIF87a....'), 'image/gif'],
    [text('GIF89a....'), 'image/gif'],
    [text('RIFF\u0000\u0000\u0000\u0000WEBPVP8L'), 'image/webp'],
    [text('%PDF-1.7\n'), 'application/pdf'],
    [text('RIFF\u0000\u0000\u0000\u0000WAVEfmt '), undefined],
    [bytes(0x89, 0x50, 0x4e, 0x47), undefined],
    [text('<svg xmlns="http://www.w3.org/2000/svg">'), undefined],
    [text('<!doctype html>'), undefined],
    [text('MZ\u0090\u0000'), undefined],
    [text('PK\u0003\u0004'), undefined],
    [Buffer.alloc(0), undefined],
  ])('%j → %s', (head, expected) => {
    expect(detectFileType(head)).toBe(expected);
  });
});
