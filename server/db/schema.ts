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
  created_at: Timestamp;
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
}

export interface GroupsTable {
  id: string;
  name: Json;
  tier: string;
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
}

export interface CalendarsTable {
  id: string;
  definition: Json;
}

export interface SlaPoliciesTable {
  id: string;
  definition: Json;
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

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  queues: QueuesTable;
  calendars: CalendarsTable;
  sla_policies: SlaPoliciesTable;
  workflows: WorkflowsTable;
  workflow_versions: WorkflowVersionsTable;
  templates: TemplatesTable;
  counters: CountersTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  outbox: OutboxTable;
}

export type UserRow = Selectable<UsersTable>;
export type TicketRow = Selectable<TicketsTable>;
export type NewTicketRow = Insertable<TicketsTable>;
export type WorkflowVersionRow = Selectable<WorkflowVersionsTable>;
export type OutboxRow = Selectable<OutboxTable>;
