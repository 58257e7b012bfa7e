import { api, hasRole, level } from '../api.js';
import { h, clear, section, fmtTime, badge, form, field, input, textarea, select, values, dt, okBox } from '../ui.js';
import { STATUS, SOURCE_KINDS, tone, issuer } from './opinions.js';

const RESULTS = { IN_PROGRESS: '处理中', HANDLED: '已处理', UNFOUNDED: '不属实' };

/** An opinion item: what was seen; the city's handling reports; the city reports, the issuer closes. */
export async function render(main, [id], route, flash) {
  const o = await api(`opinions/${id}`);
  const again = msg => render(main, [id], route, msg);
  const i = o.item;
  const parts = [okBox(flash),
    o.majorNegative ? h('div.error-box', '重大负面舆情，请优先核实处置') : null,
    section(i.title || `舆情 ${o.opinionId}`, h('dl.facts',
        dt('编号', o.opinionId), dt('状态', h('b#opinion-status', STATUS[o.status] || o.status)), dt('倾向', tone(o)),
        dt('来源', `${i.source}${i.sourceKind ? '（' + (SOURCE_KINDS[i.sourceKind] || i.sourceKind) + '）' : ''}`),
        dt('链接', i.link ? h('a', { href: i.link, target: '_blank', rel: 'noopener noreferrer' }, i.link) : null),
        dt('摘要', i.summary), dt('属地', `${o.divisionCode} → ${o.cityNode}`), dt('下发单位', o.issuerNode),
        dt('发布时间', fmtTime(o.publishedAt)),
        dt('处置期限', o.handleDeadline ? [fmtTime(o.handleDeadline), o.overdue ? badge('逾期', 'bad') : null] : null),
        o.closedAt ? dt('办结', `${fmtTime(o.closedAt)} ${o.closedBy || ''}`) : null)),
    section('城市核实处置情况', o.results.length ? h('ol.history#opinion-results', o.results.map(r => h('li',
        h('span.when', fmtTime(r.handledAt)), ' ', badge(RESULTS[r.status] || r.status), ' ', r.text,
        r.caseId ? `（案件 ${r.caseId}）` : '', r.handler ? h('div.note', r.handler) : null)))
      : h('p.muted#opinion-results', '城市尚未报告处置情况'))];
  if (o.direction === 'ISSUED' && issuer() && ['HANDLED', 'UNFOUNDED'].includes(o.status)) {
    parts.push(section('办结', form([], '确认办结', async () => {
      await api(`opinions/${id}/close`, { method: 'POST' });
      await again('已办结');
    }, { id: 'close-form' })));
  }
  if (o.direction === 'RECEIVED' && level() === 'MUNICIPAL' && hasRole('city-task-handler')
      && o.status !== 'CLOSED') {
    parts.push(section('报告核实处置情况', form([
      field('处置状态', 'status', select(Object.entries(RESULTS))),
      field('情况说明', 'text', textarea({ rows: 4 })),
      field('关联案件编号（可选）', 'caseId', input())
    ], '报告', async f => {
      await api(`opinions/${id}/results`, { method: 'POST', body: values(f) });
      await again('已报告处置情况');
    }, { id: 'opinion-result-form' })));
  }
  clear(main, parts);
}
