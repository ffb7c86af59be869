import { registerMessages } from '../../i18n/t';

/**
 * The words of the auth screens, loaded with the route chunks that show them
 * (every file that uses one of these keys imports this file; see i18n/t.ts).
 */
export const authMessagesEn = registerMessages({
  'app.tagline': 'Offers from intake to signature',

  'signIn.title': 'Sign in to Offerline',
  'signIn.subtitle': 'Use your work e-mail and password.',
  'signIn.email': 'E-mail',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.failedTitle': 'Could not sign in',
  'signIn.wrongCredentials': 'The e-mail or password is not right. Check both and try again.',
  'signIn.emailRequired': 'Enter your e-mail address',
  'signIn.passwordRequired': 'Enter your password',
  'signIn.toContinue': 'Sign in to continue.',
  'signIn.withSso': 'Sign in with {name}',
  'signIn.orWithPassword': 'or with your password',
  'signIn.ssoFailedTitle': 'Single sign-on did not work',
  'signIn.ssoFailed': 'We could not sign you in through your organisation’s sign-in service. Try again, or ask your Offerline administrator to check that your account exists and uses the same e-mail.',
});
