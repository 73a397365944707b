import { QrcodeOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Row, Space, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { HomeCard } from '../components/HomeCard';
import type { Todo } from '../api/types';
import { queryKeys } from '../api/query-keys';

const ACTION_ICONS: Record<string, ReactNode> = { signIn: <QrcodeOutlined />, myTraining: <ScheduleOutlined /> };

/**
 * 待办工作, first on every role's home page: the counts the server computes for the caller's role and scope
 * (`GET /api/home/todo`), each a link to the list it counts; the officer's 扫码签到 before them.
 */
export function HomeWorkQueue() {
  const navigate = useNavigate();
  const todo = useQuery({ queryKey: queryKeys.home.todo, queryFn: () => api.get<Todo>('/api/home/todo') });
  if (!todo.data) return todo.isLoading ? <HomeCard className="section-alert" size="small" title="待办工作" loading /> : null;
  const { actions, items } = todo.data;
  return (
    <HomeCard className="section-alert home-todo" size="small" title="待办工作">
      {actions.length > 0 ? (
        <Space wrap className="home-todo-actions">
          {actions.map((a, i) => (
            <Button key={a.key} type={i === 0 ? 'primary' : 'default'} size="large" icon={ACTION_ICONS[a.key]} onClick={() => void navigate(a.link)}>
              {a.label}
            </Button>
          ))}
        </Space>
      ) : null}
      <Row gutter={[16, 16]}>
        {items.map((i) => (
          <Col key={i.key} xs={12} sm={8} xl={6}>
            <Link to={i.link} className="home-todo-item">
              <Statistic
                title={i.label}
                value={i.value}
                suffix={i.target === undefined ? undefined : `/ ${String(i.target)} ${i.unit ?? ''}`}
                styles={i.alert ? { content: { color: '#cf1322' } } : {}}
              />
            </Link>
          </Col>
        ))}
      </Row>
    </HomeCard>
  );
}
