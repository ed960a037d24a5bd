/** The announcements' words in Welsh (keys it lacks show in English). */
import type { AnnouncementsMessages } from './en.ts';

export const announcementsCy: AnnouncementsMessages = {
  'nav.announcements': 'Cyhoeddiadau',
  'banner.label': 'Hysbysiadau gwasanaeth',
  'banner.dismiss': "Cau'r hysbysiad hwn",
  'banner.until': 'Disgwylir iddo ddod i ben {time}',
  'banner.incident': 'Yn cael ei olrhain fel {number}',
  'severity.info': 'Gwybodaeth',
  'severity.minor': 'Tarfu bach',
  'severity.major': 'Toriad mawr',
  'outage.title': 'Toriad hysbys',
  'outage.intro': "Mae problem hysbys gyda'r gwasanaeth hwn. Os yw'n effeithio arnoch chi hefyd, nid oes angen anfon cais newydd.",
  'outage.meToo': 'Fi hefyd',
  'outage.recorded': "Diolch: rydych wedi'ch cofnodi fel rhywun yr effeithiwyd arno gan {number}. Nid oes angen anfon y ffurflen hon.",
  'outage.failed': 'Ni weithiodd hynny; rhowch gynnig arall arni.',
  title: 'Cyhoeddiadau',
  'state.scheduled': 'Wedi ei drefnu',
  'state.live': 'Yn fyw',
  'state.ended': 'Wedi dod i ben',
  'action.end': 'Dod i ben nawr',
  'action.notify': 'Hysbysu pawb',
};
