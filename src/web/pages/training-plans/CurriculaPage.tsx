import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Tabs, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { CurriculumSummary } from '../../api/training-plan-types';
import { useMe } from '../../auth/session';
import { formatDate } from '../../components/format';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/url-filters';
import { TierTag } from './dict';
import { MaterialsPanel } from './MaterialsPanel';
import { queryKeys } from '../../api/query-keys';

/** 课程与教材: the curricula (one per city for 基础/提升, the province's 高级) and their materials. */
export default function CurriculaPage() {
  const me = useMe();
  const navigate = useNavigate();
  const url = useUrlFilters(['tab'] as const);
  const tab = url.filters.tab === 'materials' ? 'materials' : 'curricula';
  const list = useQuery({ queryKey: queryKeys.curricula.list, queryFn: () => api.get<CurriculumSummary[]>('/api/training-curricula') });
  const ownTiers = me.abilities.curriculumTiers;
  const missing = ownTiers.filter((t) => !(list.data ?? []).some((c) => c.orgUnitId === me.orgUnit.id && c.tier === t));

  return (
    <div className="page">
      <PageHeader
        title="课程与教材"
        description="设区市统一基础、提升培训的课程体系与教材，省局统一高级培训的课程体系与教材"
        extra={
          missing.length ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/training-curricula/new')}>
              编制课程体系
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => url.update({ tab: k === 'materials' ? 'materials' : undefined })}
        items={[
          { key: 'curricula', label: '课程体系' },
          { key: 'materials', label: '培训资料' },
        ]}
      />
      {tab === 'materials' ? (
        <MaterialsPanel />
      ) : (
        <QueryState query={list} what="课程体系" empty="暂无可查看的课程体系">
          {(rows) => (
            <Row gutter={[12, 12]}>
              {rows.map((c) => (
                <Col key={c.id} xs={24} md={12} xl={8}>
                  <Card
                    size="small"
                    hoverable
                    onClick={() => void navigate(`/training-curricula/${c.id}`)}
                    title={
                      <Space wrap size={4}>
                        <TierTag tier={c.tier} />
                        {c.orgUnitName}
                      </Space>
                    }
                  >
                    <Typography.Paragraph strong ellipsis={{ rows: 2 }}>
                      {c.title}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {c.moduleCount} 个模块 · {c.totalHours} 学时 · {c.materialCount} 份资料 · 第 {c.version} 版（{formatDate(c.updatedAt)}）
                    </Typography.Text>
                  </Card>
                </Col>
              ))}
            </Row>
          )}
        </QueryState>
      )}
    </div>
  );
}
