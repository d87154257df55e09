"""The dashboard: static HTML, CSS and JavaScript bundled in the package (no CDN at run time), served
by the API process at ``/``. It reads the JSON API only and writes every piece of article data into
the page as text (``textContent``), never as HTML."""
