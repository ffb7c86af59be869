import { Grid, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { OfferOption } from '../../offers/api/offer-options';
import { useTemplate, type TemplateDraft } from '../api/templates';
import { FieldCatalogueList } from './field-catalogue-list';
import { TemplateEditor, type EditorHandle } from './template-editor';
import { TemplatePreview } from './template-preview';

/** One template: its source in the editor, the live preview beside it, the merge fields below. */
interface Props {
  templateKey: string;
  canEdit: boolean;
  offer: OfferOption | null;
  onOffer: (offer: OfferOption | null) => void;
}

export function TemplateWorkbench({ templateKey, canEdit, offer, onOffer }: Props) {
  const template = useTemplate(templateKey);
  const [draft, setDraft] = useState<TemplateDraft | null>(null);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const editor = useRef<EditorHandle>(null);
  // The preview follows the text half a second after typing stops.
  const [debounced] = useDebouncedValue(draft, 500);

  // Load the current version once, and again when a save makes a newer one current.
  useEffect(() => {
    const data = template.data;
    if (!data || data.source === null || baseVersion === data.version) return;
    setBaseVersion(data.version);
    setDraft({ name: data.name, kind: data.kind, source: data.source });
  }, [template.data, baseVersion]);

  if (template.isPending) return <PageLoader />;
  if (template.isError) return <ProblemAlert error={template.error} onRetry={() => void template.refetch()} />;
  const data = template.data;
  if (data.source === null) {
    return (
      <Paper withBorder p="md" radius="md">
        <Text size="sm">{t('documents.editor.wordTemplate', { name: data.name })}</Text>
      </Paper>
    );
  }
  if (!draft) return <PageLoader />;
  const dirty = draft.source !== data.source || draft.name !== data.name || draft.kind !== data.kind;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="lg">
          <Paper withBorder p="md" radius="md">
            <TemplateEditor
              ref={editor}
              templateKey={templateKey}
              value={draft}
              onChange={setDraft}
              version={data.version}
              dirty={dirty}
              onRevert={() => setDraft({ name: data.name, kind: data.kind, source: data.source ?? '' })}
              canEdit={canEdit}
            />
          </Paper>
          <Paper withBorder p="md" radius="md">
            <FieldCatalogueList used={data.fields} onInsert={canEdit ? (path) => editor.current?.insert(`{{ ${path} }}`) : undefined} />
          </Paper>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Paper withBorder p="md" radius="md" h="100%">
          <TemplatePreview draft={debounced ?? draft} pending={debounced !== draft} onGoTo={(line, column) => editor.current?.goTo(line, column)} selected={offer} onSelect={onOffer} />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
