import { api, saveSession } from '../api.js';
import { h, clear, form, field, input, values } from '../ui.js';

export async function render(main) {
  const f = form([
    field('用户名', 'username', input({ autocomplete: 'username', autofocus: true })),
    field('密码', 'password', input({ type: 'password', autocomplete: 'current-password' }))
  ], '登录', async form => {
    const v = values(form);
    const r = await api('auth/login', { method: 'POST', body: { username: v.username || '', password: v.password || '' } });
    saveSession({ token: r.token, expiresAt: r.expiresAt, user: r.user, node: r.node });
    location.hash = '#/home';
  }, { id: 'login-form' });
  let node = '';
  clear(main, h('section.card.login', h('h1', '城市运行管理服务平台'), h('p.muted#login-node', node), f));
}
