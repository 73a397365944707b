import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, List, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { STUDY_PACE_LABELS } from '../../../domain/study-time';
import { api, errorMessage } from '../../api/client';
import type { IssuedTranscript, StudyAccount, Transcript } from '../../api/study-types';
import { download } from '../../components/download';
import { RecordPending } from '../../components/FullPageSpin';
import { QueryState } from '../../components/list/QueryState';
import { useIsMobile } from '../../components/use-is-mobile';
import { PageHeader } from '../../components/PageHeader';
import { ClaimCard } from './ClaimForm';
import './study.css';
import { queryKeys } from '../../api/query-keys';

const PACE_COLORS = { done: 'success', on_track: 'processing', behind: 'warning' } as const;

/** 我的学时账户: the year's progress ring against the target, hours per source, every line, and transcripts. */
export default function StudyAccountPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mobile = useIsMobile();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const account = useQuery({ queryKey: queryKeys.study.account(year), queryFn: () => api.get<StudyAccount>('/api/study/my/account', { year }) });
  const transcripts = useQuery({ queryKey: queryKeys.study.transcripts, queryFn: () => api.get<Transcript[]>('/api/study/my/transcripts') });
  const issue = useMutation({
    mutationFn: () => api.post<IssuedTranscript>('/api/study/my/transcripts', { year }),
    onSuccess: (r) => {
      void message.success(`学时证明已开具，编号 ${r.serial}`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.study.transcripts });
      download(`/api/study/transcripts/${r.id}/pdf`);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (!account.data) return <RecordPending query={account} what="学时账户" />;
  const a = account.data;
  const percent = Math.min(100, Math.floor((a.onlineHours * 100) / a.targetHours));
  return (
    <div className="page">
      <PageHeader
        title="我的学时账户"
        description={`按规定每年累计线上自学不少于 ${a.targetHours} 学时，1 学时 = ${a.minutesPerHour} 分钟；培训、线下学习等其他学习另行记录。`}
        extra={
          <Space wrap>
            <Select aria-label="年度" value={year} onChange={setYear} options={a.years.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 100 }} />
            <Button icon={<SafetyCertificateOutlined />} loading={issue.isPending} onClick={() => issue.mutate()}>
              开具学时证明
            </Button>
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <div className="study-ring">
              <Progress type="circle" percent={percent} size={mobile ? 120 : 150} format={() => `${a.onlineHours} 学时`} aria-label="年度线上自学进度" />
              <div>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {a.year} 年度线上自学：{a.onlineHours} / {a.targetHours} 学时
                </Typography.Title>
                <Tag color={PACE_COLORS[a.pace]}>{STUDY_PACE_LABELS[a.pace]}</Tag>
                <div>
                  <Typography.Text type="secondary">
                    其他学习 {a.otherHours} 学时 · 合计 {a.hours} 学时（{a.totalMinutes} 分钟）
                  </Typography.Text>
                </div>
              </div>
            </div>
          </Card>
          <Card size="small" title="按来源" style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={a.bySource}
              renderItem={(s) => (
                <List.Item extra={<Typography.Text strong>{s.hours} 学时</Typography.Text>}>
                  {s.label}（{s.minutes} 分钟）<Tag color={s.online ? 'blue' : 'default'}>{s.online ? '线上自学' : '其他学习'}</Tag>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title="学时明细" style={{ marginBottom: 16 }} extra={<Link to="/study">去学习</Link>}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={a.lines}
              scroll={{ x: 480 }}
              locale={{ emptyText: '本年度还没有学时' }}
              columns={[
                { title: '日期', dataIndex: 'occurredOn', width: 100 },
                { title: '来源', dataIndex: 'sourceLabel', width: 110, render: (label: string, r) => (r.online ? `${label}（线上）` : label) },
                { title: '内容', dataIndex: 'title' },
                {
                  title: '分钟',
                  dataIndex: 'minutes',
                  width: 70,
                  render: (m: number, r) =>
                    r.status === 'revoked' ? (
                      <Typography.Text delete title={r.statusReason ?? ''}>
                        {m}
                      </Typography.Text>
                    ) : (
                      m
                    ),
                },
              ]}
            />
          </Card>
          <Card size="small" style={{ marginBottom: 16 }}>
            <ClaimCard />
          </Card>
          <Card size="small" title="学时证明">
            <QueryState query={transcripts} what="学时证明" empty="尚未开具" rows={2}>
              {(rows) => (
                <List
                  size="small"
                  dataSource={rows}
                  renderItem={(t) => (
                    <List.Item
                      actions={[
                        <Button key="pdf" size="small" icon={<DownloadOutlined />} onClick={() => download(`/api/study/transcripts/${t.id}/pdf`)}>
                          下载
                        </Button>,
                      ]}
                    >
                      {t.year} 年度 · {t.serial}
                    </List.Item>
                  )}
                />
              )}
            </QueryState>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
