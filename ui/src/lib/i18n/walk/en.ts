/** Words for the fixes from the new user's walk (issue 21): stale pages, the requester's "who and when", claims, conflicts. */
export const walkEn = {
  'stale.notice': 'This page could not be refreshed, so it may be out of date: {detail}',
  'stale.retry': 'Refresh now',

  'event.took': '{who} took it',

  'ticket.workingOn': '{name} is working on it.',
  'ticket.waitingForSomeone': 'Nobody has picked it up yet; the team will soon.',
  'ticket.replyBy': 'Expect a reply by {when}.',
  'ticket.resolveBy': 'We aim to resolve it by {when}.',

  'simulate.busy': 'Running the simulation…',

  'desk.conflict': '{who} saved this {what} (revision {n}) after you opened it. Their version is shown below; yours is kept in the form.',
  'desk.conflictTheirs': 'Their version',
  'desk.conflictKeepMine': 'Save mine over theirs',
  'desk.conflictLoadTheirs': 'Use their version',
  'desk.someone': 'Another admin',
  'desk.delete': 'Delete',
  'desk.deleteConfirm': 'Delete {name}? This cannot be undone.',
  'desk.deleted': '{name} was deleted.',
  'desk.inUse': '{name} cannot be deleted while something uses it:',
} as const;

export type WalkKey = keyof typeof walkEn;
export type WalkMessages = Record<WalkKey, string>;
