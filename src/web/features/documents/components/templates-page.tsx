import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ClausesPanel } from './clauses-panel';
import { PacketRulesPanel } from './packet-rules-panel';
import { TemplatesPanel } from './templates-panel';

const tabs = ['templates', 'clauses', 'rules'] as const;
type Tab = (typeof tabs)[number];

/** The document library: templates with a live preview, the clause library and the packet rules. */
export function TemplatesPage({ canEdit }: { canEdit: boolean }) {
  const [params, setParams] = useSearchParams();
  const tab: Tab = tabs.find((x) => x === params.get('tab')) ?? 'templates';
  const selected = params.get('template');
  const update = (next: Record<string, string | null>) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(next)) {
          if (v === null) p.delete(k);
          else p.set(k, v);
        }
        return p;
      },
      { replace: true },
    );

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('documents.title')}</Title>
        <Text c="gray.8" size="sm" maw={900}>
          {t('documents.subtitle')}
        </Text>
      </div>
      {!canEdit && <Text size="sm">{t('documents.readOnly')}</Text>}
      <Tabs value={tab} onChange={(v) => update({ tab: v === 'templates' ? null : v })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="templates">{t('documents.tab.templates')}</Tabs.Tab>
          <Tabs.Tab value="clauses">{t('documents.tab.clauses')}</Tabs.Tab>
          <Tabs.Tab value="rules">{t('documents.tab.rules')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="templates" pt="md">
          <TemplatesPanel selected={selected} onSelect={(key) => update({ template: key })} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="clauses" pt="md">
          <ClausesPanel canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="md">
          <PacketRulesPanel canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
