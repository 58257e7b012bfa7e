import { api, upload, hasRole } from '../api.js';
import { h, clear, section, form, field, input, textarea, select, values } from '../ui.js';
import { gridMap } from '../geo.js';

/** The inspector's (and intake operator's) report form: matter, description, a point picked on the map, photos. */
export async function render(main) {
  const matters = await api('reference/classes?kind=MATTER&size=500');
  const matter = select([['', '请选择问题类型'], ...matters.items.map(m => [m.code, `${m.code} ${m.name}`])]);
  const lon = input({ readOnly: true, dataset: { type: 'number' }, placeholder: '在地图上点选' });
  const lat = input({ readOnly: true, dataset: { type: 'number' }, placeholder: '在地图上点选' });
  const where = h('div.muted#report-where', '在地图上点击问题位置');
  const photos = h('input', { type: 'file', accept: 'image/*', multiple: true, capture: 'environment' });
  const mapEl = h('div.map#report-map');
  const fields = [
    field('问题类型', 'matter', matter),
    field('问题描述', 'description', textarea()),
    field('地址', 'address', input({ placeholder: '例如 开发区文远路与民福街交叉口' })),
    h('div.inline', field('经度', 'lon', lon), field('纬度', 'lat', lat)), where,
    field('现场照片', 'photos', photos)
  ];
  if (hasRole('intake-operator') && !hasRole('inspector')) {
    fields.splice(3, 0, field('反映人', 'reporterName', input()), field('联系方式', 'reporterContact', input()));
  }
  const f = form(fields, '上报', async form => {
    const body = values(form);
    if (photos.files.length) {
      body.photos = await upload(photos.files);
    }
    const c = await api('cases', { method: 'POST', body });
    location.hash = `#/case/${c.id}`;
  }, { id: 'report-form' });
  clear(main, h('div.two-col.report', section('上报案件', f), section('位置', mapEl)));
  const { map, L } = await gridMap(mapEl);
  let marker = null;
  map.on('click', async e => {
    lon.value = e.latlng.lng.toFixed(6);
    lat.value = e.latlng.lat.toFixed(6);
    marker = marker ? marker.setLatLng(e.latlng) : L.marker(e.latlng).addTo(map);
    try {
      const l = await api(`locate?lon=${lon.value}&lat=${lat.value}`);
      where.textContent = `网格 ${l.grid} ${l.gridName || ''} · ${l.communityName || ''} · ${l.streetName || ''}`;
    } catch (err) {
      where.textContent = err.message;
    }
  });
}
