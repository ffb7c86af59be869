/**
 * Sample templates and standard clauses: the demo organisation's library and the fixtures the
 * tests render. They are realistic wording for a US employer, clearly sample content: an
 * organisation's counsel should review its own library before use. None of this is legal advice.
 *
 * Markup: see document-model.ts. Liquid tags sit on their own lines between paragraphs, so the
 * blank lines they leave behind never split a paragraph.
 */

export interface StandardClause {
  key: string;
  title: string;
  /** Plain text, paragraphs separated by a blank line; no template tags. */
  body: string;
}

export const standardClauses: readonly StandardClause[] = [
  {
    key: 'at_will',
    title: 'At-will employment',
    body: [
      'Your employment with the company is at will. This means that either you or the company may end the employment relationship at any time, with or without cause and with or without notice.',
      'Nothing in this letter, in any company policy, or in any statement by a company representative changes the at-will nature of your employment. Only a written agreement signed by you and an authorized officer of the company can change it.',
    ].join('\n\n'),
  },
  {
    key: 'at_will_montana',
    title: 'Employment in Montana',
    body: [
      'Your employment is governed by the Montana Wrongful Discharge from Employment Act. The first twelve (12) months of your employment are a probationary period. During the probationary period, either you or the company may end your employment at any time, with or without cause and with or without notice.',
      'After you complete the probationary period, your employment is not at will: the company may discharge you only for good cause, as the Act defines it. You may resign at any time; we ask for two weeks\' notice.',
    ].join('\n\n'),
  },
  {
    key: 'confidentiality',
    title: 'Confidentiality',
    body: [
      'During and after your employment, you agree to keep confidential all non-public information of the company, its customers and its partners that you learn through your work, and to use it only to do your job.',
      'As a condition of employment you will sign the company\'s Confidential Information and Invention Assignment Agreement on or before your first day. Nothing in this letter or that agreement prevents you from reporting possible violations of law to a government agency, from discussing your wages or working conditions, or from making other disclosures protected by law.',
    ].join('\n\n'),
  },
  {
    key: 'contingencies',
    title: 'Contingencies',
    body: [
      'This offer is contingent on the satisfactory completion of the checks listed in your offer letter. The company will conduct any background check in compliance with the Fair Credit Reporting Act and applicable state and local law, and will give you the notices those laws require.',
      'If a check cannot be completed before your start date, the company may postpone your start date. If a check is not satisfactorily completed, the company may withdraw this offer.',
    ].join('\n\n'),
  },
];

const clause = (key: string) => {
  const c = standardClauses.find((x) => x.key === key);
  if (!c) throw new Error(`no standard clause ${key}`);
  return c;
};

const acknowledgement = `## Acknowledgement

By signing below, I acknowledge that I have read and understand this addendum to my offer letter dated {{ computed.today }}.`;

const letterHeader = `{{ computed.today }}

{{ candidate.fullName }}{% if candidate.city %}, {{ candidate.city }}, {{ candidate.state }}{% endif %}

Dear {{ candidate.firstName }},`;

const locationSentence = `{% if offer.remote %}working remotely from {{ offer.stateName }}{% else %}based in {{ offer.city }}, {{ offer.stateName }}{% endif %}`;

const closing = `{% if offer.contingencies.size %}
This offer is contingent on {{ offer.contingencies | and_list }}, as described in the contingencies addendum.
{% endif %}

{% if offer.expiresOn %}
To accept, please sign this letter by **{{ offer.expiresOn }}**, after which this offer expires.
{% else %}
To accept, please sign this letter and return it to us.
{% endif %}

Everyone here looks forward to working with you.

Sincerely, {{ signatory.name }}, {{ signatory.title }}`;

/** Full-time (or part-time) exempt, salaried: with the bonus, sign-on, relocation and equity paragraphs only when the offer has them. */
export const offerLetterExempt = `# Offer of employment

${letterHeader}

On behalf of {{ organization.name }}, I am pleased to offer you the position of **{{ offer.title }}** ({{ offer.level }}) in our {{ offer.department }} department{% if offer.managerName %}, reporting to {{ offer.managerName }}{% endif %}. This is a {{ offer.employmentType }}, {{ offer.flsaStatus }} position ${locationSentence}. Your first day of work will be **{{ offer.startDate }}**.

## Compensation

Your annual base salary will be **{{ offer.baseSalary }}**, paid {{ computed.payPeriod }} at {{ computed.payPeriodAmount }} per pay period, less applicable taxes and withholdings. As an exempt employee you are paid for the job rather than by the hour and are not eligible for overtime pay.

{% if offer.bonusTargetPercent %}
You will be eligible for an annual performance bonus with a target of {{ offer.bonusTargetPercent }}% of your base salary. Any bonus depends on your performance and the company's, and is paid under the terms of the bonus plan in effect at the time.
{% endif %}

{% if offer.signOnBonus %}
You will receive a one-time sign-on bonus of **{{ offer.signOnBonus }}**, paid with your first regular paycheck. If you resign within twelve months of your start date, you agree to repay it in full.
{% endif %}

{% if offer.relocation %}
To help with your move, the company will provide a relocation allowance of up to {{ offer.relocation }}, under the company's relocation policy.
{% endif %}

{% if offer.hasEquity %}
## Equity

Subject to approval by the Board of Directors, you will be granted {{ offer.equityUnits }} {{ offer.equityKind }}. The grant will vest over {{ offer.vestingSchedule }}, provided you remain in service, and will be governed by the company's equity plan and your grant agreement.
{% endif %}

Taken together, your expected first-year cash compensation is {{ computed.firstYearCash }}{% if offer.bonusTargetPercent %}, assuming the bonus is paid at target{% endif %}.

## Benefits

You will be eligible for the company's standard benefits for {{ offer.employmentType }} employees, including medical, dental and vision coverage, a 401(k) plan and paid time off, under the terms of each plan.

${closing}
`;

