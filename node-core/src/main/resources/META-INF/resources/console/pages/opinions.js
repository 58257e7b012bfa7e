import { api, hasRole, level, sendFile } from '../api.js';
import { h, clear, section, pagedTable, listPages, fmtTime, badge, form, field, input, textarea, select, values,
  filter, errorBox } from '../ui.js';

export const STATUS = { OPEN: '待处理', IN_PROGRESS: '处理中', HANDLED: '已处理', UNFOUNDED: '不属实', CLOSED: '已办结' };
export const SENTIMENTS = { NEGATIVE: '负面', NEUTRAL: '中性', POSITIVE: '正面' };
export const SOURCE_KINDS = { NEWS: '新闻', SOCIAL_MEDIA: '社交媒体', FORUM: '论坛', VIDEO: '视频', HOTLINE: '热线',
  OTHER: '其他' };

/** Whether the user records and imports items here (the national and provincial supervisors). */
export function issuer() {
  return level() !== 'MUNICIPAL' && hasRole('ministry-supervisor', 'province-supervisor');
}

/** The sentiment with a 重大 mark. */
export function tone(o) {
  return [badge(SENTIMENTS[o.sentiment] || o.sentiment, o.sentiment === 'NEGATIVE' ? 'bad' : ''),
    o.major ? badge('重大', 'bad') : null];
}

/** Opinion items: issued ones (national, province) with create and import; received ones (city). */
export async function render(main, args) {
  if (args[0] === 'new' && issuer()) {
    return create(main);
  }
  const query = { status: 'NOT_CLOSED', flagged: false };
  const list = h('div');
  const received = level() === 'MUNICIPAL';
  const show = () => clear(list, pagedTable([
    { label: '编号', value: o => h('a', { href: `#/opinion/${o.id}` }, o.opinionId) },
    { label: '来源', value: o => o.item.source },
    { label: '标题 / 摘要', value: o => (o.item.title || o.item.summary || '').slice(0, 48) },
    { label: '倾向', value: tone },
    { label: received ? '下发单位' : '属地城市', value: o => received ? o.issuerNode : o.cityNode },
    { label: '状态', value: o => badge(STATUS[o.status] || o.status, o.status === 'CLOSED' ? 'ok' : '') },
    { label: '发布时间', value: o => fmtTime(o.publishedAt) },
    { label: '处置期限', value: o => [fmtTime(o.handleDeadline), o.overdue ? badge('逾期', 'bad') : null] }
  ], listPages(() => api(`opinions?limit=500` + (query.status ? '&status=' + query.status : '')
      + (query.flagged ? '&flagged=true' : ''))), {
    onRow: o => { location.hash = `#/opinion/${o.id}`; }, rowClass: o => o.majorNegative ? 'flagged' : null,
    empty: '暂无舆情'
  }));
  const flagged = h('input#opinion-flagged', { type: 'checkbox', onchange: () => {
    query.flagged = flagged.checked;
    show();
  } });
  const statusFilter = filter('状态', [['NOT_CLOSED', '未办结'], ['', '全部'], ...Object.entries(STATUS)],
      v => { query.status = v; show(); }, { id: 'opinion-status-filter' });
  clear(main, section(received ? '收到的舆情' : '舆情', h('div.toolbar',
      issuer() ? h('a.button#new-opinion', { href: '#/opinions/new' }, '新建舆情') : null, statusFilter,
      h('label', flagged, ' 仅重大负面'), h('span.muted', '红色标记为重大负面舆情')), list),
  issuer() ? importCard(() => show()) : null);
  show();
}

