import { List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { fieldsOfRoles } from '../../../../core/access/offer-access';
import { roles as knownRoles, type Role } from '../../../../core/roles';
import type { VisibleTerms } from '../../../../flow/intake/offer-terms.schema';
import { FieldList, type FieldItem } from '../../../components/field-list';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { useDepartments, useNameLookup, useUsers } from '../../../lib/directory';
import { formatDate, formatMoney, formatNumber } from '../../../lib/format';
import { contingencyLabel, employmentTypeLabel, equityKindLabel, flsaLabel, humanize, payBasisLabel, usStateLabel } from '../../../lib/labels';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/**
 * The terms as the caller's roles may read them. The server already leaves out what they may not
 * read; the shared access map (src/core/access) decides which rows and sections to lay out, so a
 * hidden field is not shown as "not set" and a role that never reads pay gets no Pay section.
 */
export function OfferTermsView({ terms, roles }: { terms: VisibleTerms; roles: readonly string[] }) {
  const departmentName = useNameLookup(useDepartments().data);
  const userName = useNameLookup(useUsers().data);
  const readable = fieldsOfRoles(roles.filter((r): r is Role => (knownRoles as readonly string[]).includes(r)));
  const may = (field: string) => readable.has(`terms.${field}`);
  const c = terms.compensation;
  const money = (cents: number | undefined) => (cents === undefined || !c?.currency ? t('detail.notSet') : formatMoney(cents, c.currency));
  const pick = (items: (FieldItem & { field: string })[]): FieldItem[] => items.filter((i) => may(i.field)).map(({ label, value }) => ({ label, value }));
  const text = (v: string | undefined) => v ?? t('detail.notSet');
  // Staffing rates are in the offer's currency; a client approver does not read it, and staffing here is US (USD).
  const rate = (cents: number | undefined) => (cents === undefined ? t('detail.notSet') : formatMoney(cents, c?.currency ?? 'USD'));

  const role = pick([
    { field: 'title', label: t('field.title'), value: text(terms.title) },
    { field: 'level', label: t('field.level'), value: text(terms.level) },
    { field: 'departmentId', label: t('field.departmentId'), value: departmentName(terms.departmentId) ?? t('detail.notSet') },
    { field: 'managerId', label: t('field.managerId'), value: userName(terms.managerId) ?? t('detail.notSet') },
    { field: 'employmentType', label: t('field.employmentType'), value: terms.employmentType ? employmentTypeLabel(terms.employmentType) : t('detail.notSet') },
    { field: 'flsaStatus', label: t('field.flsaStatus'), value: terms.flsaStatus ? flsaLabel(terms.flsaStatus) : t('detail.notSet') },
  ]);
  const location = pick([
    { field: 'location.city', label: t('field.location.city'), value: text(terms.location?.city) },
    { field: 'location.state', label: t('field.location.state'), value: terms.location?.state ? usStateLabel(terms.location.state) : t('detail.notSet') },
    { field: 'location.remote', label: t('field.location.remote'), value: terms.location?.remote ? t('detail.remoteYes') : t('detail.remoteNo') },
  ]);
  const pay = c
    ? pick([
        { field: 'compensation.payBasis', label: t('field.compensation.payBasis'), value: c.payBasis ? payBasisLabel(c.payBasis) : t('detail.notSet') },
        c.payBasis === 'hourly'
          ? { field: 'compensation.hourlyRateCents', label: t('field.compensation.hourlyRateCents'), value: money(c.hourlyRateCents) }
          : { field: 'compensation.baseSalaryCents', label: t('field.compensation.baseSalaryCents'), value: money(c.baseSalaryCents) },
        {
          field: 'compensation.bonusTargetPercent',
          label: t('field.compensation.bonusTargetPercent'),
          value: c.bonusTargetPercent === undefined ? t('detail.notSet') : t('detail.bonusPercent', { value: c.bonusTargetPercent }),
        },
        { field: 'compensation.signOnBonusCents', label: t('field.compensation.signOnBonusCents'), value: money(c.signOnBonusCents) },
        { field: 'compensation.relocationCents', label: t('field.compensation.relocationCents'), value: money(c.relocationCents) },
        {
          field: 'compensation.equity.units',
          label: t('field.compensation.equity'),
          value:
            c.equity?.units !== undefined && c.equity.kind
              ? t('detail.equityValue', { units: formatNumber(c.equity.units), kind: equityKindLabel(c.equity.kind), vesting: c.equity.vestingSchedule ?? '' })
              : t('detail.notSet'),
        },
      ])
    : [];
  const s = terms.staffing;
  const staffing = s
    ? pick([
        { field: 'staffing.clientName', label: t('field.staffing.clientName'), value: text(s.clientName) },
        { field: 'staffing.payRateCents', label: t('field.staffing.payRateCents'), value: rate(s.payRateCents) },
        { field: 'staffing.billRateCents', label: t('field.staffing.billRateCents'), value: rate(s.billRateCents) },
        { field: 'staffing.assignmentEndDate', label: t('field.staffing.assignmentEndDate'), value: s.assignmentEndDate ? formatDate(s.assignmentEndDate) : t('detail.notSet') },
      ])
    : [];
  const dates = pick([
    { field: 'startDate', label: t('field.startDate'), value: terms.startDate ? formatDate(terms.startDate) : t('detail.notSet') },
    { field: 'expiresOn', label: t('field.expiresOn'), value: terms.expiresOn ? formatDate(terms.expiresOn) : t('detail.notSet') },
  ]);

  return (
    <Stack gap="md">
      {role.length > 0 && (
        <Section title={t('detail.section.role')}>
          <FieldList items={role} />
        </Section>
      )}
      {location.length > 0 && (
        <Section title={t('detail.section.location')}>
          <FieldList items={location} />
        </Section>
      )}
      {pay.length > 0 && (
        <Section title={t('detail.section.pay')} testId="comp-panel">
          <FieldList items={pay} />
        </Section>
      )}
      {staffing.length > 0 && (
        <Section title={t('detail.section.staffing')}>
          <FieldList items={staffing} />
        </Section>
      )}
      {dates.length > 0 && (
        <Section title={t('detail.section.dates')}>
          <FieldList items={dates} />
        </Section>
      )}
      {terms.contingencies && (
        <Section title={t('detail.section.contingencies')}>
          {terms.contingencies.length ? (
            <List size="sm" spacing={4}>
              {terms.contingencies.map((k) => (
                <List.Item key={k}>{contingencyLabel(k)}</List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">{t('detail.noContingencies')}</Text>
          )}
        </Section>
      )}
      {terms.clauses && terms.clauses.length > 0 && (
        <Section title={t('detail.section.clauses')}>
          <List size="sm" spacing={4}>
            {terms.clauses.map((cl) => (
              <List.Item key={cl.key}>
                {humanize(cl.key)} ({cl.standard ? t('detail.clauseStandard') : t('detail.clauseNonStandard')})
              </List.Item>
            ))}
          </List>
        </Section>
      )}
    </Stack>
  );
}
