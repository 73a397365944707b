import { DatePicker, TreeSelect, type TablePaginationConfig } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import type { OrgUnitKind } from '../../domain/org-unit';
import { toTreeSelectData, useOrgTree } from './org-tree';
import { FilterField } from './FilterField';
import { rememberListSearch } from './list/list-href';
import { KeywordSearch } from './KeywordSearch';

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

/** A list's server-side sort: the columns' keys it accepts and the one used when the address bar names none. */
export interface SortSpec<S extends string> {
  keys: readonly S[];
  default?: S;
  defaultOrder?: 'asc' | 'desc';
}

export type SortOrder = 'ascend' | 'descend' | null;

/**
 * A list's filters, page, page size and sort as they stand in the address bar (so 返回 and a shared link keep them).
 * `update` changes some of them; a filter change goes back to page 1. `ListTable` reads page, page size and sort
 * from here and writes them back; `sort`/`order` are the address bar's `sort` and `order` (asc|desc).
 */
export function useUrlFilters<K extends string, S extends string = never>(keys: readonly K[], sortSpec?: SortSpec<S>) {
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  useEffect(() => {
    rememberListSearch(pathname, params.toString());
  }, [pathname, params]);
  const filters: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  const anyFilter = keys.some((k) => filters[k] !== undefined);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : DEFAULT_PAGE_SIZE;
  const sortParam = params.get('sort') as S | null;
  const sort: S | undefined = sortParam && sortSpec?.keys.includes(sortParam) ? sortParam : sortSpec?.default;
  const order: 'asc' | 'desc' = params.get('order') === 'desc' ? 'desc' : params.get('order') === 'asc' ? 'asc' : (sortSpec?.defaultOrder ?? 'asc');
  const update = (patch: Record<string, string | number | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };
  /** Drops every filter (and the page); page size and sort stay. */
  const reset = () => update(Object.fromEntries(keys.map((k) => [k, undefined])));
  /** The antd column `sortOrder` of a sortable column. */
  const sortOrderOf = (key: S): SortOrder => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  /** A click on a column header: its key and antd's order (null: back to the default sort). */
  const sortBy = (key: string | undefined, next: SortOrder) => {
    if (!key || !next || !sortSpec?.keys.includes(key as S)) update({ sort: undefined, order: undefined });
    else update({ sort: key, order: next === 'ascend' ? 'asc' : 'desc' });
  };
  const pagination = (total: number, small: boolean, totalText: (n: number) => string = (n) => `共 ${n} 条`) => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: totalText,
    size: small ? ('small' as const) : ('middle' as const),
    onChange: (p: number, ps: number) => update({ page: ps === pageSize ? p : 1, pageSize: ps === DEFAULT_PAGE_SIZE ? undefined : ps }, true),
  });
  return { filters, anyFilter, page, pageSize, sort, order, update, reset, sortOrderOf, sortBy, pagination };
}

/** The part of `useUrlFilters` that `ListTable` uses: the address bar's page, page size and sort. */
export interface UrlPaging {
  pagination: (total: number, small: boolean, totalText?: (n: number) => string) => TablePaginationConfig;
  sortBy: (key: string | undefined, order: SortOrder) => void;
}

/**
 * The keyword box bound to `q` (or another text filter) in the address bar; it follows the address bar when that
 * changes from elsewhere. `label` is its visible label, 关键词 unless given.
 */
export function UrlKeyword({
  value,
  placeholder,
  onApply,
  label = '关键词',
}: {
  value: string | undefined;
  placeholder: string;
  onApply: (q: string | undefined) => void;
  label?: string;
}) {
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value ?? '');
  }
  return (
    <FilterField label={label}>
      <KeywordSearch placeholder={placeholder} value={text} onValueChange={setText} onApply={onApply} />
    </FilterField>
  );
}

/**
 * The unit filter: a TreeSelect of the caller's unit and those below it (its first level open), labelled 主管单位
 * unless `label` says otherwise; with `kinds`, units of other kinds show but cannot be picked. A caller with one unit
 * and nothing below it has nothing to choose, so it shows nothing. `className` sizes the select (e.g. `full-width`
 * in a grid cell); without it the select is as wide as its text and its list as wide as the names.
 */
/** The filter bar's unit select: at least 150 px wide (register.css), its options as wide as their names. */
const UNIT_SELECT_CLASS = 'register-unit-select';

export function UnitFilter({
  value,
  onChange,
  label = '主管单位',
  placeholder = '全部主管单位',
  kinds,
  className = UNIT_SELECT_CLASS,
}: {
  value: string | number | undefined;
  onChange: (id: number | undefined) => void;
  label?: string;
  placeholder?: string;
  kinds?: readonly OrgUnitKind[];
  className?: string;
}) {
  const tree = useOrgTree();
  const data = useMemo(() => toTreeSelectData(tree.data ?? [], kinds), [tree.data, kinds]);
  const roots = useMemo(() => (tree.data ?? []).map((n) => n.id), [tree.data]);
  const single = tree.data?.length === 1 && tree.data[0]?.children.length === 0;
  if (single) return null;
  return (
    <FilterField label={label}>
      <TreeSelect<number>
        allowClear
        showSearch={{ treeNodeFilterProp: 'title' }}
        treeDefaultExpandedKeys={roots}
        placeholder={placeholder}
        value={value ? Number(value) : undefined}
        treeData={data}
        onChange={(v) => onChange(v)}
        className={className}
        popupMatchSelectWidth={className === UNIT_SELECT_CLASS ? false : undefined}
      />
    </FilterField>
  );
}

/** A date range bound to `from` / `to` in the address bar. */
export function DateRangeFilter({
  from,
  to,
  onChange,
  isMobile,
}: {
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string | undefined, to: string | undefined) => void;
  isMobile: boolean;
}) {
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
