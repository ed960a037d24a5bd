/**
 * The real media type of an uploaded file, from its first bytes. The type a
 * browser declares, and the file name, are whatever the sender chose: an
 * HTML page named "photo.png" must not be stored, or later served, as an image.
 */

const OCTET_STREAM = 'application/octet-stream';

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const PDF = ascii('%PDF-');
const ZIP = [0x50, 0x4b, 0x03, 0x04];

// A zip is only as good as its name: telling a .docx from any zip would mean
// unpacking it, so the extension chooses among the zip-based formats.
const ZIP_BY_EXTENSION: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  zip: 'application/zip',
};

const TEXT_BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
};

function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function isUtf8Text(bytes: Uint8Array): boolean {
  // A NUL is valid UTF-8 but means a binary file, whatever its name says.
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The media type the content really is; `application/octet-stream` when it is none we recognise. */
export function sniffType(bytes: Uint8Array, filename: string): string {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  if (startsWith(bytes, PDF)) return 'application/pdf';
  const extension = extensionOf(filename);
  if (startsWith(bytes, ZIP)) return ZIP_BY_EXTENSION[extension] ?? OCTET_STREAM;
  // Text is only recognised under a text name: "page.html" is valid UTF-8 too.
  const textType = TEXT_BY_EXTENSION[extension];
  if (textType !== undefined && isUtf8Text(bytes)) return textType;
  return OCTET_STREAM;
}

const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Whether the UI may show the file inline with an <img>. Raster formats
 * only: SVG is an image too, but it can carry script.
 */
export function isPreviewableImage(contentType: string): boolean {
  return PREVIEWABLE.has(contentType.toLowerCase());
}
