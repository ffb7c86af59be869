import { registerMessages } from '../../i18n/t';

/**
 * The words of the delegation screens, loaded with the route chunks that show them
 * (every file that uses one of these keys imports this file; see i18n/t.ts).
 */
export const delegationMessagesEn = registerMessages({
  'delegation.title': 'Away and delegation',
  'delegation.subtitle': 'Going away? Choose a colleague to approve for you between two times. Approval requests then reach them too, and the log names you both.',
  'delegation.current': 'Current delegation',
  'delegation.active': '{name} approves for you from {from} until {until}.',
  'delegation.none': 'Nobody approves for you. Approval requests wait for you.',
  'delegation.endNow': 'End now',
  'delegation.ended': 'Your delegation ended. Approval requests wait for you again.',
  'delegation.formTitle': 'Set a delegation',
  'delegation.replaceHint': 'Saving replaces any earlier delegation.',
  'delegation.delegate': 'Colleague',
  'delegation.delegatePlaceholder': 'Search by name',
  'delegation.from': 'From',
  'delegation.fromHint': 'Leave empty to start now.',
  'delegation.until': 'Until',
  'delegation.save': 'Save delegation',
  'delegation.saved': '{name} approves for you until {until}.',
  'delegation.delegateRequired': 'Choose a colleague',
  'delegation.untilRequired': 'Choose when the delegation ends',
  'delegation.untilAfterFrom': 'Must be after the start',
});
