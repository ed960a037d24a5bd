/**
 * The one-click links in approval mails: `<vote>.<expires>.<mac>`, an
 * HMAC-SHA256 over the vote, its ticket and step and the expiry, with the
 * desk's own key. A link names one approver's vote on one step, so it
 * cannot decide another step; the vote is decided once, so it works once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a link stays valid. */
export const linkLifetimeDays = 14;

export interface LinkClaims {
  voteId: number;
  ticketId: number;
  stepId: string;
  expiresAt: Date;
}

const mac = (secret: string, c: LinkClaims) =>
  createHmac('sha256', secret).update(`approval:${c.voteId}:${c.ticketId}:${c.stepId}:${Math.floor(c.expiresAt.getTime() / 1000)}`).digest('base64url');

export function signLink(secret: string, claims: LinkClaims): string {
  return `${claims.voteId}.${Math.floor(claims.expiresAt.getTime() / 1000)}.${mac(secret, claims)}`;
}

/** The vote and expiry a link names, before its signature is checked against what the vote belongs to. */
export function parseLink(token: string): { voteId: number; expiresAt: Date; mac: string } | null {
  const m = /^(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  return { voteId: Number(m[1]), expiresAt: new Date(Number(m[2]) * 1000), mac: m[3]! };
}

export function linkSignatureHolds(secret: string, claims: LinkClaims, given: string): boolean {
  const want = Buffer.from(mac(secret, claims));
  const got = Buffer.from(given);
  return want.length === got.length && timingSafeEqual(want, got);
}
