// cyberkit serve's live reload: added by the preview server to the pages it serves, never
// written into a built kit. The server says `reload` after a build, `errors` (the diagnostics, as
// `cyberkit check` prints them) when the input went wrong; the last good kit stays served.
(() => {
  const source = new EventSource('/__cyberkit/events');
  let overlay = null;
  source.addEventListener('reload', () => location.reload());
  source.addEventListener('errors', (event) => {
    if (overlay) overlay.remove();
    overlay = document.createElement('div');
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-labelledby', 'cyberkit-serve-title');
    overlay.style.cssText = 'position:fixed;top:1rem;left:1rem;right:1rem;max-height:calc(100vh - 2rem);z-index:2147483647;overflow:auto;padding:1rem 1.25rem;'
      + 'background:#fff;color:#1a1a1a;border:3px solid #a1120f;border-radius:.4rem;'
      + 'box-shadow:0 .5rem 2rem rgba(0,0,0,.35);font:1rem/1.5 system-ui,sans-serif';
    const title = document.createElement('h2');
    title.id = 'cyberkit-serve-title';
    title.style.cssText = 'margin:0 0 .5rem;color:#a1120f;font-size:1.2rem';
    title.textContent = 'cyberkit: the kits did not build; the last good ones are shown';
    const text = document.createElement('pre');
    text.style.cssText = 'white-space:pre-wrap;margin:0;font:.9rem/1.45 ui-monospace,monospace';
    // Text, never markup: a diagnostic quotes what a profile says.
    text.textContent = JSON.parse(event.data).join('\n');
    overlay.append(title, text);
    document.body.append(overlay);
  });
})();
