/**
 * "Sign in with …": the authorization code flow with PKCE against the
 * organisation's OpenID Connect provider (openid-client), and the desk
 * account the person signs in as (matched by verified e-mail, or created as
 * a requester, with roles and groups from the admin's rules).
 */
import { createHmac, randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import { inTransaction } from '../db/transaction.ts';
import { listGroups } from '../db/desk.repository.ts';
import { findUserById, findUserForLogin, insertUser, setUserGroups, updateUser } from '../db/users.repository.ts';
import { DeskError } from '../errors.ts';
import type { User } from '../engine/people/people.schema.ts';
import { openSession } from '../services/auth.service.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { findIdentityLink, hasIdentityLink, insertIdentityLink, touchIdentityLink } from './identity-links.repository.ts';
import { mapClaims } from './role-rules.ts';
import { isLoopback, type OidcConfig } from './sign-in.config.ts';

/** Why a sign-in through the provider did not happen; the sign-in page says each plainly. */
export type OidcFailure =
  | 'state'
  | 'provider-refused'
  | 'token-refused'
  | 'email-unverified'
  | 'no-account'
  | 'account-deactivated'
  | 'unavailable';

export class OidcSignInError extends Error {
  constructor(readonly failure: OidcFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** What the browser keeps (in a signed cookie) between leaving for the provider and coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/** How long a person may take at the provider before coming back. */
export const pendingLifetimeSeconds = 10 * 60;

export function oidcConfigOf(desk: DeskContext): OidcConfig {
  const config = desk.config.signIn.oidc;
  if (!config) throw new DeskError(404, 'not-found', 'Sign-in with an identity provider is not set up on this desk');
  return config;
}

/** Where the provider sends people back: `OIDC_REDIRECT_URL`, or the desk's public URL (known once it listens). */
export const redirectUrlOf = (desk: DeskContext) => oidcConfigOf(desk).redirectUrl ?? `${desk.config.publicUrl}/api/auth/oidc/callback`;

/** The key that signs the pending sign-in cookie: derived from the client secret, so it survives a restart and differs per provider. */
export const cookieKeyOf = (config: OidcConfig) => createHmac('sha256', config.clientSecret).update('deskwright oidc pending sign-in').digest('base64url');

// The provider's metadata, found once per configuration; a failure is not kept, so the next sign-in tries again.
const discovered = new WeakMap<OidcConfig, Promise<oidc.Configuration>>();

async function providerOf(config: OidcConfig): Promise<oidc.Configuration> {
  let found = discovered.get(config);
  if (!found) {
    found = oidc.discovery(new URL(config.issuer), config.clientId, undefined, oidc.ClientSecretBasic(config.clientSecret), {
      execute: isLoopback(config.issuer) ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
    discovered.set(config, found);
    found.catch(() => discovered.delete(config));
  }
  try {
    return await found;
  } catch (error) {
    throw new OidcSignInError('unavailable', `The identity provider at ${config.issuer} could not be reached: ${(error as Error).message}`, { cause: error });
  }
}

/** A path on this desk to land on after signing in; anything else (another site, `//host`) becomes `/`. */
export const localPath = (value: string | undefined) => (value && /^\/(?![/\\])/.test(value) ? value : '/');

/** Where to send the browser, and what it must bring back. */
export async function startOidcSignIn(desk: DeskContext, returnTo: string | undefined): Promise<{ url: string; pending: PendingSignIn }> {
  const config = oidcConfigOf(desk);
  const provider = await providerOf(config);
  const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), returnTo: localPath(returnTo) };
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUrlOf(desk),
    scope: config.scopes,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, pending };
}

/**
 * Takes the provider's answer (`search`: the callback's query string):
 * checks state, exchanges the code with the PKCE verifier, validates the ID
 * token (signature, issuer, audience, expiry, nonce), then finds or creates
 * the account and opens a desk session.
 */
export async function finishOidcSignIn(
  desk: DeskContext,
  search: string,
  pending: PendingSignIn | undefined,
): Promise<{ user: User; sessionSecret: string; expiresAt: Date; returnTo: string }> {
  const config = oidcConfigOf(desk);
  if (!pending) throw new OidcSignInError('state', 'The sign-in was not started here, took too long, or its cookie was changed');
  const current = new URL(redirectUrlOf(desk));
  current.search = search;
  if (current.searchParams.get('state') !== pending.state) throw new OidcSignInError('state', 'The state the provider sent back is not the one this browser was given');
  if (current.searchParams.has('error')) {
    throw new OidcSignInError('provider-refused', `The identity provider refused: ${current.searchParams.get('error')} ${current.searchParams.get('error_description') ?? ''}`.trim());
  }
  const provider = await providerOf(config);
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(provider, current, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
    const idClaims = tokens.claims()!;
    // Providers that conform to the spec put scope claims (email, groups) in the UserInfo answer, not in the ID token.
    const info = provider.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(provider, tokens.access_token, idClaims.sub) : {};
    claims = { ...info, ...idClaims };
  } catch (error) {
    throw new OidcSignInError('token-refused', `The identity provider's answer was refused: ${(error as Error).message}`, { cause: error });
  }
  const user = await accountFor(desk, config, claims);
  return { user, ...(await openSession(desk, user.id)), returnTo: pending.returnTo };
}

/** The account a provider's person signs in as, in one transaction: linked before, matched by verified e-mail, or created. */
async function accountFor(desk: DeskContext, config: OidcConfig, claims: Record<string, unknown>): Promise<User> {
  const subject = String(claims.sub);
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email || claims.email_verified !== true) {
    throw new OidcSignInError('email-unverified', 'The identity provider does not vouch for this person\'s e-mail address (email_verified is not true)');
  }
  const now = desk.now().toISOString();
  const user = await inTransaction(desk.db, async (trx) => {
    const known = new Set((await listGroups(trx)).map((g) => g.id));
    const mapped = mapClaims(claims, config.rules, config.groupsClaim);
    const groups = mapped.groups.filter((g) => known.has(g));
    const link = await findIdentityLink(trx, config.issuer, subject);
    let found = link ? await findUserById(trx, link.userId) : (await findUserForLogin(trx, email))?.user;
    if (found && !link) await insertIdentityLink(trx, { issuer: config.issuer, subject, userId: found.id, email, createdAt: now, lastSignInAt: now });
    if (link) await touchIdentityLink(trx, config.issuer, subject, now);
    if (!found) {
      if (!config.createAccounts) throw new OidcSignInError('no-account', `The desk has no account for ${email}, and creates none on sign-in`);
      const id = randomUUID();
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email.split('@')[0]!;
      await insertUser(trx, { id, email, name, roles: mapped.roles, locale: 'en', timeZone: 'UTC', passwordHash: null, createdAt: now });
      await setUserGroups(trx, id, groups);
      await insertIdentityLink(trx, { issuer: config.issuer, subject, userId: id, email, createdAt: now, lastSignInAt: now });
      found = (await findUserById(trx, id))!;
    } else if (config.syncRoles && found.email !== desk.config.signIn.breakGlassEmail && !found.deactivatedAt) {
      await updateUser(trx, found.id, { roles: mapped.roles });
      await setUserGroups(trx, found.id, groups);
      found = (await findUserById(trx, found.id))!;
    }
    return found;
  });
  if (user.deactivatedAt) throw new OidcSignInError('account-deactivated', 'This account is deactivated; ask an admin of the desk to reactivate it');
  return user;
}

/**
 * Where to send the browser after the desk session ended, so the provider
 * signs the person out too (RP-initiated logout), or null when the provider
 * offers no end_session_endpoint or the person never signed in through it.
 */
export async function endSessionUrl(desk: DeskContext, userId: string | undefined): Promise<string | null> {
  const config = desk.config.signIn.oidc;
  if (!config || !userId || !(await hasIdentityLink(desk.db, userId))) return null;
  let provider: oidc.Configuration;
  try {
    provider = await providerOf(config);
  } catch {
    return null;
  }
  if (!provider.serverMetadata().end_session_endpoint) return null;
  return oidc.buildEndSessionUrl(provider, { client_id: config.clientId, post_logout_redirect_uri: `${desk.config.publicUrl}/` }).href;
}

/** What the admin page shows: whether sign-in through the provider works, and its rules. */
export async function oidcStatus(desk: DeskContext) {
  const { oidc: config, passwords, breakGlassEmail } = desk.config.signIn;
  if (!config) return { enabled: false as const, passwords, breakGlassEmail: breakGlassEmail ?? null };
  const known = new Set((await listGroups(desk.db)).map((g) => g.id));
  let reachable = true;
  let problem: string | null = null;
  try {
    await providerOf(config);
  } catch (error) {
    reachable = false;
    problem = (error as Error).message;
  }
  return {
    enabled: true as const,
    passwords,
    breakGlassEmail: breakGlassEmail ?? null,
    name: config.name,
    issuer: config.issuer,
    clientId: config.clientId,
    redirectUrl: redirectUrlOf(desk),
    reachable,
    problem,
    createAccounts: config.createAccounts,
    syncRoles: config.syncRoles,
    groupsClaim: config.groupsClaim,
    rules: config.rules.map((r) => ({ ...r, claim: r.claim ?? config.groupsClaim, unknownGroups: r.groups.filter((g) => !known.has(g)) })),
  };
}
