/**
 * The approvals pages' words in English: the mail link's decision page and
 * "Awaiting my approval". Its keys are the set the other approvals
 * catalogues must translate (each is typed `ApprovalMessages`).
 */
export const approvalsEn = {
  'nav.awaiting': 'Awaiting my approval',

  'link.title': 'Approval requested',
  'link.intro': 'You are asked to approve this request. Nothing is decided until you confirm below.',
  'list.title': 'Awaiting my approval',
  'list.intro': 'Requests waiting for your yes or no, oldest first.',
  'list.empty.title': 'Nothing is waiting for you',
  'list.empty.text': 'When a request needs your approval it shows here, and you get a mail about it.',

  'request.ticket': 'Request',
  'request.title': 'Subject',
  'request.requester': 'Requested by',
  'request.workflow': 'Type',
  'request.step': 'Approval step',
  'request.submitted': 'Submitted',
  'request.answers': 'What was asked for',

  'decide.legend': 'Your decision',
  'decide.approve': 'Approve',
  'decide.reject': 'Reject',
  'decide.comment': 'Comment (optional)',
  'decide.commentHelp': 'Goes into the request\'s history; when you reject, the requester is told it.',
  'decide.confirm': 'Confirm: {decision}',
  'decide.choose': 'Choose approve or reject first.',
  'decide.sending': 'Sending…',

  'done.approved': 'You approved {number}. Thank you.',
  'done.rejected': 'You rejected {number}. The requester has been told.',

  'used.title': 'This link has already been used',
  'used.approved': 'This approval was already given: you approved it.',
  'used.rejected': 'This approval was already given: you rejected it.',
  'used.closed': 'This approval step has already been decided by someone else. There is nothing left for you to do.',
  'bad.title': 'This link cannot be used',
  'bad.forged': 'This approval link is not valid. Open the link from the mail again, or decide in the desk under "Awaiting my approval".',
  'bad.expired': 'This approval link has expired. Decide in the desk under "Awaiting my approval", or ask for a new link.',
  'bad.decided': 'This approval has already been decided; there is nothing left for you to do.',
};

export type ApprovalKey = keyof typeof approvalsEn;
export type ApprovalMessages = Record<ApprovalKey, string>;
