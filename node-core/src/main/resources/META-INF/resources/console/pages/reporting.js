import { api, hasRole, level } from '../api.js';
import { h, clear, section, pagedTable, listPages, fmtTime, badge, form, field, input, select, values, kpi, okBox }
  from '../ui.js';

export const CADENCES = { DAY: '日报', WEEK: '周报', MONTH: '月报' };
export const PERIOD_KINDS = { DAY: '日', WEEK: '周', MONTH: '月', QUARTER: '季度', HALF_YEAR: '半年', YEAR: '年',
  CUSTOM: '自定义' };
/** The key figures of a statistics report (its totals), in display order. */
export const FIGURES = [['reported', '上报'], ['filed', '立案'], ['closed', '结案'], ['closedOnTime', '按期结案'],
  ['overdue', '超期']];

export function period(kind, from, to) {
  if (!from) {
    return '—';
  }
  return `${PERIOD_KINDS[kind] || kind || ''} ${from === to ? from : from + ' 至 ' + to}`;
}

/** Figure columns for a table whose rows carry {@code totals(row)}. */
export function figureColumns(totals) {
  return FIGURES.map(([k, label]) => ({ label, value: r => {
    const t = totals(r);
    return t && t[k] !== undefined ? String(t[k]) : '—';
  } }));
}

/** National / provincial: every overseen city's last report, missing ones flagged. City: what it sent, and send now. */
export async function render(main, args, route, flash) {
  return level() === 'MUNICIPAL' ? sent(main, flash) : overview(main);
}

async function overview(main) {
  const ov = await api('reporting/cities');
  let onlyMissing = false;
  const list = h('div');
  const show = () => clear(list, pagedTable([
    { label: '城市', value: c => h('a', { href: `#/city-reports/${c.nodeId}` }, `${c.name}（${c.nodeId}）`) },
    { label: '状态', value: c => c.missing ? badge('缺报', 'bad') : badge('已报', 'ok') },
    { label: '最近上报', value: c => fmtTime(c.lastReportAt) },
    { label: '报告期', value: c => period(c.periodKind, c.periodFrom, c.periodTo) },
    ...figureColumns(c => c.totals),
    { label: '网格数', value: c => c.basicData ? String(c.basicData.gridCount) : '—' },
    { label: '部件数', value: c => c.basicData && c.basicData.componentTotal !== null
      ? String(c.basicData.componentTotal) : '—' }
  ], listPages(async () => ov.items.filter(c => !onlyMissing || c.missing)), {
    onRow: c => { location.hash = `#/city-reports/${c.nodeId}`; }, rowClass: c => c.missing ? 'warn' : null,
    empty: '没有下辖城市'
  }));
  const missingOnly = h('input#reporting-missing', { type: 'checkbox', onchange: () => {
    onlyMissing = missingOnly.checked;
    show();
  } });
  const due = ov.duePeriod;
  clear(main, section('城市上报情况', h('div.kpis#reporting-kpis',
      kpi('上报周期', CADENCES[ov.cadence] || ov.cadence),
      kpi('应报报告期', due ? period(due.kind, due.from, due.to) : '—'),
      kpi('下辖城市', ov.cities), kpi('缺报城市', ov.missing), kpi('宽限（小时）', ov.graceHours)),
  h('div.toolbar', h('label', missingOnly, ' 仅显示缺报城市')), h('div#reporting-cities', list)),
  level() === 'NATIONAL' && ov.provinces.length ? section('分省汇总', h('div.table-wrap', h('table#reporting-provinces',
      h('thead', h('tr', ['省份', '城市', '缺报', ...FIGURES.map(f => f[1])].map(x => h('th', x)))),
      h('tbody', ov.provinces.map(p => h('tr', { class: p.missing ? 'warn' : null }, h('td', `${p.name}（${p.province}）`),
          h('td', String(p.cities)), h('td', String(p.missing)),
          FIGURES.map(([k]) => h('td', p.totals[k] === undefined ? '—' : String(p.totals[k]))))))))) : null);
  show();
}

/** The city: reports it sent upward (scheduled and on demand) and a form to send one now. */
async function sent(main, flash) {
  const again = msg => sent(main, msg);
  const table = pagedTable([
    { label: '报告编号', value: s => s.reportId },
    { label: '方式', value: s => s.trigger === 'ON_DEMAND' ? '手动上报' : '定时上报' },
    { label: '报告期', value: s => period(s.periodKind, s.periodFrom, s.periodTo) },
    ...figureColumns(s => s.totals),
    { label: '网格数', value: s => String(s.gridCount) },
    { label: '部件数', value: s => String(s.componentTotal) },
    { label: '发送时间', value: s => fmtTime(s.sentAt) },
    { label: '发送人', value: s => s.sentBy || '系统' }
  ], listPages(() => api('reporting/sent?limit=500')), { empty: '尚未上报' });
  const now = hasRole('city-task-handler') ? section('立即上报', h('p.muted',
      '不填日期时上报最近一个完整的上报周期；填写日期则上报该时段的统计（不晚于今天，最长 366 天）。'),
  form([h('div.inline', field('报告期类型', 'kind', select([['', '按上报周期'], ...Object.entries(PERIOD_KINDS)])),
      field('开始日期', 'from', input({ type: 'date' })), field('结束日期', 'to', input({ type: 'date' })))],
  '立即上报', async f => {
    const s = await api('reporting/sent', { method: 'POST', body: values(f) });
    await again(`已上报 ${s.reportId}（${period(s.periodKind, s.periodFrom, s.periodTo)}），报告将送达省级和国家平台`);
  }, { id: 'report-now-form' })) : null;
  clear(main, okBox(flash), now, section('已上报的报告', h('div#reporting-sent', table)));
}