/** Hourly, non-exempt: the rate, overtime and the estimated annual pay. */
export const offerLetterHourly = `# Offer of employment

${letterHeader}

On behalf of {{ organization.name }}, I am pleased to offer you the position of **{{ offer.title }}** in our {{ offer.department }} department{% if offer.managerName %}, reporting to {{ offer.managerName }}{% endif %}. This is a {{ offer.employmentType }}, {{ offer.flsaStatus }} position ${locationSentence}. Your first day of work will be **{{ offer.startDate }}**.

## Pay

You will be paid **{{ offer.hourlyRate }} per hour** for all hours worked, paid {{ computed.payPeriod }}, less applicable taxes and withholdings. As a non-exempt employee you are eligible for overtime: one and one-half times your regular rate for hours worked over 40 in a workweek, and as otherwise required by {{ offer.stateName }} law. Please record all time worked accurately; overtime must be approved in advance.

At 40 hours a week, your pay would be about {{ computed.annualBase }} a year ({{ computed.payPeriodAmount }} per pay period). Actual pay depends on the hours you work.

{% if offer.bonusTargetPercent %}
You will also be eligible for a performance bonus with a target of {{ offer.bonusTargetPercent }}% of your annual pay, under the terms of the bonus plan in effect at the time.
{% endif %}

{% if offer.signOnBonus %}
You will receive a one-time sign-on bonus of **{{ offer.signOnBonus }}**, paid with your first regular paycheck.
{% endif %}

## Benefits

You will be eligible for the company's benefits for {{ offer.employmentType }} employees, under the terms of each plan, and for paid sick leave as required by law.

${closing}
`;

/** 1099 contractors and corp-to-corp engagements: an engagement, not employment. */
export const contractorEngagementLetter = `# Engagement letter

${letterHeader}

{{ organization.name }} is pleased to engage you to provide services as **{{ offer.title }}** (engagement type: {{ offer.employmentType }}){% if offer.clientName %} on assignment with our client, {{ offer.clientName }}{% endif %}. The engagement begins on **{{ offer.startDate }}**{% if offer.assignmentEndDate %} and is expected to end on {{ offer.assignmentEndDate }}{% endif %}.

## Fees

{% if offer.payRate %}
You will be paid **{{ offer.payRate }} per hour** for hours worked and approved.
{% elsif offer.hourlyRate %}
You will be paid **{{ offer.hourlyRate }} per hour** for hours worked and approved.
{% else %}
You will be paid a fee at the annual rate of **{{ offer.baseSalary }}**, invoiced monthly.
{% endif %}

Submit invoices monthly; approved invoices are paid within 30 days.

## Relationship

You are an independent contractor, not an employee. You are responsible for your own taxes, insurance and equipment, and you will not take part in the company's employee benefit plans. You control the manner and means of your work; the company and its client set the deliverables and timelines.

- You will keep the company's and its clients' information confidential.
- Work product you create under this engagement belongs to the company or its client, as set out in the services agreement.
- Either party may end the engagement on ten business days' written notice.

${closing}
`;

const clauseAddendum = (key: string, intro: string) => {
  const c = clause(key);
  return `# ${c.title}

${intro}

${c.body}

${acknowledgement}
`;
};

export const atWillAddendum = clauseAddendum(
  'at_will',
  'This addendum forms part of the offer of employment to {{ candidate.fullName }} for the position of {{ offer.title }}.',
);

export const atWillMontanaAddendum = clauseAddendum(
  'at_will_montana',
  'This addendum forms part of the offer of employment to {{ candidate.fullName }} for the position of {{ offer.title }}, based in {{ offer.stateName }}. It replaces any at-will statement elsewhere in the offer.',
);

export const confidentialityAddendum = clauseAddendum(
  'confidentiality',
  'This addendum forms part of the offer of employment to {{ candidate.fullName }} for the position of {{ offer.title }}.',
);

