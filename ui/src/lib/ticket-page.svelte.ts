/** A ticket as its page shows it: the ticket, its SLA and history, and its options, loaded together. */
import { api, call } from './api/client.ts';
import { Resource } from './resource.svelte.ts';

export function ticketPage(id: string) {
  return new Resource(async (signal) => {
    const [detail, options] = await Promise.all([
      call(api.tickets.tickets[':id'].$get({ param: { id } }, { init: { signal } })),
      call(api.options.tickets[':id'].options.$get({ param: { id } }, { init: { signal } })),
    ]);
    return { ...detail, options };
  });
}
