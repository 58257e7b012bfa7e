import { api } from '../api.js';
import { h, clear, section, fmtTime, badge, errorBox } from '../ui.js';

/** A notice: its text; for the publisher who read it where; a received one is marked read when opened. */
export async function render(main, [id]) {
  let n = await api(`supervision/notices/${id}`);
  if (n.direction === 'RECEIVED' && n.status !== 'DRAFT') {
    try {
      n = await api(`supervision/notices/${id}/read`, { method: 'POST' });
    } catch (e) {
      main.prepend(errorBox(e));
    }
  }
  clear(main, section(n.title,
      h('p.muted', `${n.noticeId || '草稿'} · ${n.documentNo || ''} · ${fmtTime(n.publishedAt)}`),
      h('div.notice-text', n.content)),
  n.direction === 'ISSUED' ? section('阅读情况', h('div.table-wrap', h('table#notice-reads',
      h('thead', h('tr', ['对象', '状态', '首次阅读', '阅读人'].map(x => h('th', x)))),
      h('tbody', (n.targets || []).map(t => h('tr', h('td', `${t.name}（${t.nodeId}）`),
          h('td', t.read ? badge('已读', 'ok') : badge('未读', 'bad')), h('td', fmtTime(t.firstReadAt)),
          h('td', (t.readers || []).map(r => r.name || r.reader).join('、') || '—'))))))) :
    section('本单位阅读', h('p', (n.readers || []).map(r => `${r.name || r.reader} ${fmtTime(r.readAt)}`).join('；') || '—')));
}
