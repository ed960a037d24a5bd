/** The sign-in feature in română (Romanian). */
import type { SignInMessages } from './en.ts';

export const signInRo: SignInMessages = {
  'oidc.button': 'Conectare cu {name}',
  'oidc.or': 'sau cu parola de la birou',
  'oidc.breakGlass': 'Conectare de urgență pentru administratorul biroului',
  'oidc.error.state': 'Conectarea a durat prea mult sau nu a fost începută în acest browser. Încercați din nou.',
  'oidc.error.provider-refused': 'Conectarea prin organizația dvs. a fost anulată sau refuzată.',
  'oidc.error.token-refused': 'Răspunsul conectării prin organizația dvs. nu a putut fi verificat, deci nu ați fost conectat. Încercați din nou.',
  'oidc.error.email-unverified': 'Organizația dvs. nu v-a confirmat adresa de e-mail, deci biroul nu poate ști care cont este al dvs.',
  'oidc.error.no-account': 'Biroul nu are încă un cont pentru dvs. Cereți echipei IT să creeze unul.',
  'oidc.error.account-deactivated': 'Acest cont este dezactivat. Cereți unui administrator al biroului să îl reactiveze.',
  'oidc.error.unavailable': 'Conectarea prin organizația dvs. nu poate fi contactată acum. Încercați din nou peste puțin timp.',
  'oidc.passwordsOff': 'Parolele sunt dezactivate la acest birou: conectați-vă cu {name}.',
};
