import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, InputNumber, Space, Table, Tabs, Tag } from 'antd';
import { api, withQuery } from '../../api/client';
import type { Scorecard, ScorecardPart, ScorecardRow } from '../../api/coverage-types';
import { download } from '../../components/download';
import { FilterField } from '../../components/FilterField';
import { FilterBar } from '../../components/list/FilterBar';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { UnitFilter, useUrlFilters } from '../../components/url-filters';
import { AssessmentResults } from './AssessmentResults';
import { AssessmentSchemeCard } from './AssessmentSchemeCard';
import { percent } from './coverage-format';
import './supervision.css';
import { queryKeys } from '../../api/query-keys';

const FIGURE_FILTERS = ['orgUnitId', 'year'] as const;
/** the units a scorecard is figured for (departments and others show in the tree but cannot be picked) */
const REGION_KINDS = ['province', 'city', 'county'] as const;
const TABS = ['results', 'figures', 'scheme'] as const;
type Tab = (typeof TABS)[number];

const part = (p: ScorecardPart) => (
  <Space size={4} wrap>
    <span>{percent(p.share)}</span>
    {p.met === null ? null : <Tag color={p.met ? 'green' : 'red'}>{p.met ? '达标' : '未达标'}</Tag>}
  </Space>
);

/**
 * 考核记分卡 (policy 八): the 考核 results (score, grade and rank of each city and county under the year's scheme), the
 * raw indicators per region and year with their Excel export, and the versioned scheme the province keeps.
 */
export default function ScorecardsPage() {
  // the tab is in the address bar too, so 返回 from elsewhere comes back to it
  const url = useUrlFilters(['tab'] as const);
  const tab: Tab = TABS.find((t) => t === url.filters.tab) ?? 'results';
  return (
    <div className="coverage-page">
      <PageHeader
        title="考核记分卡"
        description="首席质量官制度推进情况纳入政府质量工作考核（苏质委办〔2020〕9号 八）：按年度方案计算各设区市、县（市、区）的综合得分、等次和同级排名。"
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => url.update({ tab: key === 'results' ? undefined : key })}
        items={[
          { key: 'results', label: '考核结果', children: <AssessmentResults /> },
          { key: 'figures', label: '指标明细', children: <ScorecardFigures /> },
          { key: 'scheme', label: '考核方案', children: <AssessmentSchemeCard /> },
        ]}
      />
    </div>
  );
}

/** The raw indicators per region and year, with the Excel export. */
function ScorecardFigures() {
  const url = useUrlFilters(FIGURE_FILTERS);
  const thisYear = new Date().getFullYear();
  const orgUnitId = url.filters.orgUnitId ? Number(url.filters.orgUnitId) : undefined;
  const year = Number(url.filters.year) || thisYear;
  const query = { orgUnitId, year };
  const card = useQuery({
    queryKey: queryKeys.coverage.scorecard(query),
    queryFn: () => api.get<Scorecard>('/api/coverage/scorecards', query),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <FilterBar>
        <UnitFilter label="地区" placeholder="本级（含下级）" kinds={REGION_KINDS} value={orgUnitId} onChange={(v) => url.update({ orgUnitId: v })} />
        <FilterField label="年度">
          <InputNumber min={2021} max={2100} value={year} onChange={(v) => url.update({ year: v === null || v === thisYear ? undefined : v })} suffix="年" />
        </FilterField>
        <Button type="primary" icon={<DownloadOutlined />} onClick={() => download(withQuery('/api/coverage/scorecards/export', query))}>
          导出 Excel
        </Button>
      </FilterBar>
      <QueryState query={card} what="记分卡">
        {(data) => (
          <Table<ScorecardRow>
            size="small"
            rowKey="orgUnitId"
            loading={card.isFetching}
            dataSource={data.rows}
            pagination={false}
            scroll={{ x: 1100 }}
            rowClassName={(r) => (r.orgUnitId === data.unit.id ? 'total-row' : '')}
            columns={[
              { title: '地区', dataIndex: 'name', fixed: 'left', width: 120 },
              { title: '规上覆盖率', key: 'above', render: (_, r) => part(r.aboveScale) },
              { title: '规上（已设/总数）', key: 'aboveN', render: (_, r) => `${r.aboveScale.covered}/${r.aboveScale.enterprises}` },
              { title: '中小微覆盖率', key: 'sme', render: (_, r) => part(r.sme) },
              { title: '中小微（已设/总数）', key: 'smeN', render: (_, r) => `${r.sme.covered}/${r.sme.enterprises}` },
              { title: '本年新增规上首席质量官', dataIndex: 'newOfficers' },
              { title: '培训完成率', key: 'training', render: (_, r) => `${percent(r.trainingShare)}（${r.trained}/${r.officers}）` },
              { title: '人均线上自学学时', dataIndex: 'averageStudyHours' },
              { title: '线上自学达标率', key: 'study', render: (_, r) => `${percent(r.studyShare)}（${r.studyTargetMet}/${r.officers}）` },
              { title: '按期审结率', key: 'onTime', render: (_, r) => `${percent(r.onTimeShare)}（${r.decidedOnTime}/${r.decided}）` },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
