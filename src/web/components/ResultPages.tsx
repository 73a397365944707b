import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

function HomeButton() {
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => void navigate('/')}>
      返回首页
    </Button>
  );
}

export function ForbiddenPage() {
  return <Result status="403" title="403 无权访问" subTitle="您的角色没有访问此页面的权限。如确需使用，请联系上级管理员。" extra={<HomeButton />} />;
}

export function NotFoundPage() {
  return <Result status="404" title="404 页面不存在" subTitle="您访问的页面不存在，可能是地址有误或页面已调整。" extra={<HomeButton />} />;
}
