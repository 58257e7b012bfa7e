// The node's own REST API with the JWT from login. Every URL is relative (the console is at <context>/console/).
const KEY = 'cityops.session';

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch (e) {
    return null;
  }
}

export function saveSession(s) {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

/** An error answer: the RFC 9457 problem (type, title, status, detail, issues[]). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

/** Calls {@code ../api/<path>}; JSON in and out; throws ApiError with the server's problem. */
export async function api(path, { method = 'GET', body, raw, contentType, accept } = {}) {
  const headers = {};
  const s = session();
  if (s && s.token) {
    headers.Authorization = 'Bearer ' + s.token;
  }
  let payload;
  if (raw !== undefined) {
    payload = raw;
    headers['Content-Type'] = contentType || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  headers.Accept = accept || 'application/json';
  let r;
  try {
    r = await fetch('../api/' + path, { method, headers, body: payload });
  } catch (e) {
    throw new ApiError(0, { title: '网络错误', detail: '无法连接本节点：' + e.message });
  }
  if (r.status === 401 && s && !path.startsWith('auth/login')) {
    clearSession();
    location.hash = '#/login';
  }
  if (!r.ok) {
    let problem;
    try {
      problem = await r.json();
    } catch (e) {
      problem = { title: 'HTTP ' + r.status };
    }
    throw new ApiError(r.status, problem);
  }
  if (r.status === 204) {
    return null;
  }
  const type = r.headers.get('Content-Type') || '';
  return type.includes('json') ? r.json() : r.text();
}

/** Downloads an API answer as a file (the token cannot go in a plain link). */
export async function download(path, fileName, accept) {
  const text = await api(path, { accept });
  const url = URL.createObjectURL(new Blob([typeof text === 'string' ? text : JSON.stringify(text)],
      { type: accept || 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function roles() {
  const s = session();
  return s ? s.user.roles.map(r => r.id) : [];
}

export function hasRole(...ids) {
  const mine = roles();
  return ids.some(id => mine.includes(id));
}

export function level() {
  const s = session();
  return s ? s.node.level : null;
}

/** An object URL for an authenticated binary (photos): the token cannot go in an <img src>. */
export async function blobUrl(path) {
  const s = session();
  const r = await fetch('../api/' + path, { headers: s ? { Authorization: 'Bearer ' + s.token } : {} });
  if (!r.ok) {
    throw new ApiError(r.status, { title: 'HTTP ' + r.status });
  }
  return URL.createObjectURL(await r.blob());
}

/** Uploads files as attachments (one POST each); returns their ids. */
export async function upload(files) {
  const ids = [];
  for (const f of files) {
    const a = await api('attachments?name=' + encodeURIComponent(f.name), {
      method: 'POST', raw: f, contentType: f.type || 'application/octet-stream'
    });
    ids.push(a.id);
  }
  return ids;
}

/**
 * POSTs a file as the request body with upload progress (fetch reports none): onProgress(loaded, total) while it
 * goes; resolves to the JSON answer, rejects with ApiError carrying the server's problem.
 */
export function sendFile(path, file, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', '../api/' + path);
    const s = session();
    if (s && s.token) {
      x.setRequestHeader('Authorization', 'Bearer ' + s.token);
    }
    x.setRequestHeader('Content-Type', contentType);
    x.setRequestHeader('Accept', 'application/json');
    x.upload.onprogress = e => onProgress && onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    x.onerror = () => reject(new ApiError(0, { title: '网络错误', detail: '无法连接本节点' }));
    x.onload = () => {
      let body = null;
      try {
        body = x.responseText ? JSON.parse(x.responseText) : null;
      } catch (e) {
        body = null;
      }
      if (x.status >= 200 && x.status < 300) {
        resolve(body);
      } else {
        if (x.status === 401) {
          clearSession();
          location.hash = '#/login';
        }
        reject(new ApiError(x.status, body || { title: 'HTTP ' + x.status }));
      }
    };
    x.send(file);
  });
}
