import { Button, Group, Menu, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { roles } from '../../../core/roles';
import { ProblemAlert } from '../problem-alert';
import { t, type MessageKey } from '../../i18n/t';
import '../../i18n/shared.en';
import { isProblem } from '../../lib/api-client';
import { useBusinessUnits } from '../../lib/directory';
import { useDeleteView, useSaveView, useViews, type SavedView, type ViewPage } from '../../lib/saved-views';

interface Props {
  page: ViewPage;
  /** The page's current filters as a view holds them: the page API's own query parameters. */
  filters: Record<string, string>;
  /** The columns to save with the view; undefined: the page's own. */
  columns?: string[];
  /** Opens a view: the page puts its filters (and columns) in the address bar. */
  onApply: (view: SavedView) => void;
}

const roleOptions = roles.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }));

/** A page's saved views (the offers list's or the board's): open mine or one shared with me, save the current filters, delete mine. */
export function ViewsMenu({ page, filters, columns, onApply }: Props) {
  const views = useViews(page);
  const [dialog, setDialog] = useState<'save' | 'manage' | null>(null);
  const mine = (views.data ?? []).filter((v) => v.mine);
  const shared = (views.data ?? []).filter((v) => !v.mine);
  const open = (v: SavedView) => onApply(v);

  return (
    <>
      {/* No initial-focus placeholder: a focusable presentational element inside a menu breaks its ARIA role (axe: aria-required-children). */}
      <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <Button variant="default">{t('views.button')}</Button>
        </Menu.Target>
        <Menu.Dropdown miw={260} maw={360}>
          {/* Only menu items in the menu (no labels or dividers), as its ARIA role wants; a shared view says who shared it. */}
          {views.isError && <Menu.Item disabled>{t('views.loadFailed')}</Menu.Item>}
          {views.isSuccess && mine.length === 0 && shared.length === 0 && <Menu.Item disabled>{t('views.none')}</Menu.Item>}
          {mine.map((v) => (
            <Menu.Item key={v.id} onClick={() => open(v)}>
              {v.name}
            </Menu.Item>
          ))}
          {shared.map((v) => (
            <Menu.Item key={v.id} onClick={() => open(v)}>
              <Text size="sm">{v.name}</Text>
              <Text size="xs" c="gray.7">
                {t('views.sharedBy', { name: v.sharedBy?.name ?? '' })}
              </Text>
            </Menu.Item>
          ))}
          <Menu.Item onClick={() => setDialog('save')}>{t('views.save')}</Menu.Item>
          {mine.length > 0 && <Menu.Item onClick={() => setDialog('manage')}>{t('views.manage')}</Menu.Item>}
        </Menu.Dropdown>
      </Menu>
      {dialog === 'save' && <SaveViewModal page={page} filters={filters} columns={columns} onClose={() => setDialog(null)} />}
      {dialog === 'manage' && <ManageViewsModal page={page} views={mine} onClose={() => setDialog(null)} />}
    </>
  );
}

function SaveViewModal({ page, filters, columns, onClose }: { page: ViewPage; filters: Record<string, string>; columns?: string[]; onClose: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [unit, setUnit] = useState<string | null>(null);
  const units = useBusinessUnits();
  const save = useSaveView(page);
  const fieldError = (field: string) => (isProblem(save.error, 422) ? save.error.fieldErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message : undefined);
  const nameError = fieldError('name');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ name: name.trim(), filters, ...(columns ? { columns } : {}), sharedWithRoles: role ? [role] : [], sharedWithBusinessUnitId: unit }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={t('views.saveTitle')} centered closeButtonProps={{ 'aria-label': t('action.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="gray.7">
            {t(`views.saveIntro.${page}`)}
          </Text>
          <TextInput label={t('views.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={80} required data-autofocus error={nameError} />
          <Select label={t('views.shareRole')} placeholder={t('views.shareNobody')} data={roleOptions} value={role} onChange={setRole} clearable error={fieldError('sharedWithRoles')} />
          <Select
            label={t('views.shareUnit')}
            placeholder={t('views.shareNobody')}
            data={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            value={unit}
            onChange={setUnit}
            clearable
            error={fieldError('sharedWithBusinessUnitId')}
          />
          <Text size="xs" c="gray.7">
            {t('views.shareHelp')}
          </Text>
          {save.isError && !nameError && <ProblemAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('views.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
              {t('views.saveButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function sharedWithText(v: SavedView): string {
  const who = [...v.sharedWithRoles.map((r) => t(`role.${r}` as MessageKey)), ...(v.sharedWithBusinessUnit ? [v.sharedWithBusinessUnit.name] : [])];
  return who.length ? t('views.sharedWith', { who: who.join(', ') }) : t('views.notShared');
}

function ManageViewsModal({ page, views, onClose }: { page: ViewPage; views: SavedView[]; onClose: () => void }) {
  const remove = useDeleteView(page);
  return (
    <Modal opened onClose={onClose} title={t('views.manageTitle')} centered closeButtonProps={{ 'aria-label': t('action.close') }}>
      <Stack gap="sm">
        {views.length === 0 && <Text size="sm">{t('views.none')}</Text>}
        {views.map((v) => (
          <Group key={v.id} justify="space-between" wrap="nowrap">
            <div>
              <Text size="sm" fw={500}>
                {v.name}
              </Text>
              <Text size="xs" c="gray.7">
                {sharedWithText(v)}
              </Text>
            </div>
            <Button
              variant="light"
              color="red"
              size="xs"
              aria-label={t('views.deleteLabel', { name: v.name })}
              loading={remove.isPending && remove.variables?.id === v.id}
              onClick={() => remove.mutate(v)}
            >
              {t('views.delete')}
            </Button>
          </Group>
        ))}
        {remove.isError && <ProblemAlert error={remove.error} />}
      </Stack>
    </Modal>
  );
}
