/** The walk's fixes in 简体中文 (Simplified Chinese). */
import type { WalkMessages } from './en.ts';

export const walkZhCN: WalkMessages = {
  'stale.notice': '此页面无法刷新，内容可能已过时：{detail}',
  'stale.retry': '立即刷新',

  'event.took': '{who}接手了此工单',

  'ticket.workingOn': '{name}正在处理。',
  'ticket.waitingForSomeone': '还没有人接手，团队很快会处理。',
  'ticket.replyBy': '预计在{when}前回复。',
  'ticket.resolveBy': '我们争取在{when}前解决。',

  'simulate.busy': '正在运行模拟…',

  'desk.conflict': '{who}在您打开后保存了此{what}（修订 {n}）。下方显示他们的版本；您的版本保留在表单中。',
  'desk.conflictTheirs': '他们的版本',
  'desk.conflictKeepMine': '用我的版本覆盖',
  'desk.conflictLoadTheirs': '使用他们的版本',
  'desk.someone': '另一位管理员',
  'desk.delete': '删除',
  'desk.deleteConfirm': '删除{name}？此操作无法撤销。',
  'desk.deleted': '已删除{name}。',
  'desk.inUse': '{name}仍在使用中，无法删除：',
};
