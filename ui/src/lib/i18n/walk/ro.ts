/** The walk's fixes in Română (Romanian). */
import type { WalkMessages } from './en.ts';

export const walkRo: WalkMessages = {
  'stale.notice': 'Pagina nu a putut fi reîmprospătată, deci poate fi depășită: {detail}',
  'stale.retry': 'Reîmprospătează acum',

  'event.took': '{who} l-a preluat',

  'ticket.workingOn': '{name} se ocupă de el.',
  'ticket.waitingForSomeone': 'Nimeni nu l-a preluat încă; echipa o va face în curând.',
  'ticket.replyBy': 'Așteptați un răspuns până la {when}.',
  'ticket.resolveBy': 'Ne propunem să îl rezolvăm până la {when}.',

  'simulate.busy': 'Se rulează simularea…',

  'desk.conflict': '{who} a salvat {what} (revizia {n}) după ce l-ați deschis. Versiunea lor este afișată mai jos; a dumneavoastră rămâne în formular.',
  'desk.conflictTheirs': 'Versiunea lor',
  'desk.conflictKeepMine': 'Salvează versiunea mea peste a lor',
  'desk.conflictLoadTheirs': 'Folosește versiunea lor',
  'desk.someone': 'Alt administrator',
  'desk.delete': 'Șterge',
  'desk.deleteConfirm': 'Ștergeți {name}? Acțiunea nu poate fi anulată.',
  'desk.deleted': '{name} a fost șters.',
  'desk.inUse': '{name} nu poate fi șters cât timp ceva îl folosește:',
};
