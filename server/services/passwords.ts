/** Password hashing with scrypt from node:crypto, in a self-describing string. */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's Password Storage Cheat Sheet: N=2^17, r=8, p=1 (128 MiB of memory
 * per hash). A stored hash of lower cost is rehashed at its next sign-in.
 */
export const scryptParams: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const keyLength = 32;
/** The strongest parameters a stored hash may ask for, so a tampered row cannot make a sign-in take gigabytes. */
const maxCost = { N: 2 ** 20, r: 16, p: 16 };

function scrypt(password: string, salt: Buffer, length: number, options: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node refuses above maxmem (32 MiB by default).
  const maxmem = 128 * options.N * options.r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFKC'), salt, length, { ...options, maxmem } satisfies ScryptOptions, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64url. `params` other than the default are for tests of older hashes. */
export async function hashPassword(password: string, params: ScryptParams = scryptParams): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, keyLength, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | undefined {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !hash) return undefined;
  if (!Object.values(params).every(Number.isInteger) || params.N > maxCost.N || params.r > maxCost.r || params.p > maxCost.p) return undefined;
  return { params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.hash.length, parsed.params);
  return timingSafeEqual(key, parsed.hash);
}

/** Whether a stored hash was made at a lower cost than the desk's current one. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.params;
  const memory = (q: ScryptParams) => q.N * q.r;
  return memory(parsed.params) < memory(scryptParams) || N * r * p < scryptParams.N * scryptParams.r * scryptParams.p;
}

/** A password people can type, for the first admin when none is configured. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