export const contingenciesAddendum = `# ${clause('contingencies').title}

This addendum forms part of the offer of employment to {{ candidate.fullName }} for the position of {{ offer.title }}, starting {{ offer.startDate }}.

{% if offer.contingencies.size %}
This offer is contingent on:

{% for item in offer.contingencies %}- {{ item | capitalize }}
{% endfor %}
{% else %}
This offer has no contingencies.
{% endif %}

${clause('contingencies').body}

${acknowledgement}
`;

/** California non-exempt hires: a plain summary in the style of the Labor Code 2810.5 notice. */
export const californiaWageNotice = `# Notice to employee (California Labor Code section 2810.5)

**Sample content, not legal advice.** This summary follows the headings of the Labor Commissioner's wage theft prevention notice; give the employee the official form as well.

## Employee

{{ candidate.fullName }}, {{ offer.title }}, starting {{ offer.startDate }}. Status: {{ offer.employmentType }}, {{ offer.flsaStatus }}.

## Employer

{{ organization.name }}{% if organization.city %}, {{ organization.city }}, {{ organization.state }}{% endif %}

## Rates of pay

- Regular rate: {% if offer.hourlyRate %}{{ offer.hourlyRate }} per hour{% else %}{{ offer.baseSalary }} per year{% endif %}
- Overtime: one and one-half times the regular rate for hours over 8 in a workday or 40 in a workweek, and for the first 8 hours on the seventh consecutive workday; double the regular rate for hours over 12 in a workday and over 8 on the seventh consecutive workday
- Allowances claimed as part of the minimum wage: none

## Pay days

Wages are paid {{ computed.payPeriod }}: on the 15th of each month for the 1st through the 15th, and on the last day of the month for the 16th through the end of the month (or the business day before, when that day is not a business day).

## Paid sick leave

You accrue paid sick leave as required by California law (at least one hour for every 30 hours worked, with at least 40 hours or five days available to use each year).

## Workers' compensation

The employer carries workers' compensation insurance as required by law.
`;

/** New York hires: a pay notice and acknowledgement (Labor Law section 195.1), a separate document. */
export const newYorkPayNoticeAcknowledgement = `# Pay notice and acknowledgement (New York Labor Law section 195.1)

**Sample content, not legal advice.** New York requires this notice at hiring, in English and in the employee's primary language; use the Department of Labor's form where one applies.

## Employer

{{ organization.name }}{% if organization.city %}, {{ organization.city }}, {{ organization.state }}{% endif %}

## Employee

{{ candidate.fullName }}, {{ offer.title }}, starting {{ offer.startDate }}

## Pay

- Pay rate: {% if offer.hourlyRate %}{{ offer.hourlyRate }} per hour{% else %}{{ offer.baseSalary }} per year{% endif %}
- Basis: {{ offer.payBasis }}
- Status: {{ offer.flsaStatus }}
{% if offer.isExempt %}- Overtime: not applicable (exempt)
{% else %}- Overtime rate: one and one-half times the regular rate for hours over 40 in a workweek
{% endif %}- Regular pay day: {{ computed.payPeriod }}, on the 15th and the last day of each month
- Allowances: none

## Acknowledgement

I acknowledge that on or before my first day I received notice of my pay rate, overtime rate (if eligible), allowances, and the regular pay day designated by my employer, and that I was told this notice is available in my primary language.
`;

export type SampleTemplateKind = 'letter' | 'addendum' | 'notice';

export interface SampleTemplate {
  key: string;
  name: string;
  kind: SampleTemplateKind;
  /** Whether the document ends with signature blocks for the candidate and the company. */
  signed: boolean;
  source: string;
}

/** Every sample, keyed for the demo library and the selection rules. */
export const sampleTemplates: readonly SampleTemplate[] = [
  { key: 'offer_letter_exempt', name: 'Offer letter (salaried, exempt)', kind: 'letter', signed: true, source: offerLetterExempt },
  { key: 'offer_letter_hourly', name: 'Offer letter (hourly, non-exempt)', kind: 'letter', signed: true, source: offerLetterHourly },
  { key: 'contractor_engagement', name: 'Contractor engagement letter (1099 / corp-to-corp)', kind: 'letter', signed: true, source: contractorEngagementLetter },
  { key: 'addendum_at_will', name: 'At-will employment', kind: 'addendum', signed: true, source: atWillAddendum },
  { key: 'addendum_at_will_montana', name: 'Employment in Montana', kind: 'addendum', signed: true, source: atWillMontanaAddendum },
  { key: 'addendum_confidentiality', name: 'Confidentiality', kind: 'addendum', signed: true, source: confidentialityAddendum },
  { key: 'addendum_contingencies', name: 'Contingencies', kind: 'addendum', signed: true, source: contingenciesAddendum },
  { key: 'notice_ca_wage', name: 'California wage notice (Labor Code 2810.5)', kind: 'notice', signed: false, source: californiaWageNotice },
  { key: 'notice_ny_pay_ack', name: 'New York pay notice acknowledgement', kind: 'notice', signed: true, source: newYorkPayNoticeAcknowledgement },
];
