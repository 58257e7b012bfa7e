import { api, hasRole } from '../api.js';
import { h, clear, section, pagedTable, fmtTime, select, errorBox, badge, kpi } from '../ui.js';

const STATUSES = [['', '全部'], ['READY', '待发送'], ['SENDING', '发送中'], ['RETRYING', '重试中'],
  ['WAITING_RECEIPT', '待回执'], ['FAILED', '失败'], ['ACKNOWLEDGED', '已确认']];

/** Exchange monitoring: status, peers (backlog, latency, failures), the outbox with resend, rejections. */
export async function render(main) {
  const [status, peers] = await Promise.all([api('exchange/status'), api('exchange/peers')]);
  const totals = status.totals || {};
  const filter = select(STATUSES, { id: 'outbox-status' });
  const outbox = h('div');
  const showOutbox = () => clear(outbox, pagedTable([
    { label: '包ID', value: r => h('code', String(r.id).slice(0, 8)) },
    { label: '类型', value: r => r.type },
    { label: '接收方', value: r => r.receiver },
    { label: '下一跳', value: r => r.nextHop || '—' },
    { label: '状态', value: r => badge(r.status, r.status === 'FAILED' ? 'bad' : r.status === 'ACKNOWLEDGED' ? 'ok' : '') },
    { label: '尝试', value: r => r.attempts },
    { label: '最近错误', value: r => r.lastError ? (r.lastCode || '') + ' ' + r.lastError : '—' },
    { label: '', value: r => hasRole('sys-admin') && ['FAILED', 'RETRYING'].includes(r.status)
      ? h('button', { type: 'button', onclick: async e => {
        e.stopPropagation();
        e.target.disabled = true;
        try {
          await api(`exchange/outbox/${r.id}/resend`, { method: 'POST' });
          showOutbox();
        } catch (err) {
          e.target.replaceWith(errorBox(err));
        }
      } }, '重发') : '' }
  ], (page, size) => api(`exchange/outbox?page=${page}&size=${size}` + (filter.value ? '&status=' + filter.value : ''))));
  filter.onchange = showOutbox;
  showOutbox();
  let rejections = [];
  try {
    rejections = await api('exchange/rejections?size=10');
  } catch (e) {
    rejections = [];
  }
  const pauseButton = hasRole('sys-admin') ? h('button#delivery-pause', { type: 'button', onclick: async e => {
    e.target.disabled = true;
    try {
      await api(`exchange/outbox/${status.deliveryPaused ? 'resume' : 'pause'}`, { method: 'POST' });
      render(main);
    } catch (err) {
      e.target.replaceWith(errorBox(err));
    }
  } }, status.deliveryPaused ? '恢复发送' : '暂停发送') : '';
  clear(main,
      section('数据交换概况', h('div.kpis',
          kpi('节点', status.nodeId), kpi('已入网', status.enrolled ? '是' : '否'),
          kpi('目录版本', status.directoryVersion), kpi('发送', status.deliveryPaused ? '已暂停' : '运行中'),
          Object.entries(totals).filter(([k]) => label(k)).map(([k, v]) => kpi(label(k), v)))),
      section('对端节点', h('div.table-wrap', h('table#peers',
          h('thead', h('tr', ['节点', '名称', '积压', '失败', '最早等待', '最近成功', 'P50/P99 (ms)', '24小时发/收']
              .map(t => h('th', t)))),
          h('tbody', peers.length ? peers.map(p => h('tr', { class: p.failed ? 'warn' : null },
              h('td', p.peer), h('td', p.name || '—'), h('td', p.backlog), h('td', p.failed),
              h('td', fmtTime(p.oldestWaiting)), h('td', fmtTime(p.lastSuccess)),
              h('td', `${p.latencyP50Ms ?? '—'} / ${p.latencyP99Ms ?? '—'}`),
              h('td', `${p.sent24h} / ${p.received24h}`))) : h('tr', h('td.muted', { colSpan: 8 }, '暂无对端')))))),
      section('发件箱', h('div.toolbar', h('label', '状态 ', filter), pauseButton), outbox),
      section('最近拒收', rejections.length ? h('ul', rejections.map(r => h('li',
          `${fmtTime(r.at)} ${r.type || ''} 来自 ${r.hopFrom || r.sender || '—'}：${r.code} ${r.reason || ''}`)))
        : h('p.muted', '无')));
}

/** Package counts only (the status also carries stage timers, which belong to /metrics and the benchmarks). */
function label(key) {
  const fixed = { rejections: '拒收', duplicatesReceived: '重复接收', messageLog: '消息日志条数' };
  const m = /^(outbox|inbox)\.(\w+)$/.exec(key);
  return fixed[key] || (m ? (m[1] === 'outbox' ? '发件 ' : '收件 ') + m[2] : null);
}