/** Import a CSV or JSON feed: upload progress, then the count; all or nothing, with the offending rows. */
function importCard(reload) {
  const file = h('input#opinion-file', { type: 'file', accept: '.csv,.json,text/csv,application/json' });
  const bar = h('progress#import-progress', { max: 100, value: 0 });
  const state = h('span#import-state.muted', '');
  const result = h('div#import-result');
  const button = h('button.primary#import-button', { type: 'button' }, '导入');
  const progress = h('div.progress', { hidden: true }, bar, state);
  button.onclick = async () => {
    const f = file.files[0];
    clear(result);
    if (!f) {
      clear(result, h('div.error-box', { role: 'alert' }, '请选择 CSV 或 JSON 文件'));
      return;
    }
    const type = /\.json$/i.test(f.name) ? 'application/json' : /\.csv$/i.test(f.name) ? 'text/csv'
      : f.type || 'text/csv';
    button.disabled = true;
    progress.hidden = false;
    bar.value = 0;
    state.textContent = '上传中 0%';
    try {
      const r = await sendFile('opinions/import', f, type, (loaded, total) => {
        const pct = total ? Math.round(loaded * 100 / total) : 0;
        bar.value = pct;
        state.textContent = pct < 100 ? `上传中 ${pct}%` : '已上传，正在校验并下发…';
      });
      bar.value = 100;
      state.textContent = '完成';
      clear(result, h('div.ok-box', { role: 'status' }, '已导入 ', h('b#import-count', String(r.count)),
          ' 条舆情，已下发至属地城市。'));
      file.value = '';
      reload();
    } catch (e) {
      state.textContent = '导入失败，未导入任何条目';
      clear(result, feedProblem(e));
    } finally {
      button.disabled = false;
    }
  };
  return section('导入舆情文件', h('p.muted', '每行一条：source, sourceKind, link, title, summary, sentiment,'
      + ' divisionCode, publishedAt, major, handleDeadline（CSV 首行为列名；JSON 为对象数组或 {"items": […]}）。'
      + '任何一行有误则整个文件不导入。'), h('div.toolbar', file, button), progress, result);
}

/** A rejected feed: the problem's detail and each issue with its row ("rows[3].sentiment" → 第 3 行 sentiment). */
function feedProblem(e) {
  const p = e.problem || {};
  if (!p.issues || !p.issues.length) {
    return errorBox(e);
  }
  return h('div.error-box#import-errors', { role: 'alert' }, p.title || '文件内容有误', h('ul.issues',
      p.issues.map(i => {
        const m = /^rows\[(\d+)\]\.?(.*)$/.exec(i.field || '');
        const where = m ? `第 ${m[1]} 行${m[2] ? ' ' + m[2] : ''}` : (i.field || '');
        return h('li', `${where}：${i.message}` + (i.value !== undefined && i.value !== null ? `（值：${i.value}）` : ''));
      })));
}

/** datetime-local (browser time) → RFC 3339 instant. */
function instant(v) {
  return v ? new Date(v).toISOString() : v;
}

function localNow() {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

async function create(main) {
  const f = form([
    h('div.inline', field('来源', 'source', input({ placeholder: '例如 某市日报' })),
        field('来源类型', 'sourceKind', select(Object.entries(SOURCE_KINDS)))),
    field('链接', 'link', input({ placeholder: 'https://…' })),
    field('标题', 'title', input()),
    field('摘要', 'summary', textarea({ rows: 4 })),
    h('div.inline', field('倾向', 'sentiment', select(Object.entries(SENTIMENTS))),
        field('属地区划代码', 'divisionCode', input({ placeholder: '例如 140602' })),
        field('重大舆情', 'major', h('input', { type: 'checkbox' }))),
    h('div.inline', field('发布时间', 'publishedAt', input({ type: 'datetime-local', value: localNow() })),
        field('处置期限（可选）', 'handleDeadline', input({ type: 'datetime-local' })))
  ], '创建并下发', async fm => {
    const body = values(fm);
    body.publishedAt = instant(body.publishedAt);
    body.handleDeadline = instant(body.handleDeadline);
    const o = await api('opinions', { method: 'POST', body });
    location.hash = `#/opinion/${o.id}`;
  }, { id: 'opinion-form' });
  clear(main, section('新建舆情', f));
}
