/**
 * Row types of the desk's tables, as Kysely sees them. These never leave
 * `db/`: repositories map them to the shapes services use.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

/** ISO-8601 UTC timestamp text. */
type Timestamp = string;
/** JSON text. */
type Json = string;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  /** JSON array of role names. */
  roles: Json;
  locale: string;
  time_zone: string;
  /** 1 once the person chose their language themselves; until then the UI follows their browser. */
  locale_chosen: Generated<number>;
  /** 1 once the person chose their time zone themselves. */
  time_zone_chosen: Generated<number>;
  created_at: Timestamp;
  /** When an admin deactivated the account; null while it is active. */
  deactivated_at: string | null;
  /** The account this person reports to (approval steps ask "the requester's manager"). */
  manager_id: Generated<string | null>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  name: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
}

export interface GroupsTable {
  id: string;
  name: Json;
  tier: string;
  /** JSON duty rota, or null when the group works without one. */
  rota: Json | null;
  /** Raised by every save; a save based on an older one is refused. */
  revision: Generated<number>;
  updated_at: string | null;
  /** The e-mail address of whoever saved it last (null: the desk itself, e.g. an import). */
  updated_by: string | null;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface QueuesTable {
  id: string;
  name: Json;
  group_id: string;
  manager: string | null;
  /** `manual`, `round-robin` or `least-loaded`. */
  assignment: Generated<string>;
  /** Raised by every save; a save based on an older one is refused. */
  revision: Generated<number>;
  updated_at: string | null;
  /** The e-mail address of whoever saved it last (null: the desk itself, e.g. an import). */
  updated_by: string | null;
}

export interface CalendarsTable {
  id: string;
  definition: Json;
  /** Raised by every save; a save based on an older one is refused. */
  revision: Generated<number>;
  updated_at: string | null;
  /** The e-mail address of whoever saved it last (null: the desk itself, e.g. an import). */
  updated_by: string | null;
}

export interface SlaPoliciesTable {
  id: string;
  definition: Json;
  /** Raised by every save; a save based on an older one is refused. */
  revision: Generated<number>;
  updated_at: string | null;
  /** The e-mail address of whoever saved it last (null: the desk itself, e.g. an import). */
  updated_by: string | null;
}

export interface WorkflowsTable {
  id: string;
  draft: Json;
  draft_revision: number;
  draft_updated_at: Timestamp;
  draft_updated_by: string | null;
  created_at: Timestamp;
}

export interface WorkflowVersionsTable {
  id: Generated<number>;
  workflow_id: string;
  version: number;
  definition: Json;
  note: string | null;
  published_at: Timestamp;
  published_by: string | null;
}

export interface TemplatesTable {
  name: string;
  locale: string;
  subject: string;
  body: string;
  /** `shipped` (may be replaced by a newer shipped default) or `custom` (an admin's, never overwritten). */
  origin: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface TicketsTable {
  id: number;
  workflow_id: string;
  workflow_version_id: number;
  kind: string;
  status: string;
  title: string;
  category: string | null;
  priority: string;
  impact: string | null;
  urgency: string | null;
  queue_id: string;
  assignee_id: string | null;
  requester_id: string;
  fields: Json;
  sla_policy: string;
  response_due_at: Timestamp | null;
  resolution_due_at: Timestamp | null;
  idempotency_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  row_version: number;
  /** The class of `status` (a workflow's own state name): new, open, pending, resolved or closed. */
  state_class: Generated<string>;
  resolution_code: string | null;
  resolution_notes: string | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  first_response_at: Timestamp | null;
  satisfaction_rating: number | null;
  satisfaction_comment: string | null;
  /** When a hierarchical escalation flagged the ticket to its queue's manager. */
  manager_flagged_at: Timestamp | null;
  /** JSON array of the groups whose queues the ticket has been in before the current one. */
  held_by_groups: Generated<Json>;
  /** JSON list of { from, to } periods the SLA clocks stood still; the last may be open (to: null). */
  sla_pauses: Generated<Json>;
  /** Escalation rules fire once per cycle; reopening (or, by policy, resuming the clocks) starts the next. */
  escalation_cycle: Generated<number>;
  /** When the escalation scheduler must next look at the ticket; null: not until it changes. */
  escalation_check_at: Timestamp | null;
  /** When a reopen restarted the resolution clock, by SLA policy. */
  sla_restarted_at: Timestamp | null;
  /** Report facts (server/reports/): the resolution they were computed for, and what the stopped clocks came to. */
  report_stopped_at: Generated<Timestamp | null>;
  report_response_minutes: Generated<number | null>;
  report_response_wall_minutes: Generated<number | null>;
  /** 1 met, 0 breached, null: no target or never answered. */
  report_response_met: Generated<number | null>;
  report_resolution_minutes: Generated<number | null>;
  report_resolution_wall_minutes: Generated<number | null>;
  report_resolution_met: Generated<number | null>;
  report_reopens: Generated<number | null>;
  /** 1 when resolved on first contact: never waited on the requester, escalated or reopened. */
  report_first_contact: Generated<number | null>;
}

export interface EscalationFiringsTable {
  ticket_id: number;
  cycle: number;
  rule: string;
  fired_at: Timestamp;
}

export interface TicketLinksTable {
  ticket_id: number;
  /** `duplicate-of`, `parent-of` or `related-to`, read from ticket_id to other_id. */
  kind: string;
  other_id: number;
  created_at: Timestamp;
  created_by: string | null;
}

export interface AttachmentsTable {
  id: Generated<number>;
  /** Null while an upload for a form waits for the form to be submitted. */
  ticket_id: number | null;
  event_id: number | null;
  /** 1 when it belongs to an internal note: requesters never see it. */
  internal: Generated<number>;
  sha256: string;
  filename: string;
  content_type: string;
  size: number;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface AssignmentTurnsTable {
  queue_id: string;
  user_id: string;
  seq: number;
}

export interface SavedViewsTable {
  id: Generated<number>;
  owner_id: string;
  name: string;
  /** JSON json-logic rule over the ticket. */
  filter: Json;
  created_at: Timestamp;
}

export interface TicketEventsTable {
  id: Generated<number>;
  ticket_id: number;
  type: string;
  actor_id: string | null;
  data: Json;
  created_at: Timestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  ticket_id: number | null;
  /** mail, or webhook (recipient is the URL, text_body the JSON payload). */
  kind: Generated<string>;
  template: string;
  locale: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** pending → sent, or failed (render error, or delivery given up). */
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Timestamp;
  claimed_until: Timestamp | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface AlertSourcesTable {
  id: string;
  name: string;
  /** `alertmanager` (webhook payload version 4) or `generic` (any JSON). */
  kind: string;
  token_hash: string;
  workflow_id: string;
  /** JSON mapping: json-logic rules for fields, dedup key and validate. */
  mapping: Json;
  auto_resolve: number;
  flap_minutes: number;
  /** The account its incidents are logged under (no password, no sign-in). */
  requester_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  token_rotated_at: Timestamp;
  row_version: number;
}

export interface AlertsTable {
  id: Generated<number>;
  source_id: string;
  dedup_key: string;
  /** `firing` or `resolved`, as the monitoring system last said. */
  status: string;
  /** Null (opened an incident at once), or awaiting → accepted | linked | dismissed. */
  review: string | null;
  ticket_id: number | null;
  count: number;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  resolved_at: Timestamp | null;
  labels: Json;
  annotations: Json;
  generator_url: string | null;
  starts_at: string | null;
  /** JSON form fields the mapping produced, to pre-fill an incident. */
  fields: Json;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
}

export interface AlertLogTable {
  id: Generated<number>;
  source_id: string;
  alert_id: number | null;
  ticket_id: number | null;
  received_at: Timestamp;
  dedup_key: string | null;
  status: string | null;
  outcome: string;
  error: string | null;
  /** The alert as received, cut at the log's size cap. */
  raw: string;
  raw_truncated: number;
}

export interface AlertPostsTable {
  source_id: string;
  body_hash: string;
  received_at: Timestamp;
}

export interface KbArticlesTable {
  id: Generated<number>;
  category: string;
  /** public (requesters read it) or internal (staff only). */
  audience: string;
  /** draft, published or archived. */
  status: string;
  row_version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface KbTranslationsTable {
  /** Also the rowid of the article's row in `kb_search`. */
  id: Generated<number>;
  article_id: number;
  locale: string;
  title: string;
  /** Markdown, as written. */
  body: string;
}

export interface KbArticleVersionsTable {
  id: Generated<number>;
  article_id: number;
  row_version: number;
  status: string;
  audience: string;
  category: string;
  /** JSON: locale → { title, body }. */
  translations: Json;
  author_id: string | null;
  created_at: Timestamp;
}

export interface KbDeflectionsTable {
  id: Generated<number>;
  article_id: number;
  workflow_id: string | null;
  user_id: string | null;
  created_at: Timestamp;
}

export interface PreparedAnswersTable {
  id: Generated<number>;
  name: string;
  /** Null: desk-wide. */
  group_id: string | null;
  /** JSON: locale → Handlebars text. */
  texts: Json;
  row_version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** An article used on a ticket: resolved with it, or drafted from its resolution. */
export interface TicketArticlesTable {
  id: Generated<number>;
  ticket_id: number;
  article_id: number;
  use: string;
  created_by: string | null;
  created_at: Timestamp;
}

/** A problem's published known error (issue 15). */
export interface KnownErrorsTable {
  id: Generated<number>;
  problem_id: number;
  service: string | null;
  status: string;
  row_version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface KnownErrorTranslationsTable {
  id: Generated<number>;
  known_error_id: number;
  locale: string;
  symptom: string;
  workaround: string;
  root_cause: string;
}

export interface AnnouncementsTable {
  id: Generated<number>;
  severity: string;
  audience: string;
  /** JSON: locale → { title, body }. */
  translations: Json;
  /** JSON array of workflow ids and service values. */
  services: Json;
  starts_at: Timestamp;
  ends_at: Timestamp;
  ended_at: Timestamp | null;
  incident_ticket_id: number | null;
  row_version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface AnnouncementMailingsTable {
  announcement_id: number;
  status: string;
  cursor: string | null;
  queued: Generated<number>;
  total: number;
  requested_by: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface AnnouncementRecipientsTable {
  announcement_id: number;
  user_id: string;
  created_at: Timestamp;
}

/** An identity provider's person (issuer + subject) and the desk account they sign in as. */
export interface IdentityLinksTable {
  issuer: string;
  subject: string;
  user_id: string;
  /** The verified e-mail address the link was made by. */
  email: string;
  created_at: Timestamp;
  last_sign_in_at: Timestamp;
}

/** An IMAP mailbox the desk reads (server/mail-in/). */
export interface MailChannelsTable {
  id: string;
  name: string;
  host: string;
  port: number;
  /** `tls` (implicit, 993), `starttls` or `none`. */
  security: string;
  username: string;
  /** AES-256-GCM under DESK_SECRET_KEY; never the password itself. */
  password_encrypted: string | null;
  folder: string;
  /** `seen` or `move`. */
  after_read: string;
  move_to: string | null;
  /** The mailbox's own address: mail from it is never a ticket. */
  address: string;
  workflow_id: string;
  mapping: string;
  /** `create` (a requester without a password) or `refuse`. */
  unknown_senders: string;
  max_new_per_hour: number;
  poll_seconds: number;
  enabled: number;
  last_polled_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  row_version: Generated<number>;
}

/** Every message taken from a mail channel, once per mailbox UID. */
export interface MailMessagesTable {
  id: Generated<number>;
  channel_id: string;
  mailbox: string;
  uid_validity: string;
  uid: number;
  message_id: string | null;
  from_address: string | null;
  subject: string | null;
  received_at: string;
  /** created | replied | ignored | held | refused | failed */
  status: string;
  reason: string | null;
  ticket_id: number | null;
}

export interface ApprovalKeysTable {
  id: string;
  secret: string;
  created_at: Timestamp;
}

export interface ApprovalStepsTable {
  id: Generated<number>;
  ticket_id: number;
  step_index: number;
  step_id: string;
  /** JSON: "any", "all" or a number. */
  need: string;
  /** open, approved or rejected. */
  status: string;
  started_at: Timestamp;
  decided_at: Timestamp | null;
  /** When the timeout next needs a look (a reminder or the timeout itself); null when none. */
  next_check_at: Timestamp | null;
  reminders: Generated<number>;
  timed_out_at: Timestamp | null;
}

export interface ApprovalVotesTable {
  id: Generated<number>;
  step_row_id: number;
  ticket_id: number;
  approver_id: string;
  /** null while waiting; approved or rejected. */
  decision: string | null;
  comment: string | null;
  decided_at: Timestamp | null;
  /** "link" (from the mail) or "desk" (signed in). */
  via: string | null;
  created_at: Timestamp;
  link_expires_at: Timestamp;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  queues: QueuesTable;
  calendars: CalendarsTable;
  sla_policies: SlaPoliciesTable;
  escalation_firings: EscalationFiringsTable;
  workflows: WorkflowsTable;
  workflow_versions: WorkflowVersionsTable;
  templates: TemplatesTable;
  counters: CountersTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_links: TicketLinksTable;
  attachments: AttachmentsTable;
  assignment_turns: AssignmentTurnsTable;
  saved_views: SavedViewsTable;
  outbox: OutboxTable;
  alert_sources: AlertSourcesTable;
  alerts: AlertsTable;
  alert_log: AlertLogTable;
  alert_posts: AlertPostsTable;
  kb_articles: KbArticlesTable;
  kb_translations: KbTranslationsTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_deflections: KbDeflectionsTable;
  prepared_answers: PreparedAnswersTable;
  ticket_articles: TicketArticlesTable;
  known_errors: KnownErrorsTable;
  known_error_translations: KnownErrorTranslationsTable;
  announcements: AnnouncementsTable;
  announcement_mailings: AnnouncementMailingsTable;
  announcement_recipients: AnnouncementRecipientsTable;
  identity_links: IdentityLinksTable;
  mail_channels: MailChannelsTable;
  mail_messages: MailMessagesTable;
  approval_keys: ApprovalKeysTable;
  approval_steps: ApprovalStepsTable;
  approval_votes: ApprovalVotesTable;
}

export type UserRow = Selectable<UsersTable>;
export type TicketRow = Selectable<TicketsTable>;
export type NewTicketRow = Insertable<TicketsTable>;
export type WorkflowVersionRow = Selectable<WorkflowVersionsTable>;
export type OutboxRow = Selectable<OutboxTable>;
