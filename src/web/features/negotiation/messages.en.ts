import { registerMessages } from '../../i18n/t';

/**
 * The words of the negotiation screens, loaded with the route chunks that show them
 * (every file that uses one of these keys imports this file; see i18n/t.ts).
 */
export const negotiationMessagesEn = registerMessages({
  'negotiation.what': 'Negotiating: {fields}',
  'negotiation.answerTitle': 'Answer the requested changes',
  'negotiation.answerIntro': 'Decide each asked change: accept it, adjust it to a value of your own, or reject it. You may add changes of your own. The next version opens as a draft; submitting it re-runs only the approvals that cover what changed.',
  'negotiation.fromCandidate': 'Asked by the candidate',
  'negotiation.fromInside': 'Asked from inside',
  'negotiation.decisionFor': 'Your answer on {field}',
  'negotiation.accept': 'Accept',
  'negotiation.adjust': 'Adjust',
  'negotiation.reject': 'Reject',
  'negotiation.counterValue': 'Your value for {field}',
  'negotiation.ownChanges': 'Changes of your own',
  'negotiation.addOwn': 'Add a change of your own',
  'negotiation.note': 'Note for the journal (optional)',
  'negotiation.noteHelp': 'Why you answered as you did. Write no pay figures: the journal is read by roles that may not see pay.',
  'negotiation.makeVersion': 'Make the next version',
  'negotiation.askTitle': 'Ask for a change',
  'negotiation.askIntro': 'The offer goes back into negotiation: the candidate cannot sign until the recruiter answers with a new version.',
  'negotiation.reason': 'Why',
  'negotiation.comment': 'Comment (optional)',
  'negotiation.askSubmit': 'Ask for the change',
  'versions.title': 'Compare versions',
  'versions.from': 'Earlier version',
  'versions.to': 'Later version',
  'versions.version': 'Version {n}',
  'versions.same': 'Pick two different versions.',
  'versions.noChanges': 'No term differs between these versions.',
  'versions.tableLabel': 'Terms that differ between version {from} and version {to}',
  'versions.term': 'Term',
  'versions.hidden': 'Not shown to your role',
});
