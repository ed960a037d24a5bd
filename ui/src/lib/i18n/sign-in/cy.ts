/** The sign-in feature in Cymraeg (Welsh). */
import type { SignInMessages } from './en.ts';

export const signInCy: SignInMessages = {
  'oidc.button': 'Mewngofnodi gyda {name}',
  'oidc.or': 'neu gyda’ch cyfrinair y ddesg',
  'oidc.breakGlass': 'Mewngofnodi brys i weinyddwr y ddesg',
  'oidc.error.state': 'Cymerodd y mewngofnodi ormod o amser neu ni chafodd ei ddechrau yn y porwr hwn. Rhowch gynnig arall arni.',
  'oidc.error.provider-refused': 'Cafodd mewngofnodi eich sefydliad ei ganslo neu ei wrthod.',
  'oidc.error.token-refused': 'Nid oedd modd ymddiried yn yr ateb gan fewngofnodi eich sefydliad, felly ni chawsoch eich mewngofnodi. Rhowch gynnig arall arni.',
  'oidc.error.email-unverified': 'Nid yw eich sefydliad wedi cadarnhau eich cyfeiriad e-bost, felly ni all y ddesg ddweud pa gyfrif sy’n eiddo i chi.',
  'oidc.error.no-account': 'Does gan y ddesg ddim cyfrif i chi eto. Gofynnwch i’r tîm TG greu un.',
  'oidc.error.account-deactivated': 'Mae’r cyfrif hwn wedi’i ddadactifadu. Gofynnwch i weinyddwr y ddesg ei ailactifadu.',
  'oidc.error.unavailable': 'Does dim modd cyrraedd mewngofnodi eich sefydliad ar hyn o bryd. Rhowch gynnig arall arni mewn munud.',
  'oidc.passwordsOff': 'Mae cyfrineiriau wedi’u diffodd ar y ddesg hon: mewngofnodwch gyda {name}.',
};
