import { api, hasRole } from '../api.js';
import { h, clear, section, fmtTime, form, field, textarea, select, values, dt, okBox } from '../ui.js';
import { urgeForm, urgingList } from '../urging.js';
import { STATUS, SEVERITIES, statusBadge, reporter, casualtyFields } from './emergencies.js';

const casualties = c => c ? `死亡 ${c.deaths ?? 0}，受伤 ${c.injured ?? 0}，失联 ${c.missing ?? 0}` : null;

/** An emergency: the latest report and every update; the city adds updates until it is over, upper levels urge. */
export async function render(main, [id], route, flash) {
  const e = await api(`emergencies/${id}`);
  const again = msg => render(main, [id], route, msg);
  const l = e.latest;
  const where = l.location || {};
  const parts = [okBox(flash), section(e.title, h('dl.facts',
      dt('事件编号', e.eventId), dt('状态', h('b#emergency-status', STATUS[e.status] || e.status)),
      dt('等级', SEVERITIES[e.severity] || e.severity), dt('类别', e.category), dt('城市', e.cityNode),
      dt('地点', [where.divisionCode, where.address, where.point ? `（${where.point.lon}, ${where.point.lat}）` : '']
          .filter(Boolean).join(' ')),
      dt('发生时间', fmtTime(l.occurredAt)), dt('首报', fmtTime(e.firstReportedAt)),
      dt('最新报告', `${fmtTime(e.lastReportedAt)}（第 ${e.updateNo} 次续报）`),
      dt('概况', l.summary), dt('伤亡', casualties(l.casualties)), dt('措施', l.measures)))];
  const open = e.status !== 'CLOSED';
  if (e.direction === 'REPORTED' && reporter() && open) {
    parts.push(section('续报', form([
      h('div.inline', field('状态', 'status', select(Object.entries(STATUS), { value: e.status })),
          field('等级', 'severity', select(Object.entries(SEVERITIES), { value: e.severity || 'UNKNOWN' }))),
      field('最新情况', 'summary', textarea({ rows: 3 })),
      casualtyFields(l.casualties || {}),
      field('处置措施', 'measures', textarea())
    ], '提交续报', async f => {
      await api(`emergencies/${id}/updates`, { method: 'POST', body: values(f) });
      await again('已续报');
    }, { id: 'emergency-update-form' })));
  }
  if (e.direction === 'RECEIVED' && open && hasRole('ministry-supervisor', 'province-supervisor')) {
    const box = h('div#urge-box');
    parts.push(section('督办', box));
    urgeForm(box, { title: `督办 ${e.cityNode}`, subject: `请全力处置并及时续报：${e.title}`,
      path: `emergencies/${id}/urge`, done: () => again(`已向 ${e.cityNode} 发出督办`) });
  }
  parts.push(section('督办记录', urgingList(e.urgings || [], e.direction === 'REPORTED' ? again : null)));
  parts.push(section('报告记录', h('ol.history#emergency-updates', e.updates.map(u => h('li',
      h('span.when', fmtTime(u.reportedAt)), ' ', h('b', u.updateNo === 0 ? '首报' : `第 ${u.updateNo} 次续报`), ' ',
      statusBadge(u.status), ' ', u.report.summary || '',
      h('div.note', [casualties(u.report.casualties), u.report.measures ? '措施：' + u.report.measures : null]
          .filter(Boolean).join('；')))))));
  clear(main, parts);
}
