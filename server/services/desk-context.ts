/** What every service is handed: the database, the configuration and the clock. */
import type { DeskConfig } from '../config.ts';
import type { DeskDb } from '../db/database.ts';

export interface DeskContext {
  db: DeskDb;
  config: DeskConfig;
  /** The time; tests pass a fixed clock. */
  now: () => Date;
  /** Called after a transaction that queued notifications, so delivery starts at once. */
  onOutboxWritten?: (what?: { webhooks?: boolean }) => void;
  /** Called after a transaction that changed or created tickets, so the escalation scheduler looks soon. */
  onTicketChanged?: () => void;
  /** Called after a manager starts mailing an announcement, so the mailer begins at once. */
  onAnnouncementMailing?: () => void;
  /** Called after an admin changed a mail channel, so the mail poller reconnects. */
  onMailChannelsChanged?: () => void;
  /** Set when the desk has begun shutting down: /readyz answers 503 so no new traffic comes. */
  shuttingDown?: boolean;
}
