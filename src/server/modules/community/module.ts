import type { ServerModule } from '../module';
import { moderationRoutes } from './moderation-routes';
import { organisationRoutes } from './organisation-routes';
import { communitySearchRoutes } from './search-routes';
import { threadRoutes } from './thread-routes';

export const communityModule: ServerModule = {
  name: 'community',
  routes: [
    organisationRoutes,
    threadRoutes,
    moderationRoutes,
    // the community search also covers what other modules lend it (the cases' source)
    (app, ctx, lent) => communitySearchRoutes(app, ctx, [...lent.searchSources]),
  ],
  auditActions: {
    'community.organisation.members.export': '导出成员名单',
    'community.organisation.create': '创建联盟/之家',
    'community.organisation.update': '修改联盟/之家',
    'community.organisation.admin': '指定联盟管理员',
    'community.member.apply': '申请加入组织',
    'community.member.accept': '接受入会邀请',
    'community.member.leave': '退出组织',
    'community.member.invite': '邀请加入组织',
    'community.member.approve': '通过入会申请',
    'community.member.reject': '不通过入会申请',
    'community.member.role': '设置成员职务',
    'community.member.remove': '移出组织成员',
    'community.member.ban': '禁言成员',
    'community.member.unban': '解除禁言',
    'community.board.create': '新建版块',
    'community.board.update': '修改版块',
    'community.thread.create': '发表主题',
    'community.reply.create': '发表回复',
    'community.post.edit': '编辑帖子',
    'community.thread.accept': '采纳答案',
    'community.post.report': '举报帖子',
    'community.post.approve': '审核通过帖子',
    'community.post.hide': '隐藏帖子',
    'community.post.restore': '恢复帖子',
    'community.post.dismiss': '驳回举报',
    'community.thread.lock': '锁定主题',
    'community.thread.unlock': '解除锁定主题',
    'community.thread.pin': '置顶主题',
    'community.thread.unpin': '取消置顶',
    'community.thread.feature': '主题加精',
    'community.thread.unfeature': '取消加精',
    'community.thread.move': '移动主题',
    'community.word.add': '添加敏感词',
    'community.word.remove': '删除敏感词',
    'community.file.upload': '上传帖子图片/附件',
  },
};
