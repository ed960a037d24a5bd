/** The app shell's words in română (Romanian). */
import type { ShellMessages } from './en.ts';

export const shellRo: ShellMessages = {
  'section.portal': 'Ajutor',
  'section.work': 'Lucru',
  'section.manage': 'Conducere',
  'section.admin': 'Administrare',
  'search.label': 'Găsiți un tichet',
  'search.placeholder': 'Număr, cuvinte…',
  'empty.workspace.title': 'Niciun tichet aici',
  'empty.workspace.filtered': 'Nimic nu corespunde acestor filtre. Lărgiți-le sau vedeți toate tichetele active.',
  'empty.workspace.clear': 'Arată toate tichetele active',
  'empty.workspace.none': 'Când cineva cere ajutor, tichetele ajung aici. Nimic nu așteaptă acum.',
  'empty.workspace.all': 'Includeți tichetele rezolvate și închise',
  'empty.myTickets.title': 'Nicio cerere încă',
  'empty.myTickets.text': 'Când semnalați o problemă sau cereți ceva, apare aici, cu stadiul ei.',
  'empty.myTickets.action': 'Cereți ajutor',
  'empty.catalogue.title': 'Catalogul este gol',
  'empty.catalogue.text': 'Niciun formular nu este publicat pentru dvs. încă. Echipa IT le adaugă; până atunci, contactați-i direct.',
  'empty.catalogue.admin': 'Publicați un flux de lucru',
};
