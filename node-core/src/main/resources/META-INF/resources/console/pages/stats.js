import { api, download } from '../api.js';
import { h, clear, section, form, field, input, select, values } from '../ui.js';
import { chartjs } from '../vendor.js';

const DIMENSIONS = [['street', '街道'], ['district', '区县'], ['community', '社区'], ['grid', '网格'],
  ['matter', '问题小类'], ['major', '问题大类'], ['componentClass', '部件/事件'], ['department', '处置部门'],
  ['person', '上报人'], ['source', '来源'], ['status', '状态'], ['caseClass', '案件类别']];

/** Statistics: a breakdown by one dimension over a period, a chart and a CSV download. */
export async function render(main) {
  // default: this calendar year (whole days in the node's time zone, so no browser-zone edge at "today")
  const year = new Date().getFullYear();
  const from = input({ type: 'date', value: `${year}-01-01` });
  const to = input({ type: 'date', value: `${year + 1}-01-01` });
  const by = select(DIMENSIONS);
  const out = h('div#stats-out');
  let chart = null;
  const query = v => `cases/statistics?by=${v.by}&from=${v.from || ''}&to=${v.to || ''}`;
  const f = form([h('div.inline', field('统计维度', 'by', by), field('开始日期', 'from', from),
      field('结束日期（不含）', 'to', to))], '统计', async fm => {
    const v = values(fm);
    clear(out, h('p.muted', '统计中…'));
    const r = await api(query(v));
    const canvas = h('canvas#stats-chart');
    const csv = h('button', { type: 'button', id: 'stats-csv', onclick: async () => {
      csv.disabled = true;
      csv.textContent = '正在导出…';
      try {
        await download(query(v) + '&format=csv', `case-statistics-${v.by}.csv`, 'text/csv');
      } finally {
        csv.disabled = false;
        csv.textContent = '导出 CSV';
      }
    } }, '导出 CSV');
    clear(out, h('div.toolbar', csv, h('span.muted', ` 共 ${r.rows.length} 行，用时 ${r.millis} 毫秒`)),
        h('div.chart', canvas),
        h('div.table-wrap', h('table#stats-table', h('thead', h('tr', ['', '名称', '上报', '立案', '结案', '按期结案',
            '在办', '超期', '作废'].map(t => h('th', t)))), h('tbody', r.rows.map(x => h('tr', h('td', x.key || '—'),
            h('td', x.name || x.key || '—'), h('td', x.reported), h('td', x.filed), h('td', x.closed),
            h('td', x.closedOnTime), h('td', x.open), h('td', x.overdue), h('td', x.voided)))))));
    const Chart = await chartjs();
    if (chart) {
      chart.destroy();
    }
    const top = r.rows.slice(0, 20);
    chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: top.map(x => x.name || x.key || '—'), datasets: [
        { label: '上报', data: top.map(x => x.reported), backgroundColor: '#1565c0' },
        { label: '结案', data: top.map(x => x.closed), backgroundColor: '#2e7d32' },
        { label: '超期', data: top.map(x => x.overdue), backgroundColor: '#c62828' }] },
      options: { animation: false, responsive: true, aspectRatio: 3, scales: { y: { ticks: { precision: 0 } } } }
    });
  }, { id: 'stats-form' });
  clear(main, section('统计分析', f, out));
}
