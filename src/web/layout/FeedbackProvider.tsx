import { ConfigProvider } from 'antd';
import AppContext from 'antd/es/app/context';
import useAppStyle from 'antd/es/app/style';
import { lazy, Suspense, useContext, useEffect, useState, type ReactNode } from 'react';
import { deferredFeedback } from './deferred-feedback';

const FeedbackHost = lazy(() => import('./FeedbackHost'));

/**
 * The signed-in shell's antd <App>, kept off the first screen. It draws <App>'s root (the `ant-app` element with antd's
 * own text style) and provides antd's App context with a deferred API (deferred-feedback.ts), so `App.useApp()` works
 * in every page as before; antd's <App> itself (FeedbackHost) loads at the first tap or key press, or a little after the
 * page has loaded, or at the first message or modal asked for before then.
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [hostWanted, setHostWanted] = useState(false);
  const [{ api, attach }] = useState(() => deferredFeedback(() => setHostWanted(true)));
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const prefixCls = getPrefixCls('app');
  const [hashId, cssVarCls] = useAppStyle(prefixCls);

  useEffect(() => {
    // not while the first screen still loads (its chunks and data share a phone's line): at the first tap or key, or
    // two seconds after the page's load event once the browser is idle. Safari has no requestIdleCallback: a timer.
    const { requestIdleCallback, cancelIdleCallback } = window as Partial<Window>;
    const start = () => setHostWanted(true);
    let delay = 0;
    let idle = 0;
    const afterLoad = () => {
      delay = window.setTimeout(() => {
        idle = requestIdleCallback ? requestIdleCallback(start, { timeout: 2000 }) : window.setTimeout(start, 0);
      }, 2000);
    };
    if (document.readyState === 'complete') afterLoad();
    else window.addEventListener('load', afterLoad, { once: true });
    const interactions = ['pointerdown', 'keydown'] as const;
    for (const type of interactions) window.addEventListener(type, start, { once: true, capture: true, passive: true });
    return () => {
      window.removeEventListener('load', afterLoad);
      for (const type of interactions) window.removeEventListener(type, start, { capture: true });
      window.clearTimeout(delay);
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
