/** The sign-in feature in 简体中文 (Simplified Chinese). */
import type { SignInMessages } from './en.ts';

export const signInZhCN: SignInMessages = {
  'oidc.button': '使用 {name} 登录',
  'oidc.or': '或使用服务台密码',
  'oidc.breakGlass': '服务台管理员紧急登录',
  'oidc.error.state': '登录耗时过长，或不是在此浏览器中发起的。请重试。',
  'oidc.error.provider-refused': '贵组织的登录已被取消或拒绝。',
  'oidc.error.token-refused': '无法信任贵组织登录返回的应答，因此未能登录。请重试。',
  'oidc.error.email-unverified': '贵组织尚未确认您的电子邮件地址，服务台无法判断哪个账户属于您。',
  'oidc.error.no-account': '服务台还没有您的账户。请联系 IT 团队创建。',
  'oidc.error.account-deactivated': '此账户已停用。请联系服务台管理员重新启用。',
  'oidc.error.unavailable': '暂时无法连接贵组织的登录服务。请稍后重试。',
  'oidc.passwordsOff': '此服务台已关闭密码登录：请使用 {name} 登录。',
};
