// Urging (督办) forms shared by the pages that urge about something: supervision tasks and emergencies.
import { api } from './api.js';
import { h, clear, form, field, input, textarea, select, values, badge, fmtTime } from './ui.js';

const LEVELS = { NORMAL: '一般', KEY: '重点', LISTED: '挂牌' };

/** The urge form, shown in {@code box}: POSTs an UrgeRequest to {@code path}, then calls done(). */
export function urgeForm(box, { title, subject, path, done }) {
  clear(box, h('h3', title), form([
    field('督办级别', 'level', select(Object.entries(LEVELS))),
    field('事由', 'subject', input({ value: subject })),
    field('督办意见', 'content', textarea()),
    field('回复时限', 'replyTimeLimit', input({ placeholder: '例如 2工作日' }))
  ], '发出督办', async f => {
    await api(path, { method: 'POST', body: values(f) });
    await done();
  }, { id: 'urge-form' }));
}

/**
 * Urgings as a list: level, subject, content, when; the replies, or — for a received one without a reply, when
 * {@code again} is given — the reply form.
 */
export function urgingList(items, again) {
  if (!items.length) {
    return h('p.muted', '没有督办');
  }
  return h('div.urgings', items.map(x => h('div.action', { dataset: { urging: x.id } },
      h('p', badge(LEVELS[x.level] || x.level), ` ${x.subject}：${x.content || ''}（${fmtTime(x.issuedAt)}`,
          x.replyDeadline ? `，${fmtTime(x.replyDeadline)} 前回复` : '', '）',
          x.replyOverdue ? badge('回复逾期', 'bad') : ''),
      x.replies.length ? h('p.muted', `已回复：${x.replies.map(r => r.text).join('；')}`)
        : again && x.direction === 'RECEIVED' ? form([
          field('回复状态', 'status', select([['IN_PROGRESS', '正在办理'], ['COMPLETED', '已完成'],
            ['EXPLAINED', '情况说明']])),
          field('回复内容', 'text', textarea())], '回复督办', async f => {
          await api(`supervision/urgings/${x.id}/reply`, { method: 'POST', body: values(f) });
          await again('已回复督办');
        }, { class: 'reply-form' }) : h('p.muted', '尚未回复'))));
}
