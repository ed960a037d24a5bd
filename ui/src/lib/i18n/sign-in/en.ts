/**
 * The sign-in feature's words in English: its keys are the set the other
 * sign-in catalogues must translate. `{name}` marks a value filled in when shown.
 */
export const signInEn = {
  'oidc.button': 'Sign in with {name}',
  'oidc.or': 'or with your desk password',
  'oidc.breakGlass': 'Emergency sign-in for the desk administrator',
  'oidc.error.state': 'The sign-in took too long or was not started in this browser. Please try again.',
  'oidc.error.provider-refused': 'Your organisation’s sign-in was cancelled or refused.',
  'oidc.error.token-refused': 'The answer from your organisation’s sign-in could not be trusted, so you were not signed in. Please try again.',
  'oidc.error.email-unverified': 'Your organisation has not confirmed your e-mail address, so the desk cannot tell which account is yours.',
  'oidc.error.no-account': 'The desk has no account for you yet. Ask the IT team to create one.',
  'oidc.error.account-deactivated': 'This account is deactivated. Ask an admin of the desk to reactivate it.',
  'oidc.error.unavailable': 'Your organisation’s sign-in cannot be reached just now. Please try again in a moment.',
  'oidc.passwordsOff': 'Passwords are switched off on this desk: sign in with {name}.',
};

export type SignInKey = keyof typeof signInEn;
export type SignInMessages = Record<SignInKey, string>;
