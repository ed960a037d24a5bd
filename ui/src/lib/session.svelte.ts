/** Who is signed in, loaded once at start and after signing in or out. */
import { api, call } from './api/client.ts';
import { isProblem } from './api/problem.ts';
import type { Me, PreferencesChange } from './api/types.ts';
import { i18n } from './i18n/i18n.svelte.ts';
import { signInApi } from './sign-in/api.ts';

const staffRoles = ['agent', 'specialist', 'manager', 'admin'];

class Session {
  #user = $state<Me | null>(null);
  /** loading until /api/me has answered; failed when the desk could not be reached. */
  status = $state<'loading' | 'ready' | 'failed'>('loading');

  /** The signed-in person; the UI speaks their chosen language and shows times in their chosen zone. */
  get user(): Me | null {
    return this.#user;
  }
  set user(user: Me | null) {
    this.#user = user;
    i18n.follow(user);
  }

  get isStaff(): boolean {
    return this.user?.roles.some((r) => staffRoles.includes(r)) ?? false;
  }

  async load() {
    this.status = 'loading';
    try {
      this.user = (await call(api.auth.me.$get())).user;
      this.status = 'ready';
    } catch (e) {
      this.user = null;
      this.status = isProblem(e) && e.status === 401 ? 'ready' : 'failed';
    }
  }

  async signIn(email: string, password: string) {
    this.user = (await call(api.auth.auth.login.$post({ json: { email, password } }))).user;
  }

  /** Ends the desk session; someone who signed in through the identity provider is sent there to sign out of it too. */
  async signOut() {
    try {
      const { endSessionUrl } = await call(signInApi.auth.oidc.logout.$post());
      if (endSessionUrl) location.assign(endSessionUrl);
    } finally {
      this.user = null;
    }
  }

  /** Saves the person's own language or time zone to their account (null: follow the browser again). */
  async savePreferences(change: PreferencesChange) {
    this.user = (await call(api.auth.me.$patch({ json: change }))).user;
  }
}

export const session = new Session();
