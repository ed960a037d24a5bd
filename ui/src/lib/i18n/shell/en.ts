/** The app shell's words (sidebar, header, empty states) in English: the catalogue every locale follows. */
export const shellEn = {
  'section.portal': 'Help',
  'section.work': 'Work',
  'section.manage': 'Manage',
  'section.admin': 'Administer',
  'search.label': 'Find a ticket',
  'search.placeholder': 'Number or words…',
  'empty.workspace.title': 'No tickets here',
  'empty.workspace.filtered': 'Nothing matches these filters. Widen them, or see every active ticket.',
  'empty.workspace.clear': 'Show all active tickets',
  'empty.workspace.none': 'When people ask for help, their tickets arrive here. Nothing is waiting right now.',
  'empty.workspace.all': 'Include resolved and closed tickets',
  'empty.myTickets.title': 'Nothing asked yet',
  'empty.myTickets.text': 'When you report a problem or ask for something, it shows here with its progress.',
  'empty.myTickets.action': 'Ask for help',
  'empty.catalogue.title': 'The catalogue is empty',
  'empty.catalogue.text': 'No form is published for you yet. Your IT team adds them; in the meantime, ask them directly.',
  'empty.catalogue.admin': 'Publish a workflow',
} as const;

export type ShellKey = keyof typeof shellEn;
export type ShellMessages = Record<ShellKey, string>;
