import { registerMessages } from '../../i18n/t';

/**
 * The words of the admin screens, loaded with the route chunks that show them
 * (every file that uses one of these keys imports this file; see i18n/t.ts).
 */
export const adminMessagesEn = registerMessages({
  'admin.title': 'Users and roles',
  'admin.subtitle': 'Who can sign in to your organisation, and what each person may see and do. A change of roles signs the person out, so it applies from their next sign-in.',
  'admin.addUser': 'Add a user',
  'admin.addUserSubmit': 'Add user',
  'admin.added': '{email} was added and can sign in now.',
  'admin.name': 'Name',
  'admin.email': 'E-mail',
  'admin.role': 'Role',
  'admin.roles': 'Roles',
  'admin.scope': 'Applies to',
  'admin.scopeOrganisation': 'The whole organisation',
  'admin.initialPassword': 'Initial password',
  'admin.initialPasswordHint': '8 to 128 characters, not a common password. Leave empty for a person who signs in only through single sign-on.',
  'admin.usersTable': 'Users of your organisation',
  'admin.status': 'Status',
  'admin.active': 'Active',
  'admin.disabled': 'Disabled',
  'admin.ssoOnly': 'single sign-on only',
  'admin.noRoles': 'No roles',
  'admin.grantRole': 'Grant role',
  'admin.grantRoleTo': 'Grant role to {name}',
  'admin.grantRoleSubmit': 'Grant',
  'admin.revokeRole': 'Revoke {role} from {name}',
  'admin.disable': 'Disable',
  'admin.enable': 'Enable',
  'admin.disableUser': 'Disable {name}',
  'admin.enableUser': 'Enable {name}',
});
