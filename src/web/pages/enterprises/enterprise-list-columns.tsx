import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { Link } from 'react-router';
import type { Enterprise } from '../../api/enterprise-types';
import { divisionText, ownershipLabel, scaleLabel, sectionText, STATUS_COLORS, statusLabel } from '../../components/enterprise-dict';
import { formatDate, formatDateTimeShort } from '../../components/format';

/** The columns the 企业名录 sorts by (in the address bar as `sort` and `order`). */
export type EnterpriseSortKey = 'name' | 'uscc' | 'updatedAt' | 'createdAt';
export const ENTERPRISE_SORT_KEYS: readonly EnterpriseSortKey[] = ['name', 'uscc', 'updatedAt', 'createdAt'];

/** The 企业名录's columns; `singleUnit` drops 所属单位 (it would say the same on every row). */
export function enterpriseListColumns({
  isMobile,
  singleUnit,
  sortOrderOf,
}: {
  isMobile: boolean;
  singleUnit: boolean;
  sortOrderOf: (key: EnterpriseSortKey) => SortOrder;
}): TableColumnsType<Enterprise> {
  return [
    {
      title: '企业名称',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      sortDirections: ['ascend', 'descend', 'ascend'],
      width: isMobile ? 160 : 240,
      fixed: 'left',
      render: (_v, e) => (
        <div className="cell-stack">
          <span>
            <Link to={`/enterprises/${e.id}`} className="enterprise-name-link">
              {e.name}
            </Link>
            {/* 在营 is the rule: only the exceptions get a tag */}
            {e.status !== 'operating' ? (
              <Tag color={STATUS_COLORS[e.status] ?? 'default'} className="inline-tag">
                {statusLabel(e.status)}
              </Tag>
            ) : null}
          </span>
          {e.reviewFlags.length ? (
            <Space size={[4, 4]} wrap className="flag-tags">
              {e.reviewFlags.map((f) => (
                <Tag key={f.code} color="orange" icon={<ExclamationCircleOutlined />} className="flag-tag">
                  待核实：{f.label}
                </Tag>
              ))}
            </Space>
          ) : null}
        </div>
      ),
    },
    {
      title: '统一社会信用代码',
      key: 'uscc',
      dataIndex: 'uscc',
      sorter: true,
      sortOrder: sortOrderOf('uscc'),
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (v: string) => <span className="mono nowrap">{v}</span>,
    },
    // a county bureau sees only its own unit: the column would say the same on every row
    ...(singleUnit ? [] : [{ title: '所属单位', dataIndex: 'orgUnitName', render: (v: string) => <span className="nowrap">{v}</span> }]),
    {
      title: '行业',
      key: 'industry',
      render: (_v, e) => (
        <Tooltip title={`${sectionText(e.industrySection)} / ${divisionText(e.industryCode)}`}>
          <span className="industry-cell">{divisionText(e.industryCode)}</span>
        </Tooltip>
      ),
    },
    {
      title: '规模',
      key: 'scale',
      render: (_v, e) => (
        <span className="nowrap">
          {scaleLabel(e.scale)}
          {e.aboveScale ? (
            <Tooltip title={e.aboveScaleYear ? `规上企业（${e.aboveScaleYear} 年度）` : '规上企业'}>
              <Tag color="geekblue" className="inline-tag">
                规上
              </Tag>
            </Tooltip>
          ) : null}
        </span>
      ),
    },
    { title: '经济类型', dataIndex: 'ownership', render: (v: string) => <span className="nowrap">{ownershipLabel(v)}</span> },
    {
      title: '首席质量官',
      dataIndex: 'hasActiveOfficer',
      render: (v: boolean) => (v ? <Tag color="blue">已聘任</Tag> : <Typography.Text type="secondary">未聘任</Typography.Text>),
    },
    {
      title: '更新时间',
      key: 'updatedAt',
      dataIndex: 'updatedAt',
      sorter: true,
      sortOrder: sortOrderOf('updatedAt'),
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (v: string) => (
        <Tooltip title={formatDateTimeShort(v)}>
          <span className="nowrap">{formatDate(v)}</span>
        </Tooltip>
      ),
    },
  ];
}
