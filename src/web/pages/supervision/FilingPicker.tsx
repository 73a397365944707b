import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { Filing } from '../../api/filing-types';
import { queryKeys } from '../../api/query-keys';

/** Picks an active filing (an officer at an enterprise) in the bureau's region, searchable by name. */
export function FilingPicker({ value, onChange, id }: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const filings = useQuery({
    queryKey: queryKeys.filings.activePicker,
    queryFn: ({ signal }) => api.get<Page<Filing>>('/api/filings', { status: 'active', pageSize: 200 }, signal),
  });
  return (
    <Select<number>
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      loading={filings.isPending}
      placeholder="输入企业或姓名查找在任的首席质量官"
      options={(filings.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.personName}（${f.idNumberMasked}）· ${f.enterpriseName}` }))}
    />
  );
}
