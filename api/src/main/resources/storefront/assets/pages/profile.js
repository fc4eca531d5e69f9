// Profile: points balance (live), badge and progress to the next one (flag pointsBadge, live).
import { api } from '/assets/api.js';
import { h } from '/assets/dom.js';
import { onFlags } from '/assets/flags.js';
import { useMyStream } from '/assets/meStream.js';

export async function render() {
  let me = await api('/api/v1/me', { auth: true });
  const points = h('strong', { testid: 'points-balance' });
  const badge = h('span', { class: 'badge', testid: 'points-badge' });
  const bar = h('progress', { id: 'badge-progress-bar', max: 1, value: 0 });
  const progressText = h('p');
  const progress = h('div', { testid: 'badge-progress' }, h('label', { for: 'badge-progress-bar' }, 'Progress to the next badge'), bar, progressText);
  const badgeSection = h('section', { 'aria-labelledby': 'badge-heading' }, h('h2', { id: 'badge-heading' }, 'Badge'), h('p', {}, badge), progress);
  const show = (m) => {
    points.dataset.points = String(m.points);
    points.textContent = String(m.points);
    badge.textContent = m.badge.name;
    const next = m.badge.next;
    if (next) {
      bar.max = next.minPoints - m.badge.minPoints;
      bar.value = Math.max(0, m.points - m.badge.minPoints);
      progressText.textContent = `${next.pointsToGo} more points to ${next.name}.`;
    } else {
      bar.max = 1;
      bar.value = 1;
      progressText.textContent = 'You have the top badge.';
    }
  };
  show(me);
  const reload = () => api('/api/v1/me', { auth: true }).then((m) => { me = m; show(m); }).catch(() => {});
  const closeStream = useMyStream({
    points: (event) => {
      show({ ...me, points: event.points });
      reload(); // the badge follows the balance; the API decides it
    },
  }, { onReset: reload });
  const stopFlags = onFlags((flag) => {
    badgeSection.hidden = !flag('pointsBadge');
  });
  const node = h('section', {},
    h('h1', {}, 'Your profile'),
    h('dl', {}, h('dt', {}, 'Email'), h('dd', {}, me.email), h('dt', {}, 'Name'), h('dd', {}, me.displayName || '—')),
    h('p', {}, 'Points: ', points),
    badgeSection);
  return { title: 'Profile', node, cleanup: () => { closeStream(); stopFlags(); } };
}
