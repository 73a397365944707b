import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Filing, Page } from '../api/types';
import { useSession } from '../auth/session';

const count = (query: Record<string, string>) => api.get<Page<Filing>>('/api/filings', { ...query, page: 1, pageSize: 1 }).then((p) => p.total);

/**
 * The reviewing bureau's to-do first on its home page: filings waiting for review and those past their deadline,
 * each linking to the filtered list.
 */
export function HomeWorkQueue() {
  const { hasPermission } = useSession();
  const enabled = hasPermission('filings:review');
  const pending = useQuery({ queryKey: ['filings', 'count', 'submitted'], queryFn: () => count({ status: 'submitted' }), enabled });
  const overdue = useQuery({ queryKey: ['filings', 'count', 'overdue'], queryFn: () => count({ overdue: 'true' }), enabled });
  if (!enabled) return null;
  const items = [
    { key: 'pending', label: '待审核备案', value: pending.data, to: '/filings', danger: false },
    { key: 'overdue', label: '逾期未审备案', value: overdue.data, to: '/filings?tab=overdue', danger: (overdue.data ?? 0) > 0 },
  ];
  return (
    <Card className="section-alert" size="small" title="待办工作">
      <Row gutter={[16, 16]}>
        {items.map((i) => (
          <Col key={i.key} xs={12} sm={8} xl={6}>
            <Link to={i.to} aria-label={i.label}>
              <Statistic title={i.label} value={i.value ?? '—'} styles={i.danger ? { content: { color: '#cf1322' } } : {}} />
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
