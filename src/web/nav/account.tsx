import { lazy } from 'react';
import type { AppPage } from './page';

/** The pages of the signed-in user's own: notifications, account settings, contact, in menu order. */
export const ACCOUNT_PAGES: readonly AppPage[] = [
  {
    key: 'notifications',
    path: '/notifications',
    label: '我的消息',
    permission: null,
    icon: 'BellOutlined',
    description: '备案审核进度、逾期提醒等系统消息',
    inMenu: false,
    component: lazy(() => import('../pages/notifications/NotificationsPage')),
  },
  {
    key: 'my-deliveries',
    path: '/notifications/sent',
    label: '通知发送记录',
    permission: null,
    icon: 'BellOutlined',
    description: '通过站内消息、短信和电子邮件发给我的通知',
    inMenu: false,
    parent: 'notifications',
    component: lazy(() => import('../pages/notifications/MyDeliveriesPage')),
  },
  {
    key: 'account',
    path: '/account',
    label: '账户设置',
    permission: null,
    icon: 'UserOutlined',
    description: '本人账户信息，修改密码',
    inMenu: false,
    component: lazy(() => import('../pages/AccountSettingsPage')),
  },
  {
    key: 'account-contact',
    path: '/account/contact',
    label: '联系方式',
    permission: null,
    icon: 'UserOutlined',
    description: '接收公务通知的手机号码和电子邮箱；企业的联系人与联系电话',
    inMenu: false,
    parent: 'account',
    component: lazy(() => import('../pages/ContactPage')),
  },
];
