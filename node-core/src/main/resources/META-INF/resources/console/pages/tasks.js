import { api, hasRole } from '../api.js';
import { h, clear, section, pagedTable, fmtTime, badge, form, field, input, textarea, select, values } from '../ui.js';

export const STATUS = { DRAFT: '草稿', PUBLISHED: '已下发', RECEIVED: '待签收', ACKNOWLEDGED: '已签收',
  IN_PROGRESS: '办理中', COMPLETED: '已完成' };
export const CYCLES = { ONCE: '完成时', DAILY: '每日', WEEKLY: '每周', MONTHLY: '每月' };
export const KINDS = [['SUPERVISION', '督查'], ['INSPECTION', '检查'], ['SPECIAL_ACTION', '专项行动'],
  ['DATA_COLLECTION', '数据采集'], ['OTHER', '其他']];

/** Supervision tasks: issued (ministry, province) and received (province, city); #/tasks/new creates one. */
export async function render(main, args) {
  if (args[0] === 'new') {
    return create(main);
  }
  const issuer = hasRole('ministry-supervisor', 'province-supervisor');
  const receiver = hasRole('city-task-handler', 'province-supervisor') || hasRole('leader');
  const cols = [
    { label: '任务编号', value: t => t.taskId || '（草稿）' },
    { label: '标题', value: t => h('a', { href: `#/task/${t.id}` }, t.title) },
    { label: '状态', value: t => badge(STATUS[t.status] || t.status) },
    { label: '截止', value: t => [fmtTime(t.deadline), t.overdue ? badge('逾期', 'bad') : ''] },
    { label: '进度', value: t => t.direction === 'ISSUED' ? `${t.completed}/${t.targets} 完成` + (t.overdueTargets
      ? `，${t.overdueTargets} 逾期` : '') : (t.percent ?? 0) + '%' }
  ];
  const table = dir => pagedTable(cols, (p, s) => api(`supervision/tasks?direction=${dir}&page=${p}&size=${s}`),
      { onRow: t => { location.hash = `#/task/${t.id}`; }, empty: '暂无任务' });
  clear(main,
      issuer ? section('我下发的任务', h('div.toolbar', h('a.button#new-task', { href: '#/tasks/new' }, '新建任务')),
          table('ISSUED')) : null,
      receiver ? section('上级下发的任务', table('RECEIVED')) : null);
}

async function create(main) {
  const targets = await api('supervision/addressees');
  const boxes = h('div.checks#task-targets', targets.length ? targets.map(t => h('label',
      h('input', { type: 'checkbox', name: 'targets', value: t.nodeId, dataset: { type: 'list' } }),
      ` ${t.name}（${t.nodeId}）`)) : h('p.muted', '节点目录中没有可下发的对象'));
  const f = form([
    field('任务类型', 'kind', select(KINDS)),
    field('标题', 'title', input()),
    field('任务内容', 'content', textarea({ rows: 4 })),
    field('工作要求', 'requirements', textarea()),
    field('文号', 'documentNo', input({ placeholder: '例如 建办督函〔2026〕12号' })),
    h('div.inline', field('办理时限', 'timeLimit', input({ placeholder: '例如 10工作日' })),
        field('反馈周期', 'feedbackCycle', select(Object.entries(CYCLES)))),
    field('下发对象', 'targets', boxes)
  ], '创建并下发', async fm => {
    const body = values(fm);
    const t = await api('supervision/tasks', { method: 'POST', body });
    await api(`supervision/tasks/${t.id}/publish`, { method: 'POST' });
    location.hash = `#/task/${t.id}`;
  }, { id: 'task-form' });
  clear(main, section('新建督查任务', f));
}
