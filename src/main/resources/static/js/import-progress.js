// Follows a running import over server-sent events and reloads the page with the summary when it ends.
(function () {
  const page = document.getElementById('import-page');
  if (!page || page.dataset.finished === 'true') return;
  const id = page.dataset.importId;
  const bar = document.getElementById('import-progress');
  const percent = document.getElementById('import-percent');
  const rows = document.getElementById('rows-read');
  const source = new EventSource('/imports/' + id + '/events');
  const show = (data) => {
    bar.style.width = data.progress + '%';
    bar.parentElement.setAttribute('aria-valuenow', data.progress);
    percent.textContent = data.progress + ' %';
    rows.textContent = new Intl.NumberFormat(document.documentElement.lang || 'es-MX').format(data.rowsRead);
  };
  source.addEventListener('progress', (e) => show(JSON.parse(e.data)));
  source.addEventListener('done', (e) => {
    show(JSON.parse(e.data));
    source.close();
    window.location.reload();
  });
  source.onerror = () => { source.close(); setTimeout(() => window.location.reload(), 2000); };
})();
