import { api, hasRole, level, session } from '../api.js';
import { h, clear, section, pagedTable, listPages, fmtTime, badge, form, field, input, textarea, select, values,
  filter } from '../ui.js';

export const STATUS = { ONGOING: '处置中', CONTROLLED: '已控制', CLOSED: '已结束' };
export const SEVERITIES = { I: 'I级 特别重大', II: 'II级 重大', III: 'III级 较大', IV: 'IV级 一般', UNKNOWN: '未定级' };

/** A city's task handler reports and updates its emergencies. */
export function reporter() {
  return level() === 'MUNICIPAL' && hasRole('city-task-handler');
}

export function statusBadge(s) {
  return badge(STATUS[s] || s, s === 'ONGOING' ? 'bad' : 'ok');
}

/** The casualty inputs, named as the server names them (casualties.deaths …). */
export function casualtyFields(c = {}) {
  const n = (label, key) => field(label, 'casualties.' + key, input({ type: 'number', min: 0,
    dataset: { type: 'number' }, value: c[key] ?? '' }));
  return h('div.inline', n('死亡', 'deaths'), n('受伤', 'injured'), n('失联', 'missing'));
}

/** Emergencies: the live list (open first); a city reports new ones at #/emergencies/new. */
export async function render(main, args) {
  if (args[0] === 'new' && reporter()) {
    return create(main);
  }
  let status = 'OPEN';
  const list = h('div');
  const show = () => clear(list, pagedTable([
    { label: '事件编号', value: e => h('a', { href: `#/emergency/${e.id}` }, e.eventId) },
    { label: '标题', value: e => e.title },
    { label: '类别', value: e => e.category },
    { label: '等级', value: e => SEVERITIES[e.severity] || e.severity || '—' },
    { label: '城市', value: e => e.cityNode },
    { label: '状态', value: e => statusBadge(e.status) },
    { label: '报告次数', value: e => String(e.updateNo + 1) },
    { label: '最新报告', value: e => fmtTime(e.lastReportedAt) }
  ], listPages(() => api(`emergencies?limit=500&status=${status}`)), {
    onRow: e => { location.hash = `#/emergency/${e.id}`; },
    rowClass: e => e.status !== 'CLOSED' && ['I', 'II'].includes(e.severity) ? 'flagged' : null,
    empty: '暂无突发事件'
  }));
  clear(main, section(level() === 'MUNICIPAL' ? '本市突发事件' : '突发事件（实时）', h('div.toolbar',
      reporter() ? h('a.button#new-emergency', { href: '#/emergencies/new' }, '报告突发事件') : null,
      filter('范围', [['OPEN', '未结束'], ['CLOSED', '已结束'], ['ALL', '全部']], v => { status = v; show(); },
          { id: 'emergency-status-filter' })), list));
  show();
}

function localNow() {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

async function create(main) {
  const f = form([
    h('div.inline', field('事件类别', 'category', input({ placeholder: '例如 燃气泄漏、道路塌陷' })),
        field('事件等级', 'severity', select(Object.entries(SEVERITIES).reverse()))),
    field('标题', 'title', input()),
    field('事件概况', 'summary', textarea({ rows: 4 })),
    h('div.inline', field('发生时间', 'occurredAt', input({ type: 'datetime-local', value: localNow() })),
        field('行政区划代码', 'divisionCode', input({ value: session().node.id }))),
    field('地址', 'address', input()),
    h('div.inline', field('经度', 'lon', input({ placeholder: '可选，例如 112.43' })),
        field('纬度', 'lat', input({ placeholder: '可选，例如 39.33' }))),
    casualtyFields(),
    field('已采取措施', 'measures', textarea())
  ], '报告', async fm => {
    const body = values(fm);
    if (body.occurredAt) {
      body.occurredAt = new Date(body.occurredAt).toISOString();
    }
    const e = await api('emergencies', { method: 'POST', body });
    location.hash = `#/emergency/${e.id}`;
  }, { id: 'emergency-form' });
  clear(main, section('报告突发事件', f));
}
