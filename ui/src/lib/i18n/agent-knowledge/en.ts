/**
 * The agent's knowledge words in English (ticket page suggestions, resolving
 * with an article, saving a resolution as an article, the prepared answers
 * page): the keys the other catalogues translate.
 */
export const agentKnowledgeEn = {
  'panel.title': 'Knowledge for this ticket',
  'panel.articles': 'Articles',
  'panel.tickets': 'Similar resolved tickets',
  'panel.noArticles': 'No article matches this ticket.',
  'panel.noTickets': 'No resolved ticket looks like this one.',
  'panel.internal': 'Internal',
  'panel.uses': 'Resolved {n} tickets',
  'panel.read': 'Read it',
  'panel.resolveWith': 'Resolve with this article',
  'panel.resolveHint': 'Opens the resolution with this article in the notes; nothing changes until you confirm.',
  'panel.internalHint': 'Internal article: its title and link stay out of the notes the requester reads.',

  'resolve.with': 'Resolving with: {title}',
  'resolve.drop': 'Do not record this article',

  'save.title': 'Save as a new article',
  'save.intro': 'A draft (internal) for an admin to review, filled in from the resolution notes.',
  'save.articleTitle': 'Title',
  'save.body': 'Text (Markdown)',
  'save.submit': 'Save the draft',
  'save.done': 'Draft saved for review.',

  'event.used': '{who} resolved it with the article “{title}”',
  'event.drafted': '{who} saved the resolution as the draft article “{title}”',

  'answers.title': 'Prepared answers',
  'answers.intro': 'Agents insert these in the composer by typing / or # and a few words. The ticket’s variables ({{ticket.number}}, {{requester.name}}…) are filled in.',
  'answers.new': 'New prepared answer',
  'answers.empty': 'No prepared answers yet.',
  'answers.name': 'Name',
  'answers.group': 'Who may use it',
  'answers.everyone': 'Every agent',
  'answers.text': 'Text in {language}',
  'answers.save': 'Save',
  'answers.cancel': 'Cancel',
  'answers.edit': 'Edit',
  'answers.delete': 'Delete',
  'answers.confirmDelete': 'Delete the prepared answer “{name}”?',
  'answers.saved': 'Saved.',
  'answers.deleted': 'Deleted.',
  'answers.languages': 'Languages',
  'nav.answers': 'Prepared answers',
} as const;

export type AgentKnowledgeKey = keyof typeof agentKnowledgeEn;
export type AgentKnowledgeMessages = Partial<Record<AgentKnowledgeKey, string>>;
