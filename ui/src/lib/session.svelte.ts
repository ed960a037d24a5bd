/** Who is signed in, loaded once at start and after signing in or out. */
import { api, call } from './api/client.ts';
import { isProblem } from './api/problem.ts';
import type { Me } from './api/types.ts';

const staffRoles = ['agent', 'specialist', 'manager', 'admin'];

class Session {
  user = $state<Me | null>(null);
  /** loading until /api/me has answered; failed when the desk could not be reached. */
  status = $state<'loading' | 'ready' | 'failed'>('loading');

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

  async signOut() {
    try {
      await call(api.auth.auth.logout.$post());
    } finally {
      this.user = null;
    }
  }
}

export const session = new Session();
