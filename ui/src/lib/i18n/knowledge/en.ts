/**
 * The knowledge pages' words in English: the keys the other knowledge
 * catalogues must translate (each is typed `KnowledgeMessages`).
 */
export const knowledgeEn = {
  'nav.knowledge': 'Knowledge',

  'answers.label': 'Prepared answers',

  'suggest.title': 'These may help',
  'suggest.intro': 'Articles that match what you typed. If one answers your question, you need not send this form.',
  'suggest.show': 'Read it',
  'suggest.hide': 'Hide it',
  'suggest.solved': 'This solved it',
  'suggest.thanks': 'Glad that helped. Nothing was sent.',
  'suggest.back': 'Back to the catalogue',

  'kb.title': 'Knowledge',
  'kb.search': 'Search the articles',
  'kb.empty': 'There are no articles yet.',
  'kb.noMatch': 'No article matches “{query}”.',
  'kb.all': 'All articles',
  'kb.internal': 'Internal: staff only',
  'kb.languages': 'Also written in: {list}',
  'kb.updated': 'Updated {when}',
  'kb.manage': 'Write and publish articles',

  'admin.title': 'Articles',
  'admin.new': 'New article',
  'admin.empty': 'No articles yet. Write the first one.',
  'admin.col.title': 'Title',
  'admin.col.status': 'Status',
  'admin.col.audience': 'Audience',
  'admin.col.languages': 'Languages',
  'admin.col.solved': 'Requests it solved',
  'admin.status.draft': 'Draft',
  'admin.status.published': 'Published',
  'admin.status.archived': 'Archived',
  'admin.audience': 'Who reads it',
  'admin.audience.public': 'Requesters and staff (public)',
  'admin.audience.internal': 'Staff only (internal)',
  'admin.category': 'Category',
  'admin.category.help': 'Lower-case letters, digits and dashes, e.g. network',
  'admin.language': 'Language',
  'admin.addLanguage': 'Add a language',
  'admin.removeLanguage': 'Remove this language',
  'admin.field.title': 'Title',
  'admin.field.body': 'Body (Markdown)',
  'admin.preview': 'Preview',
  'admin.save': 'Save',
  'admin.saving': 'Saving…',
  'admin.saved': 'Saved.',
  'admin.publish': 'Publish',
  'admin.archive': 'Archive',
  'admin.toDraft': 'Back to draft',
  'admin.statusNow': 'Status: {status}',
  'admin.conflict': 'Someone else saved this article since you opened it. Reload it to see their changes, then make yours again.',
  'admin.reload': 'Reload',
  'admin.history': 'History',
  'admin.version': 'Version {n} ({status}), by {who}, {when}',
  'admin.back': 'All articles',

  'lang.en': 'English',
  'lang.cy': 'Welsh',
  'lang.ro': 'Romanian',
  'lang.zh-CN': 'Chinese (simplified)',
} as const;

export type KnowledgeKey = keyof typeof knowledgeEn;
export type KnowledgeMessages = Partial<Record<KnowledgeKey, string>> & Record<'nav.knowledge' | 'suggest.title' | 'suggest.solved', string>;
