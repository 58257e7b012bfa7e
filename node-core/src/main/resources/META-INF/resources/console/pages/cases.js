import { api, roles } from '../api.js';
import { h, clear, section, pagedTable, light, fmtTime } from '../ui.js';

/**
 * The case workbench: "我的待办" is the user's queue (most urgent first); the other tabs are the states in which the
 * user's roles have an action, read from the workflow (data, not code).
 */
export async function render(main) {
  const wf = await api('workflow');
  const mine = roles();
  const labels = Object.fromEntries(wf.states.map(s => [s.state || s.name || s.id, s.label || s.labelZh]));
  const states = [...new Set(wf.transitions.filter(t => mine.includes(t.role) && t.from !== 'START' && t.from !== '*'
      && !['urge', 'void'].includes(t.action)).map(t => t.from))];
  const tabs = [{ key: 'queue', label: '我的待办' }, ...states.map(s => ({ key: s, label: labels[s] || s })),
    { key: 'all', label: '全部在办' }];
  const list = h('div');
  const bar = h('div.tabs', { role: 'tablist' });
  const columns = [
    { label: '案件编号', value: c => h('a', { href: `#/case/${c.id}` }, c.caseNo) },
    { label: '问题', value: c => c.matterName || c.matter },
    { label: '状态', value: c => c.stateLabel },
    { label: '地址', value: c => c.address || '—' },
    { label: '上报时间', value: c => fmtTime(c.createdAt) },
    { label: '本阶段剩余', value: c => light(c.light, c.remainingSeconds) }
  ];
  function show(tab) {
    bar.querySelectorAll('button').forEach(b => b.classList.toggle('active', b.dataset.key === tab.key));
    const path = tab.key === 'queue' ? 'cases/queue?' : tab.key === 'all' ? 'cases?open=true&' :
      `cases?open=true&state=${tab.key}&`;
    clear(list, pagedTable(columns, (page, size) => api(`${path}page=${page}&size=${size}`),
        { onRow: c => { location.hash = `#/case/${c.id}`; }, empty: '没有需要处理的案件' }));
  }
  tabs.forEach(t => bar.appendChild(h('button', { type: 'button', dataset: { key: t.key }, onclick: () => show(t) },
      t.label)));
  clear(main, section('案件工作台', bar, list));
  show(tabs[0]);
}
