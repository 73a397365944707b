import { App } from 'antd';
import { useEffect } from 'react';
import type { FeedbackApi } from './deferred-feedback';

/**
 * antd's <App> itself — the holders that draw messages, modals and notifications, and their API — loaded by
 * FeedbackProvider after the first screen. It hands the API up; the shell's pages reach it through their App.useApp().
 */
export default function FeedbackHost({ onReady }: { onReady: (api: FeedbackApi) => void }) {
  return (
    <App component={false}>
      <HandUp onReady={onReady} />
    </App>
  );
}

function HandUp({ onReady }: { onReady: (api: FeedbackApi) => void }) {
  const api = App.useApp();
  useEffect(() => onReady(api), [api, onReady]);
  return null;
}
