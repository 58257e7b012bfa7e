import { api } from '../api.js';
import { h, clear, section, errorBox } from '../ui.js';
import { gridMap, LIGHT_COLOURS } from '../geo.js';

/** The grid map: the node's unit grids and its open cases coloured by traffic light, from its own GeoJSON. */
export async function render(main) {
  const mapEl = h('div.map.big#grid-map');
  const info = h('p.muted#map-info', '加载网格…');
  clear(main, section('网格地图', info, mapEl, h('div.legend',
      Object.entries({ GREEN: '正常', YELLOW: '临期', RED: '超时' }).map(([k, v]) =>
          h('span', h('i', { style: `background:${LIGHT_COLOURS[k]}` }), v)))));
  const { map, grids, L } = await gridMap(mapEl);
  let count = 0;
  try {
    const data = await api('case-map?limit=1000', { accept: 'application/geo+json' });
    const cases = typeof data === 'string' ? JSON.parse(data) : data;
    count = cases.features.length;
    L.geoJSON(cases, {
      pointToLayer: (f, ll) => L.circleMarker(ll, { radius: 6, weight: 1, color: '#333', fillOpacity: 0.9,
        fillColor: LIGHT_COLOURS[f.properties.light] || '#777' }),
      onEachFeature: (f, layer) => layer.bindPopup(`<a href="#/case/${f.properties.id}">${f.properties.caseNo}</a>`
          + ` ${escapeHtml(f.properties.stateLabel)}`)
    }).addTo(map);
  } catch (e) {
    mapEl.after(errorBox(e));
  }
  info.textContent = `${grids.getLayers().length} 个单元网格，${count} 件在办案件`;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
