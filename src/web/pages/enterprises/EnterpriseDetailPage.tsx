import { ArrowLeftOutlined, CheckCircleOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Space, Spin, Table, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../api/client';
import { REVIEW_FLAGS, type ReviewFlag } from '../../../domain/enterprise';
import type { Page } from '../../api/types';
import type { Enterprise, EnterpriseHistoryEntry } from '../../api/enterprise-types';
import type { Filing } from '../../api/filing-types';
import { Access } from '../../auth/Access';
import { useSession } from '../../auth/session';
import {
  divisionText,
  fieldLabel,
  ownershipLabel,
  ROSTER_STATUS_LABELS,
  scaleLabel,
  sectionText,
  sourceLabel,
  STATUS_COLORS,
  statusLabel,
} from '../../components/enterprise-dict';
import { dateText, endKindLabel } from '../../components/filing-dict';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { usePublicOrgUnits } from '../../components/public-org-units';
import { NotFoundPage } from '../../components/ResultPages';
import { useIsMobile } from '../../components/use-is-mobile';
import { FilingStatusTag, verifyHref } from '../filings/FilingParts';
import { FILINGS_KEY } from '../filings/queries';
import { EnterpriseFormModal } from './EnterpriseFormModal';
import './enterprises.css';

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

export default function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const valid = /^\d+$/.test(id);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const { hasPermission } = useSession();
  const isMobile = useIsMobile();
  const [editing, setEditing] = useState(false);
  const units = usePublicOrgUnits();
  const unitNames = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);

  const enterprise = useQuery({
    queryKey: ['enterprise', Number(id)],
    queryFn: () => api.get<Enterprise>(`/api/enterprises/${id}`),
    enabled: valid,
  });
  const history = useQuery({
    queryKey: ['enterprise', Number(id), 'history'],
    queryFn: () => api.get<EnterpriseHistoryEntry[]>(`/api/enterprises/${id}/history`),
    enabled: valid && enterprise.isSuccess,
  });
  const canReadFilings = hasPermission('filings:read');
  const filings = useQuery({
    queryKey: [...FILINGS_KEY, 'enterprise', Number(id)],
    queryFn: () => api.get<Page<Filing>>('/api/filings', { enterpriseId: id, pageSize: 50 }),
    enabled: valid && enterprise.isSuccess && canReadFilings,
  });

  const notFound = enterprise.error instanceof ApiError && (enterprise.error.status === 404 || enterprise.error.status === 400);
  if (!valid || notFound) return <NotFoundPage />;
  if (enterprise.isPending) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  if (enterprise.isError) {
    return (
      <div className="page">
        <Alert
          type="error"
          showIcon
          title="企业信息加载失败"
          description={errorMessage(enterprise.error)}
          action={
            <Button size="small" onClick={() => void enterprise.refetch()}>
              重试
            </Button>
          }
        />
      </div>
    );
  }
  const e = enterprise.data;

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

  const back = () => {
    // back to the list as it was (filters, page) when we came from it
    if (location.key !== 'default') void navigate(-1);
    else void navigate('/enterprises');
  };

  const checkFlags = () =>
    modal.confirm({
      title: '标记为已核实？',
      content: `确认信用代码与所属单位无误（如企业迁入）后标记。只要所属单位仍为${e.orgUnitName}，这些待核实事项将不再提示；所属单位变更后会重新检查。`,
      okText: '标记为已核实',
      cancelText: '取消',
      onOk: async () => {
        try {
          const saved = await api.post<Enterprise>(`/api/enterprises/${e.id}/review-flags/check`);
          queryClient.setQueryData(['enterprise', saved.id], saved);
          message.success('已标记为已核实');
        } catch (error) {
          // 409: nothing left to check (someone else did it meanwhile): show the fresh record
          message.error(errorMessage(error));
          void queryClient.invalidateQueries({ queryKey: ['enterprise', e.id], exact: true });
        } finally {
          void queryClient.invalidateQueries({ queryKey: ['enterprise', e.id, 'history'] });
          void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
        }
      },
    });

  const checkButton = (
    <Access permission="enterprises:manage">
      <Button size="small" icon={<CheckCircleOutlined />} onClick={checkFlags}>
        标记为已核实
      </Button>
    </Access>
  );

  const filingColumns: TableColumnsType<Filing> = [
    {
      title: '首席质量官',
      key: 'person',
      render: (_v, f) => (
        <div className="cell-stack">
          <Link to={`/filings/${f.id}`}>{f.personName}</Link>
          <Typography.Text type="secondary" className="mono">
            {f.idNumberMasked}
          </Typography.Text>
          {isMobile ? (
            <>
              <span>
                <FilingStatusTag filing={f} /> 聘任日期 {dateText(f.appointmentDate)}
              </span>
              {f.endedAt ? (
                <Typography.Text type="secondary">
                  {endKindLabel(f.endKind)} · {dateText(f.endedAt)}
                </Typography.Text>
              ) : null}
              {f.proofSerial ? <ProofLink serial={f.proofSerial} /> : null}
            </>
          ) : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '状态', key: 'status', render: (_v, f) => <FilingStatusTag filing={f} /> },
          { title: '聘任日期', dataIndex: 'appointmentDate', render: (v: string | null) => <span className="nowrap">{dateText(v)}</span> },
          {
            title: '结束',
            key: 'ended',
            render: (_v, f) =>
              f.endedAt ? (
                <span className="nowrap">
                  {endKindLabel(f.endKind)} · {dateText(f.endedAt)}
                </span>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: '备案证明',
            key: 'proof',
            render: (_v, f) => (f.proofSerial ? <ProofLink serial={f.proofSerial} /> : <Typography.Text type="secondary">—</Typography.Text>),
          },
        ] as TableColumnsType<Filing>)),
  ];

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
    <div className="page">
      <PageHeader
        title={e.name}
        description={
          <Space wrap size={[8, 4]}>
            <span className="mono">{e.uscc}</span>
            <Tag color={STATUS_COLORS[e.status] ?? 'default'}>{statusLabel(e.status)}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={back}>
              返回名录
            </Button>
            <Access permission="enterprises:manage">
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
            </Access>
          </Space>
        }
      />
      {e.reviewFlags.length ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title="待核实"
          // on a phone the button goes under the text, which the action column would squeeze
          action={isMobile ? undefined : checkButton}
          description={
            <>
              <ul className="flag-list">
                {e.reviewFlags.map((f) => (
                  <li key={f.code}>{f.label}</li>
                ))}
              </ul>
              <Typography.Text type="secondary">
                信用代码第 3–8 位（{e.uscc.slice(2, 8)}）为登记机关所在地，所属单位为{e.orgUnitName}。请核对信用代码和所属单位，有误的请编辑更正；企业迁入等情况属正常。
              </Typography.Text>
              {isMobile ? <div className="flag-actions">{checkButton}</div> : null}
            </>
          }
        />
      ) : null}
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
      {canReadFilings ? (
        <Card size="small" className="block-card" title={filings.data ? `首席质量官聘任备案（${filings.data.total}）` : '首席质量官聘任备案'}>
          {filings.isError ? (
            <Alert type="error" showIcon title="聘任备案加载失败" description={errorMessage(filings.error)} />
          ) : filings.data?.total === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该企业尚无首席质量官聘任备案" />
          ) : (
            <>
              <Table<Filing>
                rowKey="id"
                size="small"
                loading={filings.isPending}
                columns={filingColumns}
                dataSource={filings.data?.items ?? []}
                pagination={false}
                {...(isMobile ? {} : { scroll: { x: 'max-content' } })}
              />
              {filings.data && filings.data.total > filings.data.items.length ? (
                <Typography.Paragraph type="secondary" className="card-footnote">
                  仅显示最近 {filings.data.items.length} 份，共 {filings.data.total} 份。
                </Typography.Paragraph>
              ) : null}
            </>
          )}
        </Card>
      ) : null}
      <Card size="small" className="block-card" title="变更记录">
        {history.isError ? (
          <Alert type="error" showIcon title="变更记录加载失败" description={errorMessage(history.error)} />
        ) : history.isPending ? (
          <div className="page-spin">
            <Spin />
          </div>
        ) : timeline.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无变更记录（批量导入新增的企业不单独记录初始信息）" />
        ) : (
          <Timeline className="history-timeline" items={timeline} />
        )}
      </Card>
      <EnterpriseFormModal
        open={editing}
        enterprise={e}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          queryClient.setQueryData(['enterprise', saved.id], saved);
          void queryClient.invalidateQueries({ queryKey: ['enterprise', saved.id, 'history'] });
          void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
          message.success('企业信息已保存');
        }}
      />
    </div>
  );
}

/** A 备案证明 serial, opening its public check page in a new tab. */
function ProofLink({ serial }: { serial: string }) {
  return (
    <a href={verifyHref(serial)} target="_blank" rel="noopener noreferrer" className="mono" title="在新标签页打开证书核验页">
      {serial}
    </a>
  );
}
