import { Code, List, Text } from '@mantine/core';
import { columnsByKind, type ImportKind } from '../../../../imports/csv-columns';
import { t } from '../../../i18n/t';
import '../messages.en';

/** The header row a file of this kind needs, from the same column list the server checks against. */
export function ImportColumns({ kind }: { kind: ImportKind }) {
  const columns = columnsByKind[kind];
  return (
    <div data-testid="import-columns">
      <Text size="sm" fw={600}>
        {t('imports.columns')}
      </Text>
      <List size="sm" spacing={2}>
        {columns.map((c) => (
          <List.Item key={c.name}>
            <Code>{c.name}</Code> {c.required ? t('imports.required') : t('imports.optional')}: {c.describe}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
