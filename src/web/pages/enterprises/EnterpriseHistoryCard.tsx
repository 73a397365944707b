import { useQuery } from '@tanstack/react-query';
import { Card, Space, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { QueryState } from '../../components/list/QueryState';
import { REVIEW_FLAGS, type ReviewFlag } from '../../../domain/enterprise';
import type { EnterpriseHistoryEntry } from '../../api/enterprise-types';
import { divisionText, fieldLabel, ownershipLabel, scaleLabel, sectionText, statusLabel } from '../../components/enterprise-dict';
import { formatDateTime } from '../../components/format';
import { usePublicOrgUnits } from '../../components/public-org-units';
import { queryKeys } from '../../api/query-keys';

/** History rows name DB columns; their labels are the input fields' labels. */
const COLUMN_FIELDS: Record<string, string> = {
  name: 'name',
  org_unit_id: 'orgUnitId',
  address: 'address',
  legal_representative: 'legalRepresentative',
  contact_person: 'contactPerson',
  contact_phone: 'contactPhone',
  industry_division: 'industryCode',
  industry_section: 'industrySection',
  scale: 'scale',
  ownership: 'ownership',
  above_scale: 'aboveScale',
  above_scale_year: 'aboveScaleYear',
  status: 'status',
  review_flags: 'reviewFlags',
};
const EXTRA_COLUMN_LABELS: Record<string, string> = { industry_section: '行业门类', review_flags: '待核实事项' };
const columnLabel = (column: string): string => EXTRA_COLUMN_LABELS[column] ?? fieldLabel(COLUMN_FIELDS[column] ?? column);

const KIND_LABELS: Record<string, { label: string; color: string }> = {
  create: { label: '录入', color: 'green' },
  update: { label: '修改', color: 'blue' },
  import: { label: '批量导入更新', color: 'blue' },
  registration: { label: '企业注册确认', color: 'green' },
  change_request: { label: '变更申请确认', color: 'orange' },
  review: { label: '核实待核实事项', color: 'cyan' },
};

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const flagLabel = (code: unknown): string => REVIEW_FLAGS[String(code) as ReviewFlag] ?? String(code);

/** 变更记录: the enterprise's changes, newest first, each field before → after in words. */
export function EnterpriseHistoryCard({ enterpriseId }: { enterpriseId: number }) {
  const units = usePublicOrgUnits();
  const unitNames = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const history = useQuery({
    queryKey: queryKeys.enterpriseHistory(enterpriseId),
    queryFn: () => api.get<EnterpriseHistoryEntry[]>(`/api/enterprises/${enterpriseId}/history`),
  });

  /** A history value in words: dictionary labels for codes, unit names for unit ids. */
  const valueText = (column: string, v: unknown): string => {
    if (isEmpty(v)) return column === 'review_flags' ? '（无）' : '（空）';
    switch (column) {
      case 'review_flags':
        return Array.isArray(v) ? v.map(flagLabel).join('；') : String(v);
      case 'org_unit_id':
        return unitNames.get(Number(v)) ?? `单位 #${String(v)}`;
      case 'industry_division':
        return divisionText(String(v));
      case 'industry_section':
        return sectionText(String(v));
      case 'scale':
        return scaleLabel(String(v));
      case 'ownership':
        return ownershipLabel(String(v));
      case 'status':
        return statusLabel(String(v));
      case 'above_scale':
        return v === true ? '是' : v === false ? '否' : String(v);
      default:
        return String(v);
    }
  };

  const timeline = (history.data ?? []).map((h) => {
    const kind = KIND_LABELS[h.kind] ?? { label: h.kind, color: 'gray' };
    const order = Object.keys(COLUMN_FIELDS);
    const rank = (column: string) => (order.includes(column) ? order.indexOf(column) : order.length);
    const entries = Object.entries(h.changes)
      .filter(([, pair]) => Array.isArray(pair))
      .sort(([a], [b]) => rank(a) - rank(b));
    return {
      key: h.id,
      color: kind.color,
      content: (
        <div className="history-item">
          <Space wrap size={[8, 0]} className="history-head">
            <Typography.Text strong>{kind.label}</Typography.Text>
            <Typography.Text type="secondary">{formatDateTime(h.changedAt)}</Typography.Text>
            <Typography.Text type="secondary">{h.actor ?? '系统'}</Typography.Text>
          </Space>
          <ul className="history-changes">
            {entries.map(([column, pair]) => {
              const [before, after] = pair as [unknown, unknown];
              return (
                <li key={column}>
                  <span className="history-field">{columnLabel(column)}：</span>
                  {isEmpty(before) && (h.kind === 'create' || h.kind === 'registration') ? (
                    <span>{valueText(column, after)}</span>
                  ) : (
                    <span>
                      <del className="history-before">{valueText(column, before)}</del>
                      <span className="history-arrow"> → </span>
                      <span>{valueText(column, after)}</span>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ),
    };
  });

  return (
    <Card size="small" className="block-card" title="变更记录">
      <QueryState query={history} what="变更记录" rows={3} empty="暂无变更记录（批量导入新增的企业不单独记录初始信息）" isEmpty={() => timeline.length === 0}>
        {() => <Timeline className="history-timeline" items={timeline} />}
      </QueryState>
    </Card>
  );
}
