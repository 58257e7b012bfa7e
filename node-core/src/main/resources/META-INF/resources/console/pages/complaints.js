import { api, hasRole, level } from '../api.js';
import { h, clear, section, pagedTable, fmtTime, badge, form, field, input, textarea, select, values, filter }
  from '../ui.js';

export const KINDS = { COMPLAINT: '投诉', ENQUIRY: '咨询', SUGGESTION: '建议' };
export const CHANNELS = { HOTLINE: '电话', WEB: '网站', APP: 'APP', WECHAT: '微信', EMAIL: '电子邮件', LETTER: '信件',
  VISIT: '来访', OTHER: '其他' };
export const STATUS = { RECEIVED: '已受理', UNROUTED: '待人工分办', FORWARDED: '已转办至城市',
  RESULT_RECEIVED: '已办结，待回访', REOPENED: '不满意，重新办理', ANSWERED: '已答复', CLOSED: '已办结' };
export const CITY_STATUS = { PENDING_CASE: '待立案（缺定位或问题类型）', IN_CASE: '案件办理中', RESULT_SENT: '已反馈结果',
  CLOSED: '已办结' };
export const SATISFACTION = { SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', DISSATISFIED: '不满意' };

const all = labels => [['', '全部'], ...Object.entries(labels)];

/** 12319: the national queue and intake (#/complaints/new); a city's forwarded complaints with their cases. */
export async function render(main, args) {
  if (level() === 'MUNICIPAL') {
    return cityList(main);
  }
  if (args[0] === 'new') {
    return intake(main);
  }
  const query = { status: '', kind: '' };
  const list = h('div');
  const show = () => clear(list, pagedTable([
    { label: '编号', value: c => h('a', { href: `#/complaint/${c.id}` }, c.complaintId) },
    { label: '类型', value: c => KINDS[c.kind] || c.kind },
    { label: '标题', value: c => c.title || '—' },
    { label: '状态', value: c => badge(c.statusLabel || c.status, c.status === 'UNROUTED' || c.status === 'REOPENED'
      ? 'bad' : c.status === 'CLOSED' || c.status === 'ANSWERED' ? 'ok' : '') },
    { label: '转办城市', value: c => c.cityNode || '—' },
    { label: '受理时间', value: c => fmtTime(c.receivedAt) },
    { label: '办理时限', value: c => fmtTime(c.handleDeadline) },
    { label: '满意度', value: c => SATISFACTION[c.satisfaction] || '—' }
  ], (p, s) => api(`12319/items?page=${p}&size=${s}` + (query.status ? '&status=' + query.status : '')
      + (query.kind ? '&kind=' + query.kind : '')), {
    onRow: c => { location.hash = `#/complaint/${c.id}`; }, empty: '暂无 12319 来件'
  }));
  clear(main, section('12319 热线受理队列', h('div.toolbar',
      hasRole('ministry-supervisor') ? h('a.button#new-complaint', { href: '#/complaints/new' }, '受理来电') : null,
      filter('状态', all(STATUS), v => { query.status = v; show(); }, { id: 'complaint-status-filter' }),
      filter('类型', all(KINDS), v => { query.kind = v; show(); }, { id: 'complaint-kind-filter' })), list));
  show();
}

/** A call taken: what, where, who; the answer carries the complainant's status link, shown this once. */
async function intake(main) {
  const matters = h('datalist#matter-list');
  api('reference/classes?kind=MATTER&size=500').then(r => r.items.forEach(m => matters.appendChild(
      h('option', { value: m.code }, `${m.code} ${m.name}`)))).catch(() => {});
  const out = h('div#intake-result');
  const f = form([
    h('div.inline', field('类型', 'kind', select(Object.entries(KINDS))),
        field('渠道', 'channel', select(Object.entries(CHANNELS)))),
    field('标题', 'title', input()),
    field('来电内容', 'text', textarea({ rows: 4 })),
    field('问题类型（5位小类代码）', 'matter', input({ list: 'matter-list', placeholder: '例如 06010' })),
    h('div.inline', field('行政区划代码', 'location.divisionCode', input({ placeholder: '6或9位，例如 140602' })),
        field('地址', 'location.address', input())),
    h('div.inline', field('经度', 'location.lon', input({ dataset: { type: 'number' }, placeholder: '可选' })),
        field('纬度', 'location.lat', input({ dataset: { type: 'number' }, placeholder: '可选' }))),
    h('div.inline', field('来电人', 'contact.name', input()), field('联系电话', 'contact.phone', input())),
    h('div.inline', field('匿名', 'contact.anonymous', h('input', { type: 'checkbox' })),
        field('需要回复', 'contact.replyRequested', h('input', { type: 'checkbox', defaultChecked: true }))),
    matters
  ], '受理', async fm => {
    const a = await api('12319/items', { method: 'POST', body: values(fm) });
    const link = new URL('../api/12319/status/' + a.statusToken, location.href).href;
    fm.reset();
    clear(out, h('div.ok-box', { role: 'status' },
        h('p', '已受理 ', h('b#intake-id', a.item.complaintId), '，状态：', h('b#intake-status', a.item.statusLabel),
            a.item.cityName ? `，已转办 ${a.item.cityName}` : ''),
        h('p', '来电人查询链接（仅显示这一次，请告知来电人）：'),
        h('p', h('a#status-link', { href: link, target: '_blank', rel: 'noopener' }, link)),
        h('a', { href: `#/complaint/${a.item.id}` }, '查看来件详情 →')));
    out.scrollIntoView({ block: 'nearest' });
  }, { id: 'complaint-form' });
  clear(main, h('div.two-col', section('受理 12319 来电', f), section('受理结果', out,
      h('p.muted', '投诉须填写行政区划（能定位到城市的才会自动转办）；咨询和建议可由 12319 直接答复。'))));
}

/** The city's 12319 complaints: each leads to its case, or — without one yet — to the complaint for placing. */
function cityList(main) {
  let status = '';
  const list = h('div');
  const show = () => clear(list, pagedTable([
    { label: '编号', value: c => h('a', { href: `#/complaint/${c.id}` }, c.complaintId) },
    { label: '类型', value: c => KINDS[c.kind] || c.kind },
    { label: '内容', value: c => (c.title || c.text || '').slice(0, 40) },
    { label: '状态', value: c => badge(CITY_STATUS[c.status] || c.status, c.status === 'PENDING_CASE' ? 'bad' : '') },
    { label: '案件', value: c => c.caseId ? h('a.case-link', { href: `#/case/${c.caseId}` }, c.caseNo) : '—' },
    { label: '办理时限', value: c => fmtTime(c.handleDeadline) },
    { label: '满意度', value: c => SATISFACTION[c.satisfaction] || '—' }
  ], (p, s) => api(`complaints?page=${p}&size=${s}` + (status ? '&status=' + status : '')), {
    onRow: c => { location.hash = c.caseId ? `#/case/${c.caseId}` : `#/complaint/${c.id}`; },
    empty: '暂无 12319 转办件'
  }));
  clear(main, section('12319 转办件', h('div.toolbar',
      filter('状态', all(CITY_STATUS), v => { status = v; show(); }, { id: 'complaint-status-filter' })), list));
  show();
}
