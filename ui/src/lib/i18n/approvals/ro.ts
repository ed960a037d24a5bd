/** The approvals pages in română (Romanian). */
import type { ApprovalMessages } from './en.ts';

export const approvalsRo: ApprovalMessages = {
  'nav.awaiting': 'Așteaptă aprobarea mea',

  'link.title': 'Aprobare solicitată',
  'link.intro': 'Vi se cere să aprobați această solicitare. Nimic nu se decide până nu confirmați mai jos.',
  'list.title': 'Așteaptă aprobarea mea',
  'list.intro': 'Solicitări care așteaptă un da sau un nu de la dumneavoastră, cele mai vechi întâi.',
  'list.empty.title': 'Nimic nu vă așteaptă',
  'list.empty.text': 'Când o solicitare are nevoie de aprobarea dumneavoastră, apare aici și primiți un e-mail despre ea.',

  'request.ticket': 'Solicitare',
  'request.title': 'Subiect',
  'request.requester': 'Solicitată de',
  'request.workflow': 'Tip',
  'request.step': 'Pas de aprobare',
  'request.submitted': 'Trimisă',
  'request.answers': 'Ce s-a cerut',

  'decide.legend': 'Decizia dumneavoastră',
  'decide.approve': 'Aprobă',
  'decide.reject': 'Respinge',
  'decide.comment': 'Comentariu (opțional)',
  'decide.commentHelp': 'Intră în istoricul solicitării; dacă respingeți, solicitantul îl primește.',
  'decide.confirm': 'Confirmă: {decision}',
  'decide.choose': 'Alegeți mai întâi aprobă sau respinge.',
  'decide.sending': 'Se trimite…',

  'done.approved': 'Ați aprobat {number}. Mulțumim.',
  'done.rejected': 'Ați respins {number}. Solicitantul a fost anunțat.',

  'used.title': 'Acest link a fost deja folosit',
  'used.approved': 'Această aprobare a fost deja dată: ați aprobat-o.',
  'used.rejected': 'Această aprobare a fost deja dată: ați respins-o.',
  'used.closed': 'Acest pas de aprobare a fost deja decis de altcineva. Nu mai aveți nimic de făcut.',
  'bad.title': 'Acest link nu poate fi folosit',
  'bad.forged': 'Acest link de aprobare nu este valid. Deschideți din nou linkul din e-mail sau decideți în birou, la „Așteaptă aprobarea mea”.',
  'bad.expired': 'Acest link de aprobare a expirat. Decideți în birou, la „Așteaptă aprobarea mea”, sau cereți un link nou.',
  'bad.decided': 'Această aprobare a fost deja decisă; nu mai aveți nimic de făcut.',
};
