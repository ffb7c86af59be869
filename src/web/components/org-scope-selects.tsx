import { Grid, Select, type GridColProps } from '@mantine/core';
import { t } from '../i18n/t';
import '../i18n/shared.en';
import { useBusinessUnits, useDepartments, useUsers } from '../lib/directory';

export interface OrgScope {
  businessUnitId?: string;
  departmentId?: string;
  recruiterId?: string;
}

interface Props {
  value: OrgScope;
  onChange: (patch: OrgScope) => void;
  span: GridColProps['span'];
}

/**
 * Business unit, department and recruiter pickers as grid columns, for filter bars (the status
 * board, metrics). Departments follow the chosen unit; choosing a unit clears the department.
 */
export function OrgScopeSelects({ value, onChange, span }: Props) {
  const units = useBusinessUnits();
  const departments = useDepartments();
  const users = useUsers();
  const departmentOptions = (departments.data ?? [])
    .filter((d) => !value.businessUnitId || d.businessUnitId === value.businessUnitId)
    .map((d) => ({ value: d.id, label: d.name }));
  const recruiterOptions = (users.data ?? []).filter((u) => u.roles.includes('recruiter') || u.id === value.recruiterId).map((u) => ({ value: u.id, label: u.name }));
  return (
    <>
      <Grid.Col span={span}>
        <Select
          label={t('filter.businessUnit')}
          placeholder={t('filter.any')}
          data={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={value.businessUnitId ?? null}
          onChange={(v) => onChange({ businessUnitId: v ?? undefined, departmentId: undefined })}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={span}>
        <Select
          label={t('filter.department')}
          placeholder={t('filter.any')}
          data={departmentOptions}
          value={value.departmentId ?? null}
          onChange={(v) => onChange({ departmentId: v ?? undefined })}
          clearable
          searchable
        />
      </Grid.Col>
      <Grid.Col span={span}>
        <Select
          label={t('filter.recruiter')}
          placeholder={t('filter.any')}
          data={recruiterOptions}
          value={value.recruiterId ?? null}
          onChange={(v) => onChange({ recruiterId: v ?? undefined })}
          clearable
          searchable
        />
      </Grid.Col>
    </>
  );
}
