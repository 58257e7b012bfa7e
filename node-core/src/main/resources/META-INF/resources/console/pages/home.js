import { api, session, hasRole, level } from '../api.js';
import { h, clear, section, light, fmtTime, errorBox, badge } from '../ui.js';

/** The role home page: what needs the signed-in user's action now, one card per concern. */
export async function render(main) {
  const s = session();
  const cards = [];
  const muni = level() === 'MUNICIPAL';
  if (muni && hasRole('inspector', 'intake-operator', 'shift-lead', 'dispatcher', 'department')) {
    cards.push(card('待办案件', async () => {
      const q = await api('cases/queue?size=8');
      return [h('p', h('b.big#queue-total', String(q.total)), ' 件案件等待您处理'),
        q.items.length ? h('ul.todo', q.items.map(c => h('li', h('a', { href: `#/case/${c.id}` }, c.caseNo),
            ' ', c.stateLabel, ' · ', c.matterName || c.matter, ' ', light(c.light, c.remainingSeconds)))) : null,
        h('a', { href: '#/cases' }, '进入案件工作台 →')];
    }));
  }
  if (muni && hasRole('leader')) {
    cards.push(card('在办案件', async () => {
      const open = await api('cases?open=true&size=1');
      return [h('p', h('b.big', String(open.total)), ' 件案件在办'),
        h('a', { href: '#/map' }, '在网格地图上查看 →'), ' ', h('a', { href: '#/stats' }, '统计分析 →')];
    }));
  }
  if (muni && hasRole('dispatcher', 'leader', 'shift-lead')) {
    cards.push(card('超时预警', async () => {
      const alerts = await api('cases/alerts?size=8');
      return alerts.length ? h('ul.todo', alerts.map(a => h('li', h('a', { href: `#/case/${a.caseId}` }, a.caseNo), ' ',
          a.kind, ' · ', a.stage || '', ' ', fmtTime(a.at)))) : h('p.muted', '没有未处理的预警');
    }));
  }
  if (hasRole('city-task-handler', 'province-supervisor')) {
    cards.push(card('上级下发的任务', async () => {
      const t = await api('supervision/tasks?direction=RECEIVED&size=50');
      const open = t.items.filter(x => x.status !== 'COMPLETED');
      return [h('p', h('b.big', String(open.length)), ' 项任务待签收、办理或反馈'),
        h('ul.todo', open.slice(0, 8).map(x => h('li', h('a', { href: `#/task/${x.id}` }, x.title), ' ',
            badge(x.status), x.overdue ? badge('已逾期', 'bad') : '', ' 截止 ', fmtTime(x.deadline))))];
    }));
    cards.push(card('未读通报', async () => {
      const n = await api('supervision/notices?direction=RECEIVED&size=50');
      const unread = n.items.filter(x => !x.readByMe);
      return [h('p', h('b.big', String(unread.length)), ' 份通报未读'),
        h('ul.todo', unread.slice(0, 8).map(x => h('li', h('a', { href: `#/notice/${x.id}` }, x.title))))];
    }));
  }
  if (hasRole('ministry-supervisor', 'province-supervisor')) {
    cards.push(card('我下发的任务', async () => {
      const t = await api('supervision/tasks?direction=ISSUED&size=50');
      const attention = t.items.filter(x => x.overdueTargets > 0 || x.status === 'DRAFT');
      return [h('p', `共 ${t.total} 项；需关注 ${attention.length} 项（草稿或有逾期对象）`),
        h('ul.todo', attention.slice(0, 8).map(x => h('li', h('a', { href: `#/task/${x.id}` }, x.title), ' ',
            badge(x.status), x.overdueTargets ? badge(`${x.overdueTargets} 个对象逾期`, 'bad') : ''))),
        h('a', { href: '#/tasks/new' }, '下发新任务 →')];
    }));
  }
  if (hasRole('sys-admin', 'leader')) {
    cards.push(card('数据交换', async () => {
      const peers = await api('exchange/peers');
      const bad = peers.filter(p => p.failed > 0 || p.backlog > 0);
      return [h('p', bad.length ? `${bad.length} 个对端有积压或失败` : '所有对端正常'),
        h('ul.todo', bad.map(p => h('li', `${p.name || p.peer}：积压 ${p.backlog}，失败 ${p.failed}`))),
        h('a', { href: '#/exchange' }, '查看数据交换 →')];
    }));
  }
  if (!cards.length) {
    cards.push(section('欢迎', h('p', '您当前的角色没有待办事项。')));
  }
  clear(main, h('h1', `${s.user.displayName || s.user.username}，您好`), h('div.grid-cards', cards));
}

function card(title, load) {
  const body = h('div', h('p.muted', '加载中…'));
  load().then(content => clear(body, content)).catch(e => clear(body, errorBox(e)));
  return section(title, body);
}
