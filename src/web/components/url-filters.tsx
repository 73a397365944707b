import { DatePicker, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { toTreeSelectData, useOrgTree } from './org-tree';
import { FilterField } from './FilterField';
import { KeywordSearch } from './KeywordSearch';

const PAGE_SIZES = [10, 20, 50, 100];

/**
 * A list's filters, page and page size as they stand in the address bar (so 返回 and a shared link keep them).
 * `update` changes some of them; a filter change goes back to page 1.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filters: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const update = (patch: Record<string, string | number | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };
  const pagination = (total: number, small: boolean) => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (n: number) => `共 ${n} 条`,
    size: small ? ('small' as const) : ('middle' as const),
    hideOnSinglePage: true,
    onChange: (p: number, ps: number) => update({ page: ps === pageSize ? p : 1, pageSize: ps === 20 ? undefined : ps }, true),
  });
  return { filters, page, pageSize, update, pagination };
}

/** The keyword box bound to `q` in the address bar (it follows the address bar when that changes from elsewhere). */
export function UrlKeyword({ value, placeholder, onApply }: { value: string | undefined; placeholder: string; onApply: (q: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value ?? '');
  }
  return (
    <FilterField label="关键词">
      <KeywordSearch placeholder={placeholder} value={text} onValueChange={setText} onApply={onApply} />
    </FilterField>
  );
}

/** The unit filter: the caller's unit and those below it. */
export function UnitFilter({ value, onChange, placeholder = '全部主管单位' }: { value: string | undefined; onChange: (id: number | undefined) => void; placeholder?: string }) {
  const tree = useOrgTree();
  const data = useMemo(() => toTreeSelectData(tree.data ?? []), [tree.data]);
  const single = tree.data?.length === 1 && tree.data[0]?.children.length === 0;
  if (single) return null;
  return (
    <FilterField label="主管单位">
      <TreeSelect<number>
        allowClear
        showSearch
        treeNodeFilterProp="title"
        treeDefaultExpandAll={false}
        placeholder={placeholder}
        value={value ? Number(value) : undefined}
        treeData={data}
        onChange={(v) => onChange(v)}
        className="register-unit-select"
        popupMatchSelectWidth={false}
      />
    </FilterField>
  );
}

/** A date range bound to `from` / `to` in the address bar. */
export function DateRangeFilter({ from, to, onChange, isMobile }: { from: string | undefined; to: string | undefined; onChange: (from: string | undefined, to: string | undefined) => void; isMobile: boolean }) {
  return (
    <FilterField label="日期">
      <DatePicker.RangePicker
        value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
        allowEmpty={[true, true]}
        inputReadOnly={isMobile}
        placeholder={['开始日期', '结束日期']}
        onChange={(v) => onChange(v?.[0]?.format('YYYY-MM-DD'), v?.[1]?.format('YYYY-MM-DD'))}
      />
    </FilterField>
  );
}
