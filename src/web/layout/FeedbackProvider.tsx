import { ConfigProvider } from 'antd';
import AppContext from 'antd/es/app/context';
import useAppStyle from 'antd/es/app/style';
import { lazy, Suspense, useContext, useEffect, useState, type ReactNode } from 'react';
import { deferredFeedback } from './deferred-feedback';

const FeedbackHost = lazy(() => import('./FeedbackHost'));

/**
 * The signed-in shell's antd <App>, kept off the first screen. It draws <App>'s root (the `ant-app` element with antd's
 * own text style) and provides antd's App context with a deferred API (deferred-feedback.ts), so `App.useApp()` works
 * in every page as before; antd's <App> itself (FeedbackHost) loads once the page has loaded and the browser is idle,
 * or at the first message or modal asked for before then.
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [hostWanted, setHostWanted] = useState(false);
  const [{ api, attach }] = useState(() => deferredFeedback(() => setHostWanted(true)));
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const prefixCls = getPrefixCls('app');
  const [hashId, cssVarCls] = useAppStyle(prefixCls);

  useEffect(() => {
    // Safari has no requestIdleCallback: a short timer there
    const { requestIdleCallback, cancelIdleCallback } = window as Partial<Window>;
    let idle = 0;
    const start = () => setHostWanted(true);
    const whenIdle = () => {
      idle = requestIdleCallback ? requestIdleCallback(start, { timeout: 2000 }) : window.setTimeout(start, 200);
    };
    if (document.readyState === 'complete') whenIdle();
    else window.addEventListener('load', whenIdle, { once: true });
    return () => {
      window.removeEventListener('load', whenIdle);
      if (cancelIdleCallback) cancelIdleCallback(idle);
      else window.clearTimeout(idle);
    };
  }, []);

  return (
    <AppContext.Provider value={api}>
      <div className={`${hashId} ${prefixCls} ${cssVarCls}`}>
        {children}
        {hostWanted ? (
          <Suspense fallback={null}>
            <FeedbackHost onReady={attach} />
          </Suspense>
        ) : null}
      </div>
    </AppContext.Provider>
  );
}
