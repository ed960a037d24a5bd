/** The announcements' words in Simplified Chinese (keys it lacks show in English). */
import type { AnnouncementsMessages } from './en.ts';

export const announcementsZhCN: AnnouncementsMessages = {
  'nav.announcements': '公告',
  'banner.label': '服务通知',
  'banner.dismiss': '关闭此通知',
  'banner.until': '预计结束时间：{time}',
  'banner.incident': '跟踪编号 {number}',
  'severity.info': '信息',
  'severity.minor': '轻微中断',
  'severity.major': '重大故障',
  'outage.title': '已知故障',
  'outage.intro': '此服务存在已知问题。如果您也受到影响，无需提交新的请求。',
  'outage.meToo': '我也受影响',
  'outage.recorded': '谢谢：您已被记录为受 {number} 影响。无需提交此表单。',
  'outage.failed': '操作未成功，请重试。',
  title: '公告',
  'state.scheduled': '已计划',
  'state.live': '进行中',
  'state.ended': '已结束',
  'action.end': '立即结束',
  'action.notify': '通知所有人',
};
