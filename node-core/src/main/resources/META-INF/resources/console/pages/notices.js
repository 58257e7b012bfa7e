import { api, hasRole } from '../api.js';
import { h, clear, section, pagedTable, fmtTime, badge, form, field, input, textarea, select, values } from '../ui.js';

export const KINDS = [['CIRCULAR', '情况通报'], ['COMMENDATION', '表扬通报'], ['CRITICISM', '批评通报']];

/** Notices: published ones with read status, received ones with "read by me"; #/notices/new drafts one. */
export async function render(main, args) {
  if (args[0] === 'new') {
    return create(main);
  }
  const issuer = hasRole('ministry-supervisor', 'province-supervisor');
  const kind = Object.fromEntries(KINDS);
  const cols = dir => [
    { label: '标题', value: n => h('a', { href: `#/notice/${n.id}` }, n.title) },
    { label: '类型', value: n => kind[n.kind] || n.kind },
    { label: '发布', value: n => fmtTime(n.publishedAt) },
    { label: dir === 'ISSUED' ? '已读对象' : '阅读', value: n => dir === 'ISSUED' ? `${n.targetsRead}/${n.targets}`
      : (n.readByMe ? badge('已读', 'ok') : badge('未读', 'bad')) }
  ];
  const table = dir => pagedTable(cols(dir), (p, s) => api(`supervision/notices?direction=${dir}&page=${p}&size=${s}`),
      { onRow: n => { location.hash = `#/notice/${n.id}`; }, empty: '暂无通报' });
  clear(main,
      issuer ? section('我发布的通报', h('div.toolbar', h('a.button', { href: '#/notices/new' }, '新建通报')),
          table('ISSUED')) : null,
      hasRole('city-task-handler', 'province-supervisor', 'leader') ? section('收到的通报', table('RECEIVED')) : null);
}

async function create(main) {
  const targets = await api('supervision/addressees');
  const f = form([
    field('类型', 'kind', select(KINDS)),
    field('标题', 'title', input()),
    field('正文', 'content', textarea({ rows: 6 })),
    field('文号', 'documentNo', input()),
    field('要求阅读回执', 'readReceiptRequested', h('input', { type: 'checkbox', checked: true })),
    field('通报对象', 'targets', h('div.checks', targets.map(t => h('label',
        h('input', { type: 'checkbox', name: 'targets', value: t.nodeId, dataset: { type: 'list' } }),
        ` ${t.name}（${t.nodeId}）`))))
  ], '创建并发布', async fm => {
    const n = await api('supervision/notices', { method: 'POST', body: values(fm) });
    await api(`supervision/notices/${n.id}/publish`, { method: 'POST' });
    location.hash = `#/notice/${n.id}`;
  }, { id: 'notice-form' });
  clear(main, section('新建通报', f));
}
