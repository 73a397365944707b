import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { queryClient } from './api/query-client';
import { AppRoutes } from './App';
import { SessionProvider } from './auth/session';
import './styles.css';

dayjs.locale('zh-cn');

/**
 * WCAG 2.1 AA contrast (1.4.3, at least 4.5:1 on white): antd's secondary text (#8c8c8c, 3.36:1) and placeholders
 * (1.83:1) are darkened, and links take the navy of the buttons instead of a second, lighter blue (#1677ff, 4.1:1).
 */
const theme = {
  token: {
    colorPrimary: '#1f4e9c',
    colorLink: '#1f4e9c',
    colorInfo: '#1f4e9c',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');

createRoot(container).render(
  <StrictMode>
    {/* autoInsertSpace off: buttons read 登录, not 登 录 (also for screen readers and tests) */}
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      {/* antd <App> (message/modal hooks) is provided by the signed-in shells, not here: the login page does without it */}
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  </StrictMode>,
);
