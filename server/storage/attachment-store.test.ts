import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskError } from '../errors.ts';
import { attachmentPolicy } from '../engine/workflow/attachment-policy.ts';
import { attachmentDir, attachmentPath, cleanFilename, readAttachment, storeAttachment } from './attachment-store.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/attachments/${name}`, import.meta.url)));
const policy = attachmentPolicy.parse({});
const MiB = 1024 * 1024;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deskwright-attachments-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under dir, temp files included. */
const filesIn = (root: string) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));

/** The DeskError a call throws, so a test can read what the person would see. */
async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeskError);
  return error as DeskError;
}

describe('storeAttachment', () => {
  it('stores a file under its SHA-256 and reads the same bytes back', async () => {
    const png = fixture('pixel.png');
    const stored = await storeAttachment(dir, png, 'pixel.png', policy);
    expect(stored).toMatchObject({ size: png.byteLength, contentType: 'image/png', filename: 'pixel.png' });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(filesIn(dir)).toEqual([join(stored.sha256.slice(0, 2), stored.sha256)]);
    expect(await readAttachment(dir, stored.sha256)).toEqual(png);
  });

  it('keeps one file when the same content is attached twice, under any name', async () => {
    const pdf = fixture('header.pdf');
    const first = await storeAttachment(dir, pdf, 'invoice.pdf', policy);
    const second = await storeAttachment(dir, pdf, 'invoice (copy).pdf', policy);
    expect(second.sha256).toBe(first.sha256);
    expect(second.filename).toBe('invoice (copy).pdf');
    expect(filesIn(dir)).toHaveLength(1);
  });

  it('leaves no temp files behind, even when many uploads of the same file race', async () => {
    const txt = fixture('notes.txt');
    await Promise.all(Array.from({ length: 8 }, () => storeAttachment(dir, txt, 'notes.txt', policy)));
    await storeAttachment(dir, fixture('pixel.gif'), 'pixel.gif', policy);
    const files = filesIn(dir);
    expect(files).toHaveLength(2);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an HTML page disguised as a .png, judging by content not name', async () => {
    const error = await refusal(storeAttachment(dir, fixture('image.png'), 'image.png', policy));
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([{ path: 'attachments', message: '"image.png" is application/octet-stream, which this form does not accept' }]);
    expect(filesIn(dir)).toEqual([]);
  });

  it('says how big the file is and what the limit is', async () => {
    const big = new Uint8Array(Math.round(12.3 * MiB));
    big.set(fixture('header.pdf'));
    const error = await refusal(storeAttachment(dir, big, 'big.pdf', policy));
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([{ path: 'attachments', message: '"big.pdf" is 12.3 MB; the limit is 10 MB' }]);
    // One byte over must not read as equal to the limit.
    const justOver = await refusal(storeAttachment(dir, new Uint8Array(10 * MiB + 1), 'big.pdf', policy));
    expect(justOver.message).toBe('"big.pdf" is 10.1 MB; the limit is 10 MB');
    expect(filesIn(dir)).toEqual([]);
  });

  it('honours a workflow policy with a wildcard and a smaller limit', async () => {
    const imagesOnly = attachmentPolicy.parse({ maxBytes: 500, types: ['Image/*'] });
    await expect(storeAttachment(dir, fixture('pixel.gif'), 'pixel.gif', imagesOnly)).resolves.toMatchObject({ contentType: 'image/gif' });
    const pdf = await refusal(storeAttachment(dir, fixture('header.pdf'), 'header.pdf', imagesOnly));
    expect(pdf.message).toBe('"header.pdf" is application/pdf, which this form does not accept');
    const big = await refusal(storeAttachment(dir, new Uint8Array(501), 'x.png', imagesOnly));
    expect(big.message).toBe('"x.png" is 501 bytes; the limit is 500 bytes');
  });
});

describe('attachmentPath and readAttachment', () => {
  it('refuses anything but a SHA-256, so a path cannot walk out of the folder', async () => {
    for (const bad of ['../../etc/passwd', `../${'a'.repeat(61)}`, 'A'.repeat(64), '', `${'a'.repeat(64)}/`]) {
      expect(() => attachmentPath(dir, bad)).toThrow(DeskError);
    }
    const error = await refusal(readAttachment(dir, '../../etc/passwd'));
    expect(error.status).toBe(422);
  });

  it('answers null for an attachment that was never stored', async () => {
    expect(await readAttachment(dir, 'f'.repeat(64))).toBeNull();
  });

  it('shards by the first two characters of the hash', () => {
    const sha = `ab${'c'.repeat(62)}`;
    expect(attachmentPath(dir, sha)).toBe(join(dir, 'ab', sha));
  });
});

describe('attachmentDir', () => {
  it('sits beside the database file, or in the temp folder for an in-memory one', () => {
    expect(attachmentDir('/var/lib/deskwright/desk.db')).toBe('/var/lib/deskwright/desk.db.attachments');
    expect(attachmentDir(':memory:').startsWith(tmpdir())).toBe(true);
  });
});

describe('cleanFilename', () => {
  it('drops folders and control characters that could split a header', () => {
    expect(cleanFilename('../../evil\r\n.txt')).toBe('evil.txt');
    expect(cleanFilename('C:\\Users\\sam\\report.pdf')).toBe('report.pdf');
    expect(cleanFilename('  name\u0000with\u202enul.txt  ')).toBe('namewithnul.txt');
  });

  it('never returns an empty name', () => {
    for (const raw of ['', '   ', '../', '..', '\r\n', '/']) expect(cleanFilename(raw)).toBe('attachment');
  });

  it('caps a long name at 200 characters and keeps its extension', () => {
    const cleaned = cleanFilename(`${'x'.repeat(300)}.pdf`);
    expect(Array.from(cleaned)).toHaveLength(200);
    expect(cleaned.endsWith('.pdf')).toBe(true);
  });

  it('uses the cleaned name in what it stores', async () => {
    const stored = await storeAttachment(dir, fixture('notes.txt'), '../../evil\r\n.txt', policy);
    expect(stored.filename).toBe('evil.txt');
  });
});

describe('attachmentPolicy', () => {
  it('defaults to 10 MB of everyday office files, without SVG or HTML', () => {
    expect(policy.maxBytes).toBe(10 * MiB);
    expect(policy.types).toEqual(expect.arrayContaining(['image/png', 'application/pdf', 'text/plain', 'text/csv']));
    expect(policy.types).not.toContain('image/svg+xml');
    expect(policy.types).not.toContain('text/html');
  });

  it('refuses settings an admin could get wrong', () => {
    expect(attachmentPolicy.safeParse({ types: ['*/*'] }).success).toBe(false);
    expect(attachmentPolicy.safeParse({ types: ['pdf'] }).success).toBe(false);
    expect(attachmentPolicy.safeParse({ types: [] }).success).toBe(false);
    expect(attachmentPolicy.safeParse({ maxBytes: 0 }).success).toBe(false);
    expect(attachmentPolicy.safeParse({ maxSize: 5 }).success).toBe(false);
  });
});
