// Follows a running collection run over server-sent events and reloads the page with the report when it ends.
(function () {
  const page = document.getElementById('run-page');
  if (!page || page.dataset.finished === 'true') return;
  const id = page.dataset.runId;
  const bar = document.getElementById('run-progress');
  const percent = document.getElementById('run-percent');
  const fmt = new Intl.NumberFormat(document.documentElement.lang || 'es-MX');
  const show = (data) => {
    bar.style.width = data.progress + '%';
    bar.parentElement.setAttribute('aria-valuenow', data.progress);
    percent.textContent = data.progress + ' %';
    document.getElementById('run-customers').textContent = fmt.format(data.customers);
    document.getElementById('run-actions').textContent = fmt.format(data.actions);
    document.getElementById('run-chunks').textContent = fmt.format(data.chunksDone) + ' / ' + fmt.format(data.chunks);
  };
  const source = new EventSource('/strategy/runs/' + id + '/events');
  source.addEventListener('progress', (e) => show(JSON.parse(e.data)));
  source.addEventListener('done', (e) => { show(JSON.parse(e.data)); source.close(); window.location.reload(); });
  source.onerror = () => { source.close(); setTimeout(() => window.location.reload(), 2000); };
})();
