import { Card, Descriptions, Tag, Typography } from 'antd';
import type { Enterprise } from '../../api/enterprise-types';
import {
  divisionText,
  fieldLabel,
  ownershipLabel,
  ROSTER_STATUS_LABELS,
  scaleLabel,
  sectionText,
  sourceLabel,
  statusLabel,
} from '../../components/enterprise-dict';
import { formatDateTime } from '../../components/format';

/** 企业信息: every field of the record. */
export function EnterpriseInfoCard({ enterprise: e }: { enterprise: Enterprise }) {
  return (
    <Card size="small" className="block-card" title="企业信息">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
        items={[
          { key: 'uscc', label: fieldLabel('uscc'), children: <span className="mono">{e.uscc}</span> },
          { key: 'name', label: fieldLabel('name'), children: e.name },
          { key: 'org', label: '所属单位', children: e.orgUnitName },
          { key: 'address', label: fieldLabel('address'), children: e.address ?? '—' },
          { key: 'legal', label: fieldLabel('legalRepresentative'), children: e.legalRepresentative ?? '—' },
          { key: 'contact', label: fieldLabel('contactPerson'), children: e.contactPerson ?? '—' },
          { key: 'phone', label: fieldLabel('contactPhone'), children: e.contactPhone ?? '—' },
          { key: 'section', label: '行业门类', children: sectionText(e.industrySection) },
          { key: 'division', label: fieldLabel('industryCode'), children: divisionText(e.industryCode) },
          { key: 'scale', label: fieldLabel('scale'), children: scaleLabel(e.scale) },
          { key: 'ownership', label: fieldLabel('ownership'), children: ownershipLabel(e.ownership) },
          { key: 'aboveScale', label: fieldLabel('aboveScale'), children: e.aboveScale ? `是（${e.aboveScaleYear ?? '年度未填'}）` : '否' },
          { key: 'status', label: fieldLabel('status'), children: statusLabel(e.status) },
          {
            key: 'officer',
            label: '首席质量官',
            children: e.hasActiveOfficer ? <Tag color="blue">已聘任</Tag> : <Typography.Text type="secondary">未聘任</Typography.Text>,
          },
          { key: 'source', label: '信息来源', children: sourceLabel(e.source) },
          { key: 'roster', label: '名录状态', children: ROSTER_STATUS_LABELS[e.rosterStatus] ?? e.rosterStatus },
          { key: 'created', label: '建档时间', children: formatDateTime(e.createdAt) },
          { key: 'updated', label: '更新时间', children: formatDateTime(e.updatedAt) },
        ]}
      />
    </Card>
  );
}
