// Maps drawn from the node's own GeoJSON (grids, open cases): they work offline; a tile layer is optional.
import { api } from './api.js';
import { leaflet } from './vendor.js';

export const LIGHT_COLOURS = { GREEN: '#2e7d32', YELLOW: '#f9a825', RED: '#c62828' };

/** A Leaflet map in {@code el} with the node's grids; resolves to {map, grids, L}. */
export async function gridMap(el, { bbox } = {}) {
  const L = await leaflet();
  const map = L.map(el, { preferCanvas: true, attributionControl: false });
  const data = await api('grids' + (bbox ? '?bbox=' + bbox : ''), { accept: 'application/geo+json' });
  const grids = L.geoJSON(typeof data === 'string' ? JSON.parse(data) : data, {
    style: { color: '#1565c0', weight: 1, fillOpacity: 0.05 },
    onEachFeature: (f, layer) => {
      const p = f.properties || {};
      layer.bindTooltip(`${p.name || p.code || ''} ${p.code || ''}`, { sticky: true });
    }
  }).addTo(map);
  el.dataset.grids = String(grids.getLayers().length);
  if (grids.getLayers().length) {
    map.fitBounds(grids.getBounds());
  } else {
    map.setView([39.33, 112.43], 13);
  }
  return { map, grids, L };
}
