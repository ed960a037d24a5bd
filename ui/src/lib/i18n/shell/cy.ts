/** The app shell's words in Cymraeg (Welsh). */
import type { ShellMessages } from './en.ts';

export const shellCy: ShellMessages = {
  'section.portal': 'Help',
  'section.work': 'Gwaith',
  'section.manage': 'Rheoli',
  'section.admin': 'Gweinyddu',
  'search.label': 'Dod o hyd i docyn',
  'search.placeholder': 'Rhif, geiriau…',
  'empty.workspace.title': 'Dim tocynnau yma',
  'empty.workspace.filtered': "Does dim byd yn cyfateb i'r hidlwyr hyn. Ehangwch nhw, neu gwelwch bob tocyn gweithredol.",
  'empty.workspace.clear': 'Dangos pob tocyn gweithredol',
  'empty.workspace.none': "Pan fydd pobl yn gofyn am help, mae eu tocynnau'n cyrraedd yma. Does dim byd yn aros ar hyn o bryd.",
  'empty.workspace.all': 'Cynnwys tocynnau wedi eu datrys a’u cau',
  'empty.myTickets.title': 'Dim wedi gofyn eto',
  'empty.myTickets.text': "Pan fyddwch chi'n rhoi gwybod am broblem neu'n gofyn am rywbeth, mae'n ymddangos yma gyda'i gynnydd.",
  'empty.myTickets.action': 'Gofyn am help',
  'empty.catalogue.title': "Mae'r catalog yn wag",
  'empty.catalogue.text': "Does dim ffurflen wedi'i chyhoeddi i chi eto. Mae'ch tîm TG yn eu hychwanegu; yn y cyfamser, gofynnwch iddyn nhw'n uniongyrchol.",
  'empty.catalogue.admin': 'Cyhoeddi llif gwaith',
};
