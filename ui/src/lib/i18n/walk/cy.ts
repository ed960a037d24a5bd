/** The walk's fixes in Cymraeg (Welsh). */
import type { WalkMessages } from './en.ts';

export const walkCy: WalkMessages = {
  'stale.notice': "Methwyd ag adnewyddu'r dudalen hon, felly efallai ei bod wedi dyddio: {detail}",
  'stale.retry': 'Adnewyddu nawr',

  'event.took': "{who} a'i cymerodd",

  'ticket.workingOn': "Mae {name} yn gweithio arno.",
  'ticket.waitingForSomeone': "Does neb wedi'i godi eto; bydd y tîm yn gwneud yn fuan.",
  'ticket.replyBy': 'Disgwyliwch ateb erbyn {when}.',
  'ticket.resolveBy': 'Rydym yn anelu at ei ddatrys erbyn {when}.',

  'simulate.busy': "Yn rhedeg yr efelychiad…",

  'desk.conflict': "Cadwodd {who} y {what} hwn (adolygiad {n}) ar ôl i chi ei agor. Dangosir eu fersiwn isod; cedwir eich un chi yn y ffurflen.",
  'desk.conflictTheirs': 'Eu fersiwn nhw',
  'desk.conflictKeepMine': "Cadw fy un i dros eu un nhw",
  'desk.conflictLoadTheirs': 'Defnyddio eu fersiwn nhw',
  'desk.someone': 'Gweinyddwr arall',
  'desk.delete': 'Dileu',
  'desk.deleteConfirm': "Dileu {name}? Does dim modd dadwneud hyn.",
  'desk.deleted': "Dilëwyd {name}.",
  'desk.inUse': "Does dim modd dileu {name} tra bod rhywbeth yn ei ddefnyddio:",
};
