import { Alert, Button, Spin } from 'antd';
import { errorMessage } from '../../api/client';

export function Loading() {
  return (
    <div className="page-spin">
      <Spin />
    </div>
  );
}

export function LoadError({ title, error, retry }: { title: string; error: unknown; retry: () => void }) {
  return (
    <div className="page">
      <Alert
        type="error"
        showIcon
        title={title}
        description={errorMessage(error)}
        action={
          <Button size="small" onClick={retry}>
            重试
          </Button>
        }
      />
    </div>
  );
}
