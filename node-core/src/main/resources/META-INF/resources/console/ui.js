// Small DOM helpers shared by the pages: elements, forms that show the server's problem+json next to each field,
// paged tables, working-time clocks with their traffic light.
import { session } from './api.js';

/** h('div.card#x', {attr: v, onclick: f}, child, …) → element. Strings become text (never HTML). */
export function h(spec, attrs, ...children) {
  const m = /^([a-z0-9]+)?((?:[.#][\w-]+)*)$/i.exec(spec);
  const el = document.createElement(m[1] || 'div');
  for (const part of (m[2] || '').match(/[.#][\w-]+/g) || []) {
    if (part[0] === '.') {
      el.classList.add(part.slice(1));
    } else {
      el.id = part.slice(1);
    }
  }
  if (attrs !== undefined && attrs !== null
      && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k.startsWith('on')) {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (k in el && typeof v !== 'string') {
      el[k] = v;
    } else {
      el.setAttribute(k, v === true ? '' : v);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(el, c);
    } else {
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * A labelled form field. {@code name} is the field's name in the request body and in the problem's issues[]; the
 * message of an issue for it appears in the field's .field-error.
 */
export function field(label, name, input, hint) {
  input.name = input.name || name;
  input.id = input.id || 'f-' + name + '-' + Math.random().toString(36).slice(2, 7);
  return h('div.field', { dataset: { field: name } },
      h('label', { for: input.id }, label), input,
      hint ? h('small.hint', hint) : null,
      h('div.field-error', { role: 'alert' }));
}

export function input(attrs = {}) {
  return h('input', { type: 'text', ...attrs });
}

export function textarea(attrs = {}) {
  return h('textarea', { rows: 3, ...attrs });
}

/** A select; attrs.value (if any) is selected once the options are there. */
export function select(options, attrs = {}) {
  const { value: selected, ...rest } = attrs;
  const s = h('select', rest);
  for (const o of options) {
    const [value, label] = Array.isArray(o) ? o : [o.value, o.label];
    s.appendChild(h('option', { value }, label));
  }
  if (selected !== undefined && selected !== null) {
    s.value = selected;
  }
  return s;
}

/** A form: fields, a submit button, a place for the general message. onSubmit(form) may throw ApiError. */
export function form(fields, submitLabel, onSubmit, attrs = {}) {
  const status = h('div.form-error', { role: 'alert' });
  const button = h('button.primary', { type: 'submit' }, submitLabel);
  const f = h('form', { novalidate: true, ...attrs }, fields, h('div.actions', button), status);
  // a field's message goes away once the user changes that field
  const touched = e => {
    const box = e.target.closest('.field');
    if (box && box.classList.contains('invalid')) {
      box.classList.remove('invalid');
      box.querySelector('.field-error').textContent = '';
    }
  };
  f.addEventListener('input', touched);
  f.addEventListener('change', touched);
  f.addEventListener('submit', async e => {
    e.preventDefault();
    clearProblem(f);
    button.disabled = true;
    try {
      await onSubmit(f);
    } catch (err) {
      showProblem(f, err);
    } finally {
      button.disabled = false;
    }
  });
  return f;
}

export function clearProblem(f) {
  f.querySelectorAll('.field-error, .form-error').forEach(e => { e.textContent = ''; });
  f.querySelectorAll('.field.invalid').forEach(e => e.classList.remove('invalid'));
}

/**
 * Shows an ApiError in a form: each issue next to its field (matched by name, or by the name before [ or .), the
 * detail (and issues with no field on the form) in the form's general message.
 */
export function showProblem(f, err) {
  const p = err.problem || { detail: err.message };
  const general = [];
  for (const issue of p.issues || []) {
    const base = String(issue.field || '').split(/[[.]/)[0];
    const box = f.querySelector(`.field[data-field="${cssEscape(issue.field)}"]`)
        || f.querySelector(`.field[data-field="${cssEscape(base)}"]`);
    if (box) {
      box.classList.add('invalid');
      const e = box.querySelector('.field-error');
      e.textContent = (e.textContent ? e.textContent + '；' : '') + issue.message;
    } else {
      general.push(`${issue.field}: ${issue.message}`);
    }
  }
  const head = p.issues && p.issues.length ? (p.title || '请求数据无效') : (p.detail || p.title || err.message);
  f.querySelector('.form-error').textContent = [head, ...general].join('；');
}

function cssEscape(s) {
  return String(s).replace(/["\\]/g, '\\$&');
}

/** A message box for page-level errors. */
export function errorBox(err) {
  const p = err.problem || {};
  return h('div.error-box', { role: 'alert' }, p.detail || p.title || err.message);
}

/**
 * Form values by name (empty strings dropped; data-type="number" / "list" converted). A dotted name such as
 * "location.lon" — the name the server gives the field in its issues — becomes a nested member.
 */
export function values(f) {
  const out = {};
  const put = (name, v) => {
    const path = name.split('.');
    let o = out;
    for (const k of path.slice(0, -1)) {
      o = o[k] = o[k] || {};
    }
    o[path[path.length - 1]] = v;
  };
  for (const el of f.elements) {
    if (!el.name || el.type === 'submit' || el.type === 'file' || el.disabled) {
      continue;
    }
    if (el.type === 'radio' && !el.checked) {
      continue;
    }
    if (el.type === 'checkbox') {
      if (el.dataset.type === 'list') {
        if (el.checked) {
          (out[el.name] = out[el.name] || []).push(el.value);
        }
      } else {
        put(el.name, el.checked);
      }
      continue;
    }
    const v = el.value.trim();
    if (v === '') {
      continue;
    }
    put(el.name, el.dataset.type === 'number' ? Number(v) : v);
  }
  return out;
}

/**
 * A paged table: load(page, size) → {items, page, size, total}; columns [{label, value(row) → node|string}].
 * onRow(row) makes rows clickable; rowClass(row) → a class for the row (e.g. 'warn').
 */
export function pagedTable(columns, load, { size = 20, onRow, rowClass, empty = '暂无数据' } = {}) {
  const body = h('tbody');
  const info = h('span.page-info');
  const prev = h('button', { type: 'button' }, '上一页');
  const next = h('button', { type: 'button' }, '下一页');
  const wrap = h('div.paged', h('div.table-wrap', h('table', h('thead', h('tr', columns.map(c => h('th', c.label)))),
      body)), h('div.pager', prev, info, next));
  let page = 0;
  async function show(p) {
    try {
      const r = await load(p, size);
      page = r.page;
      const pages = Math.max(1, Math.ceil(r.total / r.size));
      clear(body, r.items.length ? r.items.map(row => h('tr', {
        class: [onRow ? 'clickable' : '', rowClass ? rowClass(row) || '' : ''].join(' ').trim() || null,
        onclick: onRow ? () => onRow(row) : null
      }, columns.map(c => h('td', c.value(row))))) : h('tr', h('td.muted', { colSpan: columns.length }, empty)));
      info.textContent = `第 ${page + 1} / ${pages} 页，共 ${r.total} 条`;
      prev.disabled = page <= 0;
      next.disabled = page + 1 >= pages;
    } catch (e) {
      clear(body, h('tr', h('td', { colSpan: columns.length }, errorBox(e))));
    }
  }
  prev.onclick = () => show(page - 1);
  next.onclick = () => show(page + 1);
  wrap.reload = () => show(page);
  show(0);
  return wrap;
}

/**
 * Pages over an API answer that is a plain list (endpoints with only a limit): fetchAll() is called again whenever
 * the first page is shown, so a reload sees fresh data.
 */
export function listPages(fetchAll) {
  let all = null;
  return async (page, size) => {
    if (page === 0 || all === null) {
      all = await fetchAll();
    }
    return { items: all.slice(page * size, page * size + size), page, size, total: all.length };
  };
}

/**
 * A timestamp as "YYYY-MM-DD HH:mm" in the node's time zone (the zone its days, periods and ids are counted in), not
 * the browser's.
 */
export function fmtTime(iso) {
  if (!iso) {
    return '—';
  }
  const parts = timeFormat().formatToParts(new Date(iso));
  const v = type => parts.find(p => p.type === type).value;
  return `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`;
}

let format = null;
function timeFormat() {
  const zone = session()?.node?.zone || 'Asia/Shanghai';
  if (!format || format.resolvedOptions().timeZone !== zone) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }
  return format;
}

/** Remaining working time in seconds → "剩余 3小时20分" / "超时 1小时". */
export function fmtRemaining(seconds) {
  if (seconds === null || seconds === undefined) {
    return '—';
  }
  const s = Math.abs(seconds);
  const d = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const text = (d ? d + '天' : '') + (hh ? hh + '小时' : '') + (d ? '' : mm + '分');
  return (seconds < 0 ? '超时 ' : '剩余 ') + text;
}

const LIGHTS = { GREEN: '正常', YELLOW: '临期', RED: '超时' };

/** The traffic light of a clock (GREEN / YELLOW / RED) with its remaining working time. */
export function light(value, remainingSeconds, paused) {
  if (!value) {
    return h('span.muted', '—');
  }
  return h('span.light', { class: 'light ' + value.toLowerCase(), title: LIGHTS[value] || value },
      h('i'), paused ? '已暂停' : fmtRemaining(remainingSeconds));
}

export function badge(text, kind = '') {
  return h('span.badge', { class: 'badge ' + kind }, text);
}

/** One fact of a <dl class="facts">: label and value ('—' when there is none). */
export function dt(label, value) {
  return [h('dt', label), h('dd', value === '' ? '—' : value ?? '—')];
}

/** A key figure: big value, small label. */
export function kpi(label, value) {
  return h('div.kpi', h('div.kpi-value', String(value ?? '—')), h('div.kpi-label', label));
}

/** The confirmation shown after an action re-renders the page. */
export function okBox(message) {
  return message ? h('div.ok-box#flash', { role: 'status' }, message) : null;
}

/** A select for filtering a list, with its label. */
export function filter(label, options, onchange, attrs = {}) {
  const s = select(options, { ...attrs, onchange: () => onchange(s.value) });
  return h('label.filter', label, ' ', s);
}

export function section(title, ...children) {
  return h('section.card', h('h2', title), children);
}
