/**
 * Ticket attachments on disk, in a folder beside the SQLite file so a backup
 * of one is next to the other. Each file is named by the SHA-256 of its
 * content: the same screenshot attached to ten tickets is stored once, and
 * a name can never point at different bytes later.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { invalid } from '../errors.ts';
import { policyAllows, type AttachmentPolicy } from '../engine/workflow/attachment-policy.ts';
import { sniffType } from './sniff-type.ts';

export interface StoredAttachment {
  sha256: string;
  size: number;
  /** Sniffed from the content, never the type the client declared. */
  contentType: string;
  /** Cleaned, safe to put in a Content-Disposition header. */
  filename: string;
}

/** Where the attachments of this database live. */
export function attachmentDir(dbFile: string): string {
  // An in-memory (or better-sqlite3's anonymous '') database has no folder to sit beside.
  // Per process, because such a database dies with it; sharing across runs is harmless
  // since a name always means the same bytes.
  if (dbFile === ':memory:' || dbFile === '') return join(tmpdir(), `deskwright-attachments-${process.pid}`);
  return `${dbFile}.attachments`;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The file for a hash, sharded by its first two characters so no folder grows huge. */
export function attachmentPath(dir: string, sha256: string): string {
  // The hash arrives from URLs; anything but hex could walk out of the folder.
  if (!SHA256.test(sha256)) {
    throw invalid('That is not an attachment id', [{ path: 'sha256', message: 'must be 64 hexadecimal characters (0-9, a-f)' }]);
  }
  return join(dir, sha256.slice(0, 2), sha256);
}

const MAX_FILENAME = 200;
// Control characters could split a header (\r\n); bidi controls can make "gpj.exe"
// read as "exe.jpg"; zero-width characters hide what the name really is.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** A name safe to show and to send back in Content-Disposition; never empty. */
export function cleanFilename(raw: string): string {
  // Browsers used to send "C:\Users\me\report.pdf"; only the last part is the name.
  const base = raw.normalize('NFC').replace(UNSAFE_CHARS, '').split(/[\\/]/).pop() ?? '';
  let name = base.replace(/"/g, "'").trim();
  if (name === '' || /^\.+$/.test(name)) return 'attachment';
  const chars = Array.from(name); // by code point, so an emoji is never cut in half
  if (chars.length > MAX_FILENAME) {
    // Keep the extension: it is what lets the person who downloads it open it.
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
    const keep = extension.length > 0 && extension.length <= 20 ? extension : [];
    name = chars.slice(0, MAX_FILENAME - keep.length).join('').trimEnd() + keep.join('');
  }
  return name;
}

/** "12.3 MB", "512 KB", "300 bytes". */
function formatSize(bytes: number, round: (n: number) => number = Math.round): string {
  const units: [number, string][] = [
    [1024 * 1024, 'MB'],
    [1024, 'KB'],
  ];
  for (const [unit, label] of units) {
    if (bytes >= unit) return `${round((bytes / unit) * 10) / 10} ${label}`;
  }
  return `${bytes} bytes`;
}

/** Checks the file against the policy and stores it; a refusal is a 422 the person can act on. */
export async function storeAttachment(dir: string, bytes: Uint8Array, filename: string, policy: AttachmentPolicy): Promise<StoredAttachment> {
  const name = cleanFilename(filename);
  if (bytes.byteLength > policy.maxBytes) {
    const limit = formatSize(policy.maxBytes, Math.floor);
    let size = formatSize(bytes.byteLength);
    // A file just over the limit must not read "10 MB; the limit is 10 MB".
    if (size === limit) size = formatSize(bytes.byteLength, Math.ceil);
    const message = `"${name}" is ${size}; the limit is ${limit}`;
    throw invalid(message, [{ path: 'attachments', message }]);
  }
  const contentType = sniffType(bytes, name);
  if (!policyAllows(policy, contentType)) {
    const message = `"${name}" is ${contentType}, which this form does not accept`;
    throw invalid(message, [{ path: 'attachments', message }]);
  }

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const target = attachmentPath(dir, sha256);
  if (!(await hasFile(target, bytes.byteLength))) await writeAtomically(target, bytes);
  return { sha256, size: bytes.byteLength, contentType, filename: name };
}

/** The stored bytes, or null when there is no such attachment. */
export async function readAttachment(dir: string, sha256: string): Promise<Uint8Array | null> {
  const path = attachmentPath(dir, sha256);
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

async function hasFile(path: string, size: number): Promise<boolean> {
  try {
    // Only ever renamed into place whole, so the right size means the right file.
    return (await stat(path)).size === size;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/**
 * Temp file in the same folder (a rename is only atomic within one file
 * system), flushed to disk, then renamed: a crash leaves at most a stray
 * temp file, never a short file under the final name.
 */
async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const folder = dirname(target);
  await mkdir(folder, { recursive: true });
  const temp = join(folder, `.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    // Another request stored the same bytes first (Windows refuses to rename over it).
    if (await hasFile(target, bytes.byteLength)) return;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
