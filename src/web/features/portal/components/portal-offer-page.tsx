import { Alert, Anchor, Badge, Divider, Group, List, Stack, Text, Title } from '@mantine/core';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t, tOr } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { formatDate, formatMoney } from '../../../lib/format';
import { describeAsked } from '../../../lib/term-words';
import { portalPath, usePortalOffer, type PortalOffer } from '../api/portal-offer';
import { PortalAnswer } from './portal-answer';

/** Phone-first: the offer in plain words, the documents to read, and until when it is open. */
export function PortalOfferPage({ token }: { token: string }) {
  const query = usePortalOffer(token);
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    return (
      <Stack gap="sm">
        <Title order={1} size="h3">
          {t('portal.unavailable.title')}
        </Title>
        <ProblemAlert error={query.error} />
      </Stack>
    );
  }
  const data = query.data;
  return (
    <Stack gap="md">
      <Text c="dimmed">{t('portal.greeting', { name: data.candidateFirstName, organization: data.organizationName })}</Text>
      <Title order={1} size="h2">
        {data.offer.title}
      </Title>
      {data.changesFromPrevious.length > 0 && (
        <Alert color="violet" variant="light" title={t('portal.whatChanged.title')} role="note">
          <Text size="sm">{t('portal.whatChanged.body', { organization: data.organizationName })}</Text>
          <List size="sm" spacing={2} mt={4}>
            {data.changesFromPrevious.map((c) => (
              <List.Item key={c.field}>{describeAsked({ field: c.field, label: c.label, current: c.before, asked: c.after }, data.offer.currency)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <OfferFacts data={data} />
      {data.offer.expiresOn && (
        <Alert color="blue" variant="light" title={t('portal.expires.title')}>
          {t('portal.expires.body', { date: formatDate(data.offer.expiresOn) })}
        </Alert>
      )}
      <PortalAnswer token={token} data={data} />
      <Divider />
      <Title order={2} size="h4">
        {t('portal.documents.title')}
      </Title>
      <List spacing="xs" listStyleType="none" p={0}>
        {data.documents.map((d) => (
          <List.Item key={d.sha256}>
            <Group gap="xs" wrap="nowrap">
              <Anchor href={`/api/v1${portalPath(token)}/documents/${d.sha256}`} download>
                {d.name}
              </Anchor>
              <Badge variant="outline" color="gray" size="sm" style={{ flexShrink: 0 }}>
                {d.mediaType === 'application/pdf' ? 'PDF' : 'Word'}
              </Badge>
            </Group>
          </List.Item>
        ))}
      </List>
      <Text size="sm" c="dimmed">
        {t('portal.questions', { organization: data.organizationName })}
      </Text>
    </Stack>
  );
}

function OfferFacts({ data }: { data: PortalOffer }) {
  const o = data.offer;
  const pay =
    o.payBasis === 'hourly' && o.hourlyRateCents !== null
      ? t('portal.pay.hourly', { amount: formatMoney(o.hourlyRateCents, o.currency) })
      : o.baseSalaryCents !== null
        ? t('portal.pay.salary', { amount: formatMoney(o.baseSalaryCents, o.currency) })
        : null;
  const rows: [string, string][] = [
    [t('portal.fact.start'), formatDate(o.startDate)],
    [t('portal.fact.location'), o.location.remote ? t('portal.fact.remote', { city: o.location.city, state: o.location.state }) : `${o.location.city}, ${o.location.state}`],
    [t('portal.fact.type'), tOr(`employmentType.${o.employmentType}`, o.employmentType)],
    ...(pay ? ([[t('portal.fact.pay'), pay]] as [string, string][]) : []),
    ...(o.bonusTargetPercent !== null ? ([[t('portal.fact.bonus'), t('portal.fact.bonusValue', { percent: o.bonusTargetPercent })]] as [string, string][]) : []),
    ...(o.signOnBonusCents !== null ? ([[t('portal.fact.signOn'), formatMoney(o.signOnBonusCents, o.currency)]] as [string, string][]) : []),
    ...(o.equityUnits !== null ? ([[t('portal.fact.equity'), t('portal.fact.equityValue', { units: o.equityUnits })]] as [string, string][]) : []),
  ];
  return (
    <Stack gap={6} component="dl" m={0}>
      {rows.map(([label, value]) => (
        <Group key={label} justify="space-between" wrap="nowrap" gap="md">
          <Text component="dt" c="dimmed" size="sm">
            {label}
          </Text>
          <Text component="dd" m={0} fw={600} ta="right">
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
