import { List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { OfferTerms } from '../../../../flow/intake/offer-terms.schema';
import { FieldList, type FieldItem } from '../../../components/field-list';
import { t } from '../../../i18n/t';
import { useDepartments, useNameLookup, useUsers } from '../../../lib/directory';
import { formatDate, formatMoney, formatNumber } from '../../../lib/format';
import { contingencyLabel, employmentTypeLabel, equityKindLabel, flsaLabel, humanize, payBasisLabel, usStateLabel } from '../../../lib/labels';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export function OfferTermsView({ terms }: { terms: OfferTerms }) {
  const departmentName = useNameLookup(useDepartments().data);
  const userName = useNameLookup(useUsers().data);
  const c = terms.compensation;
  const money = (cents: number | undefined) => (cents === undefined ? t('detail.notSet') : formatMoney(cents, c.currency));

  const role: FieldItem[] = [
    { label: t('field.title'), value: terms.title },
    { label: t('field.level'), value: terms.level },
    { label: t('field.departmentId'), value: departmentName(terms.departmentId) ?? t('detail.notSet') },
    { label: t('field.managerId'), value: userName(terms.managerId) ?? t('detail.notSet') },
    { label: t('field.employmentType'), value: employmentTypeLabel(terms.employmentType) },
    { label: t('field.flsaStatus'), value: flsaLabel(terms.flsaStatus) },
  ];
  const location: FieldItem[] = [
    { label: t('field.location.city'), value: terms.location.city },
    { label: t('field.location.state'), value: usStateLabel(terms.location.state) },
    { label: t('field.location.remote'), value: terms.location.remote ? t('detail.remoteYes') : t('detail.remoteNo') },
  ];
  const pay: FieldItem[] = [
    { label: t('field.compensation.payBasis'), value: payBasisLabel(c.payBasis) },
    c.payBasis === 'hourly'
      ? { label: t('field.compensation.hourlyRateCents'), value: money(c.hourlyRateCents) }
      : { label: t('field.compensation.baseSalaryCents'), value: money(c.baseSalaryCents) },
    {
      label: t('field.compensation.bonusTargetPercent'),
      value: c.bonusTargetPercent === undefined ? t('detail.notSet') : t('detail.bonusPercent', { value: c.bonusTargetPercent }),
    },
    { label: t('field.compensation.signOnBonusCents'), value: money(c.signOnBonusCents) },
    { label: t('field.compensation.relocationCents'), value: money(c.relocationCents) },
    {
      label: t('field.compensation.equity'),
      value: c.equity
        ? t('detail.equityValue', { units: formatNumber(c.equity.units), kind: equityKindLabel(c.equity.kind), vesting: c.equity.vestingSchedule })
        : t('detail.notSet'),
    },
  ];
  const dates: FieldItem[] = [
    { label: t('field.startDate'), value: formatDate(terms.startDate) },
    { label: t('field.expiresOn'), value: terms.expiresOn ? formatDate(terms.expiresOn) : t('detail.notSet') },
  ];

  return (
    <Stack gap="md">
      <Section title={t('detail.section.role')}>
        <FieldList items={role} />
      </Section>
      <Section title={t('detail.section.location')}>
        <FieldList items={location} />
      </Section>
      <Section title={t('detail.section.pay')}>
        <FieldList items={pay} />
      </Section>
      <Section title={t('detail.section.dates')}>
        <FieldList items={dates} />
      </Section>
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
      {terms.clauses.length > 0 && (
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
