// The console shell: hash routes, the menu for the user's level and roles, the user menu (node, level, role).
import { session, clearSession, hasRole, level } from './api.js';
import { h, clear, errorBox } from './ui.js';

/** Menu entries: route, label, who sees it (levels, roles; empty = everyone signed in). */
const MENU = [
  { path: 'home', label: '首页', module: 'home' },
  { path: 'cases', label: '案件工作台', module: 'cases', levels: ['MUNICIPAL'],
    roles: ['inspector', 'intake-operator', 'shift-lead', 'dispatcher', 'department', 'leader'] },
  { path: 'report', label: '上报案件', module: 'report', levels: ['MUNICIPAL'], roles: ['inspector', 'intake-operator'] },
  { path: 'map', label: '网格地图', module: 'map', levels: ['MUNICIPAL'],
    roles: ['inspector', 'intake-operator', 'shift-lead', 'dispatcher', 'department', 'leader', 'sys-admin'] },
  { path: 'stats', label: '统计分析', module: 'stats', levels: ['MUNICIPAL'],
    roles: ['leader', 'shift-lead', 'dispatcher', 'intake-operator'] },
  { path: 'tasks', label: '督查任务', module: 'tasks',
    roles: ['ministry-supervisor', 'province-supervisor', 'city-task-handler', 'leader'] },
  { path: 'notices', label: '监督通报', module: 'notices',
    roles: ['ministry-supervisor', 'province-supervisor', 'city-task-handler', 'leader'] },
  // national 12319 queue and intake; a city's 12319 complaints with their cases
  { path: 'complaints', label: '12319 热线', module: 'complaints', levels: ['NATIONAL', 'MUNICIPAL'],
    roles: ['ministry-supervisor', 'leader', 'intake-operator', 'shift-lead', 'dispatcher'] },
  // issued above (national, province), handled by the city
  { path: 'opinions', label: '舆情', module: 'opinions',
    roles: ['ministry-supervisor', 'province-supervisor', 'city-task-handler', 'leader'] },
  // reported by the city, followed and urged above
  { path: 'emergencies', label: '应急事件', module: 'emergencies',
    roles: ['ministry-supervisor', 'province-supervisor', 'city-task-handler', 'leader'] },
  // cities' reports as received above; what the city sent
  { path: 'reporting', label: '城市上报', module: 'reporting',
    roles: ['ministry-supervisor', 'province-supervisor', 'city-task-handler', 'leader'] },
  { path: 'exchange', label: '数据交换', module: 'exchange', roles: ['sys-admin', 'leader'] }
];

/** Routes that are not menu entries: #/case/12, #/task/3, #/tasks/new, #/notice/5, #/complaint/7 … */
const ROUTES = {
  login: 'login', case: 'case', task: 'task', notice: 'notice', complaint: 'complaint', opinion: 'opinion',
  emergency: 'emergency', 'city-reports': 'city-reports'
};

function visible(m) {
  return (!m.levels || m.levels.includes(level())) && (!m.roles || hasRole(...m.roles));
}

export function go(path) {
  location.hash = '#/' + path;
}

function renderChrome() {
  const s = session();
  const menu = document.getElementById('menu');
  const user = document.getElementById('user');
  if (!s) {
    clear(menu);
    clear(user);
    return;
  }
  const current = (location.hash.slice(2).split('/')[0]) || 'home';
  clear(menu, MENU.filter(visible).map(m => h('a', {
    href: '#/' + m.path, class: current === m.path ? 'active' : null
  }, m.label)));
  const roles = s.user.roles.map(r => r.label).join('、');
  clear(user, h('details.user-menu',
      h('summary', { id: 'user-name' }, s.user.displayName || s.user.username),
      h('div.user-pop',
          h('div', h('b', '节点：'), h('span#user-node', `${s.node.name}（${s.node.id}）`)),
          h('div', h('b', '层级：'), h('span#user-level', s.node.levelLabel)),
          h('div', h('b', '角色：'), h('span#user-roles', roles)),
          h('button#logout', { type: 'button', onclick: logout }, '退出登录'))));
}

function logout() {
  clearSession();
  go('login');
}

async function route() {
  const main = document.getElementById('main');
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (!session() && parts[0] !== 'login') {
    go('login');
    return;
  }
  const name = parts[0] || 'home';
  renderChrome();
  const entry = MENU.find(m => m.path === name);
  const module = entry ? entry.module : ROUTES[name];
  if (!module || (entry && !visible(entry))) {
    clear(main, h('section.card', h('h2', '页面不存在'), h('p', '没有这个页面，或您的角色无权访问。'),
        h('a', { href: '#/home' }, '返回首页')));
    return;
  }
  document.body.dataset.page = name;
  clear(main, h('p.muted', '加载中…'));
  try {
    const page = await import(`./pages/${module}.js`);
    await page.render(main, parts.slice(1), { name, label: entry ? entry.label : '' });
  } catch (e) {
    console.error(e);
    clear(main, errorBox(e));
  }
}

window.addEventListener('hashchange', route);
route();
