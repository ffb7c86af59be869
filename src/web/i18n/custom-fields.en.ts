import { registerMessages } from './t';

/**
 * Words for custom offer fields wherever they show (intake, the admin preview, the offer detail),
 * registered by the shared components that show them.
 */
export const customFieldsMessagesEn = registerMessages({
  'customField.yes': 'Yes',
  'customField.no': 'No',
  'customField.empty': 'Not set',
  'customField.choose': 'Choose…',
  'customField.readOnly': 'Read only for this role',
  'customField.sensitive': 'Treated like pay',
  'customField.problem': '{message}',
});
