/**
 * A real IMAP server for a test: Debian's dovecot on a random loopback port,
 * with a throwaway configuration, one static user (`desk`, password
 * `desk-secret`) and its Maildir in a temporary folder. Plain IMAP on
 * loopback only; dovecot refuses to hand mail to uid 0, so under root the
 * mailbox belongs to `nobody`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Dovecot's own log, for a failing test's message. */
  log(): string;
  /** Appends a raw message (RFC 5322 text) to a folder of the test mailbox with a real IMAP client. */
  append(raw: string | Buffer, folder?: string): Promise<void>;
  /** A client signed in to the test mailbox, for looking at flags and folders. */
  client(): Promise<ImapFlow>;
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'deskwright-dovecot-'));
  // Dovecot's auth and login processes run as its own unprivileged users: they must reach the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'desk';
  const password = 'desk-secret';
  const me = userInfo();
  // uid 0 may not own mail; `nobody` (65534 on Debian) does instead.
  const [uid, gid] = me.uid === 0 ? [65534, 65534] : [me.uid, me.gid];
  const home = join(dir, 'home');
  mkdirSync(join(home, 'Maildir'), { recursive: true });
  if (me.uid === 0) {
    chownSync(home, uid, gid);
    chownSync(join(home, 'Maildir'), uid, gid);
  }
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}:${uid}:${gid}::${home}\n`);
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
mailbox_idle_check_interval = 1 secs
first_valid_uid = ${Math.min(uid, 500)}
first_valid_gid = ${Math.min(gid, 500)}
${me.uid === 0 ? '' : `default_internal_user = ${me.username}\ndefault_login_user = ${me.username}\ndefault_internal_group = ${me.username}`}
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Archive {
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`;
  writeFileSync(join(dir, 'dovecot.conf'), config);
  const child: ChildProcess = spawn('/usr/sbin/dovecot', ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    if (await accepting(port)) break;
    if (child.exitCode !== null || i > 100) {
      child.kill('SIGKILL');
      throw new Error(`dovecot did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const client = async () => {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
    await c.connect();
    return c;
  };
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    log: () => { try { return readFileSync(join(dir, 'dovecot.log'), 'utf8'); } catch { return ''; } },
    async append(raw, folder = 'INBOX') {
      const c = await client();
      try {
        await c.append(folder, raw);
      } finally {
        await c.logout();
      }
    },
    client,
    async close() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
