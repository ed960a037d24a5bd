/** The shapes screens work with, read off the typed client's answers. */
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { api } from './client.ts';

export type Me = InferResponseType<typeof api.auth.me.$get, 200>['user'];
export type CatalogEntry = InferResponseType<typeof api.catalog.catalog.$get, 200>['items'][number];
export type FormField = CatalogEntry['form']['fields'][number];
export type LocalisedText = CatalogEntry['name'];
export type TicketPage = InferResponseType<typeof api.tickets.tickets.$get, 200>;
export type Ticket = TicketPage['items'][number];
export type TicketDetail = InferResponseType<(typeof api.tickets.tickets)[':id']['$get'], 200>;
export type TicketEvent = TicketDetail['events'][number];
export type SlaFacts = NonNullable<TicketDetail['sla']>['response'];
export type TicketOptions = InferResponseType<(typeof api.options.tickets)[':id']['options']['$get'], 200>;
export type QueueWithCounts = InferResponseType<typeof api.tickets.queues.$get, 200>['items'][number];
export type SavedView = InferResponseType<typeof api.views.views.$get, 200>['items'][number];
export type Attachment = InferResponseType<(typeof api.files.workflows)[':id']['attachments']['$post'], 201>['items'][number];
export type PreferencesChange = InferRequestType<typeof api.auth.me.$patch>['json'];
