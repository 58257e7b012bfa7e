import { api } from '../api.js';
import { h, clear, section, pagedTable, listPages, fmtTime, errorBox } from '../ui.js';
import { chartjs } from '../vendor.js';
import { FIGURES, period, figureColumns } from './reporting.js';

const COLOURS = { reported: '#1565c0', filed: '#6a1b9a', closed: '#2e7d32', closedOnTime: '#00897b',
  overdue: '#c62828' };

/** One city's reports as received here: a chart of the key figures over the report periods, and the list. */
export async function render(main, [city]) {
  const [reports, ov] = await Promise.all([api(`reporting/cities/${city}/reports?limit=200`),
    api('reporting/cities').catch(() => null)]);
  const me = ov && ov.items.find(c => c.nodeId === city);
  const stats = reports.filter(r => r.kind === 'STATISTICS')
      .sort((a, b) => a.payload.period.to.localeCompare(b.payload.period.to) || a.receivedAt.localeCompare(b.receivedAt));
  const canvas = h('canvas#reporting-chart', { dataset: { points: String(stats.length) } });
  const table = pagedTable([
    { label: '类型', value: r => r.kind === 'STATISTICS' ? '统计报告' : '基础数据' },
    { label: '报告编号', value: r => r.reportId },
    { label: '报告期 / 基准日', value: r => r.kind === 'STATISTICS'
      ? period(r.payload.period.kind, r.payload.period.from, r.payload.period.to) : r.payload.asOf },
    { label: '接收时间', value: r => fmtTime(r.receivedAt) },
    ...figureColumns(r => r.payload.totals),
    { label: '网格 / 部件', value: r => r.kind === 'BASICDATA'
      ? `${r.payload.gridCount} / ${r.payload.componentTotal ?? '—'}` : '—' }
  ], listPages(async () => reports), { empty: '尚未收到报告' });
  clear(main, section(`${me ? me.name : city}（${city}）上报记录`,
      h('p', h('a', { href: '#/reporting' }, '← 返回城市上报情况'),
          me && me.missing ? h('span.badge.bad', ' 本期缺报') : null),
      stats.length ? h('div.chart', canvas) : h('p.muted', '尚无统计报告，无法绘制趋势')),
  section('报告列表', h('div#city-reports', table)));
  if (stats.length) {
    try {
      const Chart = await chartjs();
      new Chart(canvas, {
        type: stats.length > 1 ? 'line' : 'bar',
        data: {
          labels: stats.map(r => r.payload.period.from === r.payload.period.to ? r.payload.period.to
            : `${r.payload.period.from}~${r.payload.period.to}`),
          datasets: FIGURES.map(([k, label]) => ({ label, data: stats.map(r => r.payload.totals[k] ?? 0),
            borderColor: COLOURS[k], backgroundColor: COLOURS[k] }))
        },
        options: { animation: false, responsive: true, aspectRatio: 3.2, scales: { y: { beginAtZero: true,
          ticks: { precision: 0 } } } }
      });
    } catch (e) {
      canvas.replaceWith(errorBox(e));
    }
  }
}
