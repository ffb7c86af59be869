import { registerMessages } from '../../i18n/t';

/**
 * The words of the intake screens, loaded with the route chunks that show them
 * (every file that uses one of these keys imports this file; see i18n/t.ts).
 */
export const intakeMessagesEn = registerMessages({
  'error.fixFields': 'Check these fields: {fields}.',

  'intake.newTitle': 'New offer',
  'intake.editTitle': 'Edit draft offer',
  'intake.editFor': 'Editing the draft for {name}',
  'intake.section.who': 'Candidate and requisition',
  'intake.section.role': 'Role',
  'intake.section.location': 'Location',
  'intake.section.pay': 'Pay',
  'intake.section.dates': 'Dates',
  'intake.section.contingencies': 'Contingencies',
  'intake.candidatePlaceholder': 'Type a name or e-mail',
  'intake.candidateNone': 'No candidate matches',
  'intake.requisitionPlaceholder': 'Choose a requisition',
  'intake.requisitionHint': 'Choosing one fills in the role, location and pay from the requisition and its band.',
  'intake.prefilled': 'Filled in from {code}. Review every field before saving.',
  'intake.prefillFailed': 'Could not fill in from the requisition: {detail}',
  'intake.selectPlaceholder': 'Choose…',
  'intake.band': 'Band {min} – {max} (mid {mid})',
  'intake.bandAbove': 'Above the band maximum',
  'intake.bandBelow': 'Below the band minimum',
  'intake.bandNone': 'No comp band for this requisition',
  'intake.equityInclude': 'Include equity',
  'intake.perYear': 'per year',
  'intake.amountPer': '{label} ({per})',
  'intake.candidateOption': '{name} · {email}',
  'intake.requisitionOption': '{code} · {title} ({city}, {state})',
  'intake.stateOption': '{name} ({code})',
  'intake.perHour': 'per hour',
  'intake.save': 'Save draft',
  'intake.cancel': 'Cancel',
  'intake.invalidTitle': 'The offer cannot be saved yet',
  'intake.clientInvalid': 'Some fields need attention; each is marked in red with what to fix.',
  'intake.exemptSalary': 'Exempt roles are paid a salary.',
  'intake.contingenciesHint': 'The offer is conditional on each checked item.',

  'validation.required': 'is required',
  'validation.choose': 'must be one of the choices',
  'validation.min': 'must be at least {min}',
  'validation.max': 'must be at most {max}',
  'validation.whole': 'must be a whole number',
  'validation.invalid': 'is not valid',
});
