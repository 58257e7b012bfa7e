// Browser libraries served as WebJars from the node's own WAR (versions filled in by the build from the parent pom).
const LEAFLET = '${leaflet.version}';
const CHARTJS = '${chartjs.version}';

const loaded = new Map();

function script(url) {
  if (!loaded.has(url)) {
    loaded.set(url, new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = url;
      s.onload = resolve;
      s.onerror = () => reject(new Error('无法加载 ' + url));
      document.head.appendChild(s);
    }));
  }
  return loaded.get(url);
}

function style(url) {
  if (!document.querySelector(`link[href="${url}"]`)) {
    const l = document.createElement('link');
    l.rel = 'stylesheet';
    l.href = url;
    document.head.appendChild(l);
  }
}

/** Leaflet (global L), loaded once. */
export async function leaflet() {
  style(`../webjars/leaflet/${LEAFLET}/dist/leaflet.css`);
  await script(`../webjars/leaflet/${LEAFLET}/dist/leaflet.js`);
  return window.L;
}

/** Chart.js (global Chart), loaded once. */
export async function chartjs() {
  await script(`../webjars/chart.js/${CHARTJS}/dist/chart.umd.js`);
  return window.Chart;
}
