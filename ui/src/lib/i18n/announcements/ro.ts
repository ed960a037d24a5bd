/** The announcements' words in Romanian (keys it lacks show in English). */
import type { AnnouncementsMessages } from './en.ts';

export const announcementsRo: AnnouncementsMessages = {
  'nav.announcements': 'Anunțuri',
  'banner.label': 'Anunțuri de serviciu',
  'banner.dismiss': 'Închide acest anunț',
  'banner.until': 'Se estimează că se încheie {time}',
  'banner.incident': 'Urmărit ca {number}',
  'severity.info': 'Informare',
  'severity.minor': 'Perturbare minoră',
  'severity.major': 'Întrerupere majoră',
  'outage.title': 'Întrerupere cunoscută',
  'outage.intro': 'Acest serviciu are o problemă cunoscută. Dacă vă afectează și pe dumneavoastră, nu este nevoie să trimiteți o cerere nouă.',
  'outage.meToo': 'Și eu',
  'outage.recorded': 'Mulțumim: sunteți înregistrat ca afectat de {number}. Nu este nevoie să trimiteți acest formular.',
  'outage.failed': 'Nu a funcționat; încercați din nou.',
  title: 'Anunțuri',
  'state.scheduled': 'Programat',
  'state.live': 'Activ',
  'state.ended': 'Încheiat',
  'action.end': 'Încheie acum',
  'action.notify': 'Anunță pe toată lumea',
};
