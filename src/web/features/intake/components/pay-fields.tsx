import { Checkbox, Group, NumberInput, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { currencyCodes } from '../../../../core/currencies';
import { payBases } from '../../../../flow/intake/offer-terms.schema';
import { toneText } from '../../../components/tone';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { currencySymbol, formatMoney, toMinorUnits } from '../../../lib/format';
import { equityKindLabel, payBasisLabel } from '../../../lib/labels';
import type { Band } from '../api/prefill';
import type { IntakeFieldProps } from './field-props';
import type { IntakeValues } from './form-model';

interface Props {
  field: IntakeFieldProps;
  values: IntakeValues;
  band: Band | null | undefined;
}

function BandNote({ band, base, currency }: { band: Band | null | undefined; base: IntakeValues['baseSalary']; currency: string }) {
  if (band === undefined) return null;
  if (band === null) return <Text size="xs" c="gray.7">{t('intake.bandNone')}</Text>;
  const cents = typeof base === 'number' ? toMinorUnits(base, currency) : undefined;
  const outside = cents === undefined ? null : cents > band.maxCents ? t('intake.bandAbove') : cents < band.minCents ? t('intake.bandBelow') : null;
  return (
    <Stack gap={0} component="span">
      <Text size="xs" c="gray.8" component="span" data-testid="band-range">
        {t('intake.band', { min: formatMoney(band.minCents, band.currency), max: formatMoney(band.maxCents, band.currency), mid: formatMoney(band.midCents, band.currency) })}
      </Text>
      {outside && (
        <Text size="xs" fw={700} component="span" style={{ color: toneText('orange') }}>
          {outside}
        </Text>
      )}
    </Stack>
  );
}

export function PayFields({ field, values, band }: Props) {
  const symbol = currencySymbol(values.currency || 'USD');
  const money = { prefix: symbol, thousandSeparator: ',', decimalScale: 2, min: 0, allowNegative: false, hideControls: true } as const;
  const exempt = values.flsaStatus === 'exempt';

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Select {...field('currency', { select: true })} label={t('field.compensation.currency')} data={[...currencyCodes]} searchable openOnFocus={false} required allowDeselect={false} />
        <Radio.Group {...field('payBasis')} label={t('field.compensation.payBasis')} description={exempt ? t('intake.exemptSalary') : undefined} required>
          <Group mt={6} gap="lg">
            {payBases.map((b) => (
              <Radio key={b} value={b} label={payBasisLabel(b)} disabled={exempt && b === 'hourly'} />
            ))}
          </Group>
        </Radio.Group>
        {values.payBasis === 'hourly' ? (
          <NumberInput {...field('hourlyRate')} {...money} fixedDecimalScale label={t('intake.amountPer', { label: t('field.compensation.hourlyRateCents'), per: t('intake.perHour') })} required />
        ) : (
          <NumberInput
            {...field('baseSalary')}
            {...money}
            decimalScale={0}
            label={t('intake.amountPer', { label: t('field.compensation.baseSalaryCents'), per: t('intake.perYear') })}
            description={<BandNote band={band} base={values.baseSalary} currency={values.currency} />}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            required
          />
        )}
        <NumberInput {...field('bonusTargetPercent')} label={t('field.compensation.bonusTargetPercent')} suffix="%" min={0} max={500} decimalScale={2} allowNegative={false} hideControls />
        <NumberInput {...field('signOnBonus')} {...money} decimalScale={0} label={t('field.compensation.signOnBonusCents')} />
        <NumberInput {...field('relocation')} {...money} decimalScale={0} label={t('field.compensation.relocationCents')} />
      </SimpleGrid>
      <Checkbox {...field('equityEnabled', { type: 'checkbox' })} label={t('intake.equityInclude')} />
      {values.equityEnabled && (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Select
            {...field('equityKind', { select: true })}
            label={t('field.compensation.equity.kind')}
            data={['rsu', 'options'].map((k) => ({ value: k, label: equityKindLabel(k) }))}
            required
            allowDeselect={false}
          />
          <NumberInput {...field('equityUnits')} label={t('field.compensation.equity.units')} thousandSeparator="," allowDecimal={false} allowNegative={false} min={1} hideControls required />
          <TextInput {...field('equityVesting')} label={t('field.compensation.equity.vestingSchedule')} maxLength={200} required />
        </SimpleGrid>
      )}
    </Stack>
  );
}
