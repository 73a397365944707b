import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router';

/** Back to the enterprise's filing list. */
export function MyFilingBackButton() {
  const navigate = useNavigate();
  return (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/my-filings')}>
      返回聘任备案
    </Button>
  );
}
