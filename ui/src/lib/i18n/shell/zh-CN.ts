/** The app shell's words in 简体中文 (Simplified Chinese). */
import type { ShellMessages } from './en.ts';

export const shellZhCN: ShellMessages = {
  'section.portal': '帮助',
  'section.work': '工作',
  'section.manage': '管理',
  'section.admin': '系统管理',
  'search.label': '查找工单',
  'search.placeholder': '编号、关键词…',
  'empty.workspace.title': '这里没有工单',
  'empty.workspace.filtered': '没有符合这些筛选条件的工单。请放宽条件，或查看所有进行中的工单。',
  'empty.workspace.clear': '显示所有进行中的工单',
  'empty.workspace.none': '有人求助时，工单会出现在这里。目前没有待处理的工单。',
  'empty.workspace.all': '包括已解决和已关闭的工单',
  'empty.myTickets.title': '还没有提交任何请求',
  'empty.myTickets.text': '当您报告问题或提出请求后，它会连同进度显示在这里。',
  'empty.myTickets.action': '寻求帮助',
  'empty.catalogue.title': '服务目录为空',
  'empty.catalogue.text': '目前还没有向您发布任何表单。IT 团队会添加表单；在此之前，请直接联系他们。',
  'empty.catalogue.admin': '发布工作流',
};
