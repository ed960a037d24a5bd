import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPreviewableImage, sniffType } from './sniff-type.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/attachments/${name}`, import.meta.url)));
const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);
const ZIP_HEADER = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00);

describe('sniffType', () => {
  it('recognises real images and PDFs by their content, whatever their name', () => {
    expect(sniffType(fixture('pixel.png'), 'pixel.png')).toBe('image/png');
    expect(sniffType(fixture('pixel.png'), 'screenshot.pdf')).toBe('image/png');
    expect(sniffType(fixture('pixel.gif'), 'pixel.gif')).toBe('image/gif');
    expect(sniffType(fixture('header.pdf'), 'invoice')).toBe('application/pdf');
    expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'photo.jpg')).toBe('image/jpeg');
    expect(sniffType(text('RIFF\x24\x00\x00\x00WEBPVP8 '), 'photo.webp')).toBe('image/webp');
  });

  it('does not take an HTML page named .png for an image', () => {
    expect(sniffType(fixture('image.png'), 'image.png')).toBe('application/octet-stream');
  });

  it('lets the extension choose among zip-based office files, and nothing else', () => {
    expect(sniffType(ZIP_HEADER, 'Budget.XLSX')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sniffType(ZIP_HEADER, 'letter.docx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffType(ZIP_HEADER, 'minutes.odt')).toBe('application/vnd.oasis.opendocument.text');
    expect(sniffType(ZIP_HEADER, 'setup.exe')).toBe('application/octet-stream');
    // A .docx name on something that is not a zip is not a Word file.
    expect(sniffType(text('MZ\x90\x00'), 'letter.docx')).toBe('application/octet-stream');
  });

  it('accepts text only under a text name and only when it really is text', () => {
    expect(sniffType(fixture('notes.txt'), 'notes.txt')).toBe('text/plain');
    expect(sniffType(text('when,what\n2024-05-01,crash\n'), 'errors.csv')).toBe('text/csv');
    expect(sniffType(text('<script>alert(1)</script>'), 'page.html')).toBe('application/octet-stream');
    expect(sniffType(bytes(0x68, 0x69, 0x00, 0x21), 'dump.log')).toBe('application/octet-stream');
    expect(sniffType(bytes(0xc3, 0x28), 'broken.txt')).toBe('application/octet-stream');
  });
});

describe('isPreviewableImage', () => {
  it('previews raster images but never SVG or anything else', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) expect(isPreviewableImage(type)).toBe(true);
    for (const type of ['image/svg+xml', 'text/html', 'application/pdf', 'application/octet-stream']) expect(isPreviewableImage(type)).toBe(false);
  });
});
