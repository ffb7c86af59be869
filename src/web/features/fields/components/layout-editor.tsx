import { ActionIcon, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { t } from '../../../i18n/t';
import '../messages.en';
import { canMove, moveBy, moveTo, type Layout, type LayoutItem } from './layout-model';

interface Props {
  layout: Layout;
  onChange: (layout: Layout) => void;
  onEdit: (key: string) => void;
  onRetire: (key: string) => void;
  /** "Organisation-wide" or the unit's name. */
  scopeName: (businessUnitId: string | null) => string;
}

/**
 * The intake form's sections with their fields in order. Drag a field by its row (native drag and
 * drop) onto another field or a section's end, or use Move up / Move down / Move to top: past the
 * first or last place of a section, a field joins the section before or after.
 */
export function LayoutEditor({ layout, onChange, onEdit, onRetire, scopeName }: Props) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  // A moved row is a moved DOM node, which drops keyboard focus: put it back on the row's controls.
  const refocus = useRef<{ key: string; move: string } | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const want = refocus.current;
    refocus.current = null;
    if (!want || !root.current) return;
    const row = root.current.querySelector(`[data-layout-field="${want.key}"]`);
    const same = row?.querySelector<HTMLButtonElement>(`[data-move="${want.move}"]:not(:disabled)`);
    (same ?? row?.querySelector<HTMLButtonElement>('[data-move]:not(:disabled)') ?? row?.querySelector<HTMLButtonElement>('button'))?.focus();
  }, [layout]);
  const drop = (e: DragEvent, section: string, beforeKey?: string) => {
    e.preventDefault();
    e.stopPropagation();
    const key = e.dataTransfer.getData('text/plain') || dragging;
    if (key) onChange(moveTo(layout, key, section, beforeKey));
    setDragging(null);
    setOver(null);
  };
  const allowDrop = (id: string) => (e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (over !== id) setOver(id);
  };

  return (
    <Stack gap="md" data-testid="layout-editor" ref={root}>
      {layout.map((g) => (
        <Paper
          key={g.section}
          withBorder
          radius="md"
          p="sm"
          component="section"
          aria-label={t('fields.sectionAria', { section: g.section })}
          data-layout-section={g.section}
          onDragOver={allowDrop(`end:${g.section}`)}
          onDrop={(e) => drop(e, g.section)}
          bg={over === `end:${g.section}` ? 'blue.0' : undefined}
        >
          <Title order={3} size="h5" mb="xs">
            {g.section}
          </Title>
          <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
            {g.items.map((item) => (
              <Row
                key={item.key}
                item={item}
                scope={scopeName(item.businessUnitId)}
                moves={canMove(layout, item.key)}
                highlighted={over === item.key}
                onMove={(m) => {
                  refocus.current = { key: item.key, move: m };
                  onChange(moveBy(layout, item.key, m));
                }}
                onEdit={() => onEdit(item.key)}
                onRetire={() => onRetire(item.key)}
                dragProps={{
                  draggable: true,
                  onDragStart: (e: DragEvent) => {
                    e.dataTransfer.setData('text/plain', item.key);
                    e.dataTransfer.effectAllowed = 'move';
                    setDragging(item.key);
                  },
                  onDragEnd: () => {
                    setDragging(null);
                    setOver(null);
                  },
                  onDragOver: allowDrop(item.key),
                  onDrop: (e: DragEvent) => drop(e, g.section, item.key),
                }}
              />
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

interface RowProps {
  item: LayoutItem;
  scope: string;
  moves: { up: boolean; down: boolean; top: boolean };
  highlighted: boolean;
  onMove: (m: 'up' | 'down' | 'top') => void;
  onEdit: () => void;
  onRetire: () => void;
  dragProps: Record<string, unknown>;
}

function Row({ item, scope, moves, highlighted, onMove, onEdit, onRetire, dragProps }: RowProps) {
  const name = item.label;
  return (
    <Paper component="li" withBorder radius="sm" px="sm" py={6} data-layout-field={item.key} style={{ cursor: 'grab', borderTop: highlighted ? '3px solid var(--mantine-color-blue-6)' : undefined }} {...dragProps}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text aria-hidden c="gray.6" fw={700} style={{ userSelect: 'none' }}>
            ⠿
          </Text>
          <div style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" truncate data-field-label>
              {name}
              {item.required && (
                <Text component="span" c="red.8" ml={4} aria-label={t('fields.requiredMark')}>
                  *
                </Text>
              )}
            </Text>
            <Text size="xs" c="gray.7">
              {t('fields.rowMeta', { key: item.key, type: t(`fields.type.${item.type}` as 'fields.type.text'), scope })}
            </Text>
          </div>
        </Group>
        <Group gap={4} wrap="nowrap">
          <ActionIcon variant="default" size="md" disabled={!moves.top} data-move="top" onClick={() => onMove('top')} aria-label={t('fields.moveTop', { label: name })} title={t('fields.moveTopShort')}>
            ⤒
          </ActionIcon>
          <ActionIcon variant="default" size="md" disabled={!moves.up} data-move="up" onClick={() => onMove('up')} aria-label={t('fields.moveUp', { label: name })} title={t('fields.moveUpShort')}>
            ↑
          </ActionIcon>
          <ActionIcon variant="default" size="md" disabled={!moves.down} data-move="down" onClick={() => onMove('down')} aria-label={t('fields.moveDown', { label: name })} title={t('fields.moveDownShort')}>
            ↓
          </ActionIcon>
          <Button size="compact-sm" variant="default" onClick={onEdit} aria-label={t('fields.editAria', { label: name })}>
            {t('fields.edit')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" c="red.9" onClick={onRetire} aria-label={t('fields.retireAria', { label: name })}>
            {t('fields.retire')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
