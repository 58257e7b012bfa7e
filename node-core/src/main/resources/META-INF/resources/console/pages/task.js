import { api, hasRole, level } from '../api.js';
import { h, clear, section, fmtTime, badge, form, field, input, textarea, select, values, errorBox, dt, kpi, okBox }
    from '../ui.js';
import { STATUS, CYCLES } from './tasks.js';
import { urgeForm, urgingList } from '../urging.js';

/** A task: for its issuer the per-target roll-up with urging; for a receiver sign-for, assignment and feedback. */
export async function render(main, [id], route, flash) {
  const t = await api(`supervision/tasks/${id}`);
  const again = msg => render(main, [id], route, msg);
  const parts = [okBox(flash),
    section(t.title, h('dl.facts',
        dt('任务编号', t.taskId || '（草稿）'), dt('状态', h('b#task-status', STATUS[t.status] || t.status)),
        dt('下发单位', t.issuerNode), dt('文号', t.documentNo), dt('下发时间', fmtTime(t.issuedAt)),
        dt('截止时间', [fmtTime(t.deadline), t.overdue ? badge('已逾期', 'bad') : '']),
        dt('反馈周期', CYCLES[t.feedbackCycle] || t.feedbackCycle), dt('内容', t.content), dt('要求', t.requirements),
        t.direction === 'RECEIVED' ? dt('进度', (t.percent ?? 0) + '%') : null))];
  if (t.direction === 'ISSUED' && t.status === 'DRAFT' && hasRole('ministry-supervisor', 'province-supervisor')) {
    const f = form([], '下发', async () => {
      await api(`supervision/tasks/${id}/publish`, { method: 'POST' });
      await again('已下发');
    });
    parts.push(section('草稿', f));
  }
  if (t.rollUp) {
    parts.push(rollUp(t, again));
  }
  if (t.direction === 'RECEIVED') {
    parts.push(...receiverForms(t, again));
  }
  parts.push(section('反馈记录', t.feedback.length ? h('ol.history#task-feedback', t.feedback.map(f => h('li',
      h('span.when', fmtTime(f.reportedAt)), ' ', f.nodeId, ' ', badge(FEEDBACK[f.kind] || f.kind), ` ${f.percent}% `, f.text || '',
      f.reporter ? `（${f.reporter}）` : ''))) : h('p.muted', '暂无反馈')));
  clear(main, parts);
}

const FEEDBACK = { RECEIVED: '已接收', ACKNOWLEDGED: '签收', PROGRESS: '进展', COMPLETION: '完成' };

function rollUp(t, again) {
  const r = t.rollUp;
  const canUrge = hasRole('ministry-supervisor', 'province-supervisor') && t.status !== 'DRAFT';
  const urgeBox = h('div#urge-box');
  const rows = r.targets.map(x => h('tr', { class: x.overdue ? 'warn' : null, dataset: { node: x.nodeId } },
      h('td', `${x.name}（${x.nodeId}）`), h('td', fmtTime(x.receivedAt)), h('td', fmtTime(x.acknowledgedAt)),
      h('td.percent', x.percent === null || x.percent === undefined ? '—' : x.percent + '%'),
      h('td', x.latestText || '—'), h('td', x.completedAt ? fmtTime(x.completedAt) : (x.overdue ? badge('逾期', 'bad') : '—')),
      h('td', `${x.urgings}${x.urgingsUnanswered ? `（${x.urgingsUnanswered} 未复）` : ''}`),
      h('td', canUrge && !x.completedAt ? h('button', { type: 'button', onclick: () => urgeForm(urgeBox, {
        title: `督办 ${x.name}`, subject: `请加快办理：${t.title}`,
        path: `supervision/tasks/${t.id}/targets/${x.nodeId}/urge`, done: () => again(`已向 ${x.name} 发出督办`)
      }) }, '督办') : '')));
  return section('办理情况汇总', h('div.kpis',
      kpi('对象', r.totals.targets), kpi('已接收', r.totals.received), kpi('已签收', r.totals.acknowledged),
      kpi('已完成', r.totals.completed), kpi('逾期', r.totals.overdue), kpi('平均进度', r.totals.averagePercent + '%')),
  h('div.table-wrap', h('table#rollup', h('thead', h('tr', ['对象', '接收', '签收', '进度', '最新反馈', '完成', '督办', '']
      .map(x => h('th', x)))), h('tbody', rows))), urgeBox);
}

function receiverForms(t, again) {
  const out = [];
  const handler = hasRole('city-task-handler', 'province-supervisor');
  if (!handler || t.status === 'COMPLETED') {
    return out;
  }
  if (t.status === 'RECEIVED') {
    out.push(section('签收', form([field('签收意见', 'note', input())], '签收', async f => {
      await api(`supervision/tasks/${t.id}/acknowledge`, { method: 'POST', body: values(f) });
      await again('已签收');
    }, { id: 'ack-form' })));
  }
  if (level() === 'PROVINCIAL' && !t.relayedAs) {
    out.push(section('转发至本省城市', form([
      field('补充要求', 'requirements', textarea()),
      field('办理时限', 'timeLimit', input({ placeholder: '例如 5工作日（不得晚于原截止时间）' }))
    ], '转发', async f => {
      const r = await api(`supervision/tasks/${t.id}/relay`, { method: 'POST', body: values(f) });
      location.hash = `#/task/${r.id}`;
    }, { id: 'relay-form' })));
  }
  if (level() === 'MUNICIPAL') {
    out.push(section('内部交办', form([field('承办部门或人员', 'assignee', input({ value: t.assignee || '' })),
      field('说明', 'note', input())], '交办', async f => {
      await api(`supervision/tasks/${t.id}/assign`, { method: 'POST', body: values(f) });
      await again('已交办');
    }, { id: 'assign-form' })));
    out.push(section('反馈进展', form([
      field('反馈类型', 'kind', select([['PROGRESS', '进展'], ['COMPLETION', '完成']])),
      field('完成百分比', 'percent', input({ type: 'number', min: 0, max: 100, dataset: { type: 'number' } })),
      field('情况说明', 'text', textarea({ rows: 4 }))
    ], '提交反馈', async f => {
      await api(`supervision/tasks/${t.id}/feedback`, { method: 'POST', body: values(f) });
      await again('反馈已提交');
    }, { id: 'feedback-form' })));
  }
  const urgings = h('div#task-urgings');
  api(`supervision/urgings?direction=RECEIVED&task=${t.id}`).then(u => clear(urgings, urgingList(u.items, again)))
      .catch(e => clear(urgings, errorBox(e)));
  out.push(section('收到的督办', urgings));
  return out;
}
