import { Alert, Button, FileInput, Group, Progress, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatNumber } from '../../../lib/format';
import { ImportColumns } from './import-columns';
import { fetchImport, importKinds, progressOf, startImport, type ImportKind, type ImportRun } from '../api/imports';

const POLL_MS = 500;

/** Import requisitions, candidates or comp bands from CSV: a dry run with its line-by-line report, then the import. */
export function ImportsPage() {
  const [kind, setKind] = useState<ImportKind>('candidates');
  const [file, setFile] = useState<File | null>(null);
  const [run, setRun] = useState<ImportRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const poll = (id: string) => {
    timer.current = setTimeout(() => {
      fetchImport(id)
        .then((next) => {
          setRun(next);
          if (next.status === 'running') poll(id);
          else setBusy(false);
        })
        .catch((err: unknown) => {
          setError(err);
          setBusy(false);
        });
    }, POLL_MS);
  };

  const start = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setRun(null);
    try {
      const started = await startImport(kind, file, dryRun);
      setRun(started);
      if (started.status === 'running') poll(started.id);
      else setBusy(false);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('imports.title')}</Title>
        <Text c="gray.8" size="sm" maw={900}>
          {t('imports.subtitle')}
        </Text>
      </div>
      <Stack gap="sm" maw={640}>
        <SegmentedControl
          aria-label={t('imports.kind')}
          value={kind}
          onChange={(v) => setKind(v as ImportKind)}
          data={importKinds.map((k) => ({ value: k, label: t(`imports.kind.${k}`) }))}
          disabled={busy}
        />
        <FileInput label={t('imports.file')} description={t('imports.fileHint')} accept=".csv,text/csv" value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': t('imports.clearFile') }} disabled={busy} />
        <ImportColumns kind={kind} />
        <Group>
          <Button onClick={() => void start(true)} disabled={!file || busy} variant="default">
            {t('imports.dryRun')}
          </Button>
          <Button onClick={() => void start(false)} disabled={!file || busy}>
            {t('imports.import')}
          </Button>
        </Group>
      </Stack>
      {error !== null && <ProblemAlert error={error} />}
      {run && <RunReport run={run} />}
    </Stack>
  );
}

function RunReport({ run }: { run: ImportRun }) {
  const running = run.status === 'running';
  return (
    <Stack gap="sm" data-testid="import-report">
      {running && (
        <Stack gap={4}>
          <Text size="sm">
            {run.phase === 'writing'
              ? t('imports.writing', { done: formatNumber(run.writtenRows), total: formatNumber(run.goodRows || run.totalRows) })
              : t('imports.checking', { done: formatNumber(run.processedRows), total: formatNumber(run.totalRows) })}
          </Text>
          <Progress value={progressOf(run)} animated aria-label={t('imports.progress')} />
        </Stack>
      )}
      {!running && (
        <Alert color={run.status === 'failed' || run.badRows > 0 ? 'red' : 'green'} variant="light" role="status">
          <Text size="sm">
            {run.status === 'failed'
              ? t('imports.refused')
              : t('imports.counts', { total: formatNumber(run.totalRows), good: formatNumber(run.goodRows), bad: formatNumber(run.badRows) })}
          </Text>
          {run.status === 'done' && (
            <Text size="sm" fw={600}>
              {run.imported
                ? t('imports.imported', { rows: formatNumber(run.goodRows) })
                : run.dryRun
                  ? run.badRows
                    ? t('imports.dryRunBad')
                    : t('imports.dryRunGood')
                  : run.badRows
                    ? t('imports.nothingImported')
                    : t('imports.nothingToImport')}
            </Text>
          )}
        </Alert>
      )}
      {run.problems.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" striped aria-label={t('imports.problems')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.line')}</Table.Th>
                <Table.Th>{t('imports.column')}</Table.Th>
                <Table.Th>{t('imports.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.problems.map((p, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{p.line || ''}</Table.Td>
                  <Table.Td>{p.column ?? ''}</Table.Td>
                  <Table.Td>{p.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {run.problemsTruncated && <Text size="sm">{t('imports.truncated', { shown: formatNumber(run.problems.length) })}</Text>}
    </Stack>
  );
}
