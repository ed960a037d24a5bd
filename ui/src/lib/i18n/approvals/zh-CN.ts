/** The approvals pages in 简体中文 (Simplified Chinese). */
import type { ApprovalMessages } from './en.ts';

export const approvalsZhCN: ApprovalMessages = {
  'nav.awaiting': '待我审批',

  'link.title': '审批请求',
  'link.intro': '您被请求审批此申请。在您于下方确认之前，不会做出任何决定。',
  'list.title': '待我审批',
  'list.intro': '等待您批准或拒绝的申请，最早的在前。',
  'list.empty.title': '没有等待您处理的审批',
  'list.empty.text': '当有申请需要您审批时，它会显示在这里，您也会收到一封邮件。',

  'request.ticket': '申请',
  'request.title': '主题',
  'request.requester': '申请人',
  'request.workflow': '类型',
  'request.step': '审批步骤',
  'request.submitted': '提交时间',
  'request.answers': '申请内容',

  'decide.legend': '您的决定',
  'decide.approve': '批准',
  'decide.reject': '拒绝',
  'decide.comment': '备注（可选）',
  'decide.commentHelp': '会记入申请的历史；如果您拒绝，申请人会收到此备注。',
  'decide.confirm': '确认：{decision}',
  'decide.choose': '请先选择批准或拒绝。',
  'decide.sending': '正在发送…',

  'done.approved': '您已批准 {number}。谢谢。',
  'done.rejected': '您已拒绝 {number}。已通知申请人。',

  'used.title': '此链接已被使用',
  'used.approved': '此审批已经给出：您已批准。',
  'used.rejected': '此审批已经给出：您已拒绝。',
  'used.closed': '此审批步骤已由其他人决定，您无需再做任何操作。',
  'bad.title': '此链接无法使用',
  'bad.forged': '此审批链接无效。请重新打开邮件中的链接，或在服务台的“待我审批”中做出决定。',
  'bad.expired': '此审批链接已过期。请在服务台的“待我审批”中做出决定，或申请新的链接。',
  'bad.decided': '此审批已经决定，您无需再做任何操作。',
};
