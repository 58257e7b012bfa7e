import { h, clear } from '../ui.js';

/** A menu place for pages being built in parallel (12319, opinion, emergencies, city reporting). */
export async function render(main, args, route) {
  clear(main, h('section.card', h('h2', route.label),
      h('p.muted', '该功能正在建设中，将在后续版本中提供。')));
}
