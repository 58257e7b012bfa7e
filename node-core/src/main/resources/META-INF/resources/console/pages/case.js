import { api, blobUrl, upload } from '../api.js';
import { h, clear, section, light, fmtTime, form, field, input, textarea, select, values, errorBox, dt, okBox }
    from '../ui.js';
import { leaflet } from '../vendor.js';

const NEED_LABELS = { reason: '原因', department: '处置部门', inspector: '监督员（用户名）', extension: '延期时长',
  result: '处置结果', text: '督办意见', target: '合并到案件ID' };

/** Case detail: facts, clocks, photos, a map, the history; forms for exactly the actions the server allows. */
const SOURCES = { INSPECTOR: '监督员上报', HOTLINE: '热线', PUBLIC_ACCOUNT: '公众号', APP: 'APP', VIDEO: '视频监控',
  OTHER: '其他' };

export async function render(main, [id], route, flash) {
  const [c, wf] = await Promise.all([api(`cases/${id}`), api('workflow')]);
  const stateLabel = Object.fromEntries(wf.states.map(s => [s.name, s.label]));
  const actionLabel = Object.fromEntries(wf.transitions.map(t => [t.action, t.label]));
  const photos = h('div.photos');
  const mapEl = h('div.map.small#case-map');
  clear(main,
      okBox(flash),
      h('div.two-col',
          h('div',
              section(`案件 ${c.caseNo}`,
                  h('dl.facts',
                      dt('状态', h('b#case-state', c.stateLabel)), dt('问题类型', `${c.matterName || ''}（${c.matter}）`),
                      dt('描述', c.description), dt('地址', c.address || '—'),
                      dt('网格', c.gridCode || '—'), dt('来源', SOURCES[c.source] || c.source), dt('上报人', c.reporterName || c.reporter || '—'),
                      dt('上报时间', fmtTime(c.createdAt)), dt('处置部门', c.departmentName || c.departmentId || '—'),
                      dt('指派监督员', c.assignee || '—'),
                      dt('本阶段', c.stageClock ? h('span', light(c.stageClock.light, c.stageClock.remainingSeconds,
                          c.stageClock.paused), ` 时限 ${c.stageClock.limit || '—'}，截止 ${fmtTime(c.stageClock.deadline)}`) : '—'),
                      dt('全流程', c.overallClock ? light(c.overallClock.light, c.overallClock.remainingSeconds,
                          c.overallClock.paused) : (c.closedAt ? `已于 ${fmtTime(c.closedAt)} 结案` : '—')))),
              section('可执行操作', h('div#case-actions', c.actions.length
                ? c.actions.map(a => actionBox(c, a)) : h('p.muted', '当前没有您可以执行的操作')))),
          h('div',
              section('位置', mapEl),
              section('照片', photos),
              section('办理经过', h('ol.history#case-history', c.history.map(e => h('li',
                  h('span.when', fmtTime(e.at)), ' ', h('b', actionLabel[e.action] || e.action), ' ', e.actor || '',
                  e.fromState !== e.toState ? ` ${stateLabel[e.fromState] || ''} → ${stateLabel[e.toState] || e.toState}`
                    : '',
                  e.note ? h('div.note', e.note) : null)))))));
  if (c.duplicates && c.duplicates.length) {
    main.prepend(h('div.warn-box', '可能重复的案件：', c.duplicates.map(d => h('a', { href: `#/case/${d.id}` },
        ` ${d.caseNo}（${d.distanceMetres} 米）`))));
  }
  for (const p of c.photos) {
    blobUrl(`attachments/${p.id}`).then(u => photos.appendChild(h('img', { src: u, alt: p.fileName || '照片' })))
        .catch(() => {});
  }
  if (!c.photos.length) {
    photos.appendChild(h('p.muted', '无照片'));
  }
  leaflet().then(L => {
    const m = L.map(mapEl, { attributionControl: false }).setView([c.lat, c.lon], 17);
    L.circleMarker([c.lat, c.lon], { radius: 8, color: '#c62828' }).addTo(m).bindTooltip(c.caseNo);
    api(`grids/${c.gridCode}`, { accept: 'application/geo+json' }).then(g => {
      L.geoJSON(typeof g === 'string' ? JSON.parse(g) : g, { style: { color: '#1565c0', weight: 1 } }).addTo(m);
    }).catch(() => {});
  }).catch(e => mapEl.replaceWith(errorBox(e)));
}

/** One allowed action: a button, and a form when the action needs inputs (fields named as the server names them). */
function actionBox(c, a) {
  const fields = [];
  for (const need of a.needs) {
    let el;
    if (need === 'department') {
      el = select([['', '请选择部门']], { id: 'f-department' });
      fillDepartments(el, c);
    } else if (need === 'result' || need === 'reason' || need === 'text') {
      el = textarea();
    } else if (need === 'inspector') {
      el = input({ value: c.reporter && c.source === 'INSPECTOR' ? c.reporter : '' });
    } else if (need === 'target') {
      el = input({ dataset: { type: 'number' } });
    } else {
      el = input({ placeholder: need === 'extension' ? '例如 2工作日' : '' });
    }
    fields.push(field(NEED_LABELS[need] || need, need, el));
  }
  const photoInput = a.needs.includes('result') ? h('input', { type: 'file', accept: 'image/*', multiple: true }) : null;
  if (photoInput) {
    fields.push(field('处置照片', 'photos', photoInput));
  }
  return h('div.action', { dataset: { action: a.action } }, form(fields, a.label, async f => {
    const body = values(f);
    if (photoInput && photoInput.files.length) {
      body.photos = await upload(photoInput.files);
    }
    await api(`cases/${c.id}/actions/${a.action}`, { method: 'POST', body });
    const { render } = await import('./case.js');
    await render(document.getElementById('main'), [String(c.id)], null, `已完成：${a.label}`);
  }, { class: 'action-form', dataset: { action: a.action } }));
}

/** Departments, the routed one (routing table / grid's responsible department) preselected. */
async function fillDepartments(sel, c) {
  try {
    const [depts, routed] = await Promise.all([api('departments'),
      api(`routing/resolve?matter=${c.matter}&grid=${c.gridCode}`).catch(() => null)]);
    for (const d of depts) {
      sel.appendChild(h('option', { value: d.id }, d.name + (routed && routed.departmentId === d.id ? '（推荐）' : '')));
    }
    if (routed) {
      sel.value = routed.departmentId;
    } else if (c.departmentId) {
      sel.value = c.departmentId;
    }
  } catch (e) {
    sel.after(errorBox(e));
  }
}
