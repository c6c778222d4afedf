// Registers the offline service worker (dist/sw.js, generated at build) and, when a new version of
// the course has been deployed, offers a reload instead of switching under the learner's feet.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  const offer = (worker) => {
    if (document.querySelector('.sw-update')) return;
    const bar = document.createElement('div');
    bar.className = 'sw-update';
    bar.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.textContent = 'A new version of the course is available. Your work is saved.';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Reload';
    button.addEventListener('click', () => worker.postMessage('shipshape:activate'));
    bar.append(text, button);
    document.body.append(bar);
  };
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then((reg) => {
        if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
        reg.addEventListener('updatefound', () => {
          const next = reg.installing;
          next?.addEventListener('statechange', () => {
            if (next.state === 'installed' && navigator.serviceWorker.controller) offer(next);
          });
        });
      })
      .catch(() => {
        // no service worker (dev server, private mode): the site still works online
      });
    let reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (reloading || !document.querySelector('.sw-update')) return;
      reloading = true;
      location.reload();
    });
  });
}
