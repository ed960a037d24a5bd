/**
 * The problems feature's words in English: its keys are the set the other
 * problems catalogues must translate (each is typed `ProblemMessages`).
 * `{name}` marks a value filled in when shown.
 */
export const problemsEn = {
  'incidents.title': 'Incidents this problem causes',
  'incidents.empty': 'No incidents are linked yet.',
  'incidents.add': 'Link an incident (ticket id)',
  'incidents.link': 'Link',
  'incidents.unlink': 'Unlink {number}',
  'known.title': 'Known error',
  'known.intro': 'Agents are offered it on incidents with these symptom words or this service.',
  'known.symptom': 'Symptom',
  'known.workaround': 'Workaround',
  'known.rootCause': 'Root cause (staff only)',
  'known.service': 'Service it affects (optional)',
  'known.anyService': 'Any service',
  'known.language': 'Language',
  'known.publish': 'Publish known error',
  'known.save': 'Save known error',
  'known.retire': 'Retire',
  'known.retired': 'Retired: no longer offered to agents.',
  'resolve.title': 'Resolve the problem',
  'resolve.notes': 'What was fixed',
  'resolve.incidents': 'Also resolve the {n} open incidents with one message',
  'resolve.message': 'Message to each requester',
  'resolve.submit': 'Resolve',
  'resolve.done': 'Resolved, with {n} incidents.',
  'offer.title': 'Known errors that match',
  'offer.from': 'From {number}',
  'offer.linked': 'linked problem',
  'offer.service': 'same service',
  'offer.symptom': 'same symptoms',
  'offer.apply': 'Apply workaround',
  'offer.reply': 'Reply to the requester',
  'offer.send': 'Send reply',
  'offer.cancel': 'Cancel',
  'offer.applied': 'Workaround applied',
} as const;

export type ProblemKey = keyof typeof problemsEn;
export type ProblemMessages = Partial<Record<ProblemKey, string>>;
