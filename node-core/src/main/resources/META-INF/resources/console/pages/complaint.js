import { api, hasRole, level } from '../api.js';
import { h, clear, section, fmtTime, badge, form, field, input, textarea, select, values, dt, okBox } from '../ui.js';
import { KINDS, CHANNELS, CITY_STATUS, SATISFACTION } from './complaints.js';

const OUTCOMES = { RESOLVED: '已解决', EXPLAINED: '已解释说明', NOT_IN_SCOPE: '不属于受理范围', UNFOUNDED: '不属实' };
const METHODS = { PHONE: '电话回访', SMS: '短信', APP: 'APP', VISIT: '上门', OTHER: '其他' };

/** A 12319 item: at the national node with forwarding, the city's result, answer and rating; at a city its case. */
export async function render(main, [id], route, flash) {
  return level() === 'MUNICIPAL' ? city(main, id, flash) : national(main, id, flash);
}

async function national(main, id, flash) {
  const c = await api(`12319/items/${id}`);
  const again = msg => national(main, id, msg);
  const staff = hasRole('ministry-supervisor');
  const parts = [okBox(flash), section(`12319 ${c.complaintId}`, h('dl.facts',
      dt('状态', h('b#complaint-status', c.statusLabel || c.status)), dt('类型', KINDS[c.kind] || c.kind),
      dt('渠道', CHANNELS[c.channel] || c.channel), dt('标题', c.title), dt('内容', c.text),
      dt('问题类型', c.matterClass), dt('区划', c.divisionCode), dt('地址', c.address),
      dt('坐标', c.lon && c.lat ? `${c.lon}, ${c.lat}` : null),
      dt('来电人', c.anonymous ? '匿名' : [c.contactName, c.contactPhone].filter(Boolean).join(' ')),
      dt('受理', `${fmtTime(c.receivedAt)} ${c.createdBy || ''}`),
      dt('转办城市', c.cityNode ? h('span#complaint-city', `${c.cityName || ''}（${c.cityNode}）`) : null),
      dt('办理时限', c.handleDeadline ? fmtTime(c.handleDeadline) : null), dt('办理轮次', String(c.rounds))))];
  if (c.resultOutcome || c.resultAt) {
    parts.push(section('城市办理结果', h('dl.facts#complaint-result',
        dt('处理结果', OUTCOMES[c.resultOutcome] || c.resultOutcome), dt('办理情况', c.resultText),
        dt('案件', c.resultCaseId), dt('办理人', c.resultHandler), dt('反馈时间', fmtTime(c.resultAt)))));
  }
  if (c.answer) {
    parts.push(section('直接答复', h('p#complaint-answer', c.answer), h('p.muted', fmtTime(c.answeredAt))));
  }
  if (c.satisfaction) {
    parts.push(section('回访满意度', h('p', badge(SATISFACTION[c.satisfaction] || c.satisfaction,
        c.satisfaction === 'DISSATISFIED' ? 'bad' : 'ok'), ' ', c.satisfactionComment || '', ' ', fmtTime(c.ratedAt))));
  }
  if (staff && c.status === 'RESULT_RECEIVED') {
    parts.push(section('回访', form([
      field('满意度', 'satisfaction', h('div.checks.row', Object.entries(SATISFACTION).map(([v, l]) => h('label',
          h('input', { type: 'radio', name: 'satisfaction', value: v }), ` ${l}`)))),
      field('回访方式', 'method', select(Object.entries(METHODS))),
      field('来电人意见', 'comment', textarea({ placeholder: '不满意时必填：城市将据此重新办理' }))
    ], '记录回访结果', async f => {
      await api(`12319/items/${id}/satisfaction`, { method: 'POST', body: values(f) });
      await again('已记录回访结果');
    }, { id: 'rating-form' })));
  }
  if (staff && (c.status === 'UNROUTED' || c.status === 'RECEIVED' && c.kind !== 'COMPLAINT')) {
    parts.push(section('直接答复来电人', form([field('答复内容', 'text', textarea({ rows: 4 }))], '答复',
        async f => {
          await api(`12319/items/${id}/answer`, { method: 'POST', body: values(f) });
          await again('已答复');
        }, { id: 'answer-form' })));
  }
  if (staff && c.status === 'UNROUTED') {
    parts.push(section('人工分办', form([field('行政区划代码', 'divisionCode',
        input({ value: c.divisionCode || '', placeholder: '更正后的区划代码（6或9位）' }))], '转办至城市', async f => {
      await api(`12319/items/${id}/forward`, { method: 'POST', body: values(f) });
      await again('已转办');
    }, { id: 'forward-form' })));
  }
  parts.push(section('办理经过', h('ol.history#complaint-events', c.events.map(e => h('li',
      h('span.when', fmtTime(e.at)), ' ', h('b', e.label || e.action), ' ', e.actor || '',
      e.note ? h('div.note', e.note) : null)))));
  clear(main, parts);
}

async function city(main, id, flash) {
  const c = await api(`complaints/${id}`);
  const parts = [okBox(flash), section(`12319 转办件 ${c.complaintId}`, h('dl.facts',
      dt('状态', h('b#complaint-status', CITY_STATUS[c.status] || c.status)), dt('类型', KINDS[c.kind] || c.kind),
      dt('渠道', CHANNELS[c.channel] || c.channel), dt('标题', c.title), dt('内容', c.text),
      dt('问题类型', c.matterCode), dt('区划', c.divisionCode), dt('地址', c.address),
      dt('坐标', c.lon !== null && c.lat !== null ? `${c.lon}, ${c.lat}` : null),
      dt('来电人', [c.contactName, c.contactPhone].filter(Boolean).join(' ')),
      dt('转办时间', fmtTime(c.forwardedAt)), dt('办理时限', fmtTime(c.handleDeadline)),
      dt('案件', c.caseId ? h('a.case-link', { href: `#/case/${c.caseId}` }, `${c.caseNo}（${c.caseState}）`) : null),
      dt('说明', c.note), dt('满意度', c.satisfaction ? `${SATISFACTION[c.satisfaction]} ${c.satisfactionComment || ''}`
        : null)))];
  if (c.status === 'PENDING_CASE' && hasRole('intake-operator')) {
    parts.push(section('补充信息并立案', form([
      field('问题类型（5位小类代码）', 'matter', input({ value: c.matterCode ? c.matterCode.slice(6) : '' })),
      h('div.inline', field('经度', 'lon', input({ dataset: { type: 'number' }, value: c.lon ?? '' })),
          field('纬度', 'lat', input({ dataset: { type: 'number' }, value: c.lat ?? '' })))
    ], '生成案件', async f => {
      const placed = await api(`complaints/${id}/case`, { method: 'POST', body: values(f) });
      location.hash = `#/case/${placed.caseId}`;
    }, { id: 'place-form' })));
  }
  clear(main, parts);
}
