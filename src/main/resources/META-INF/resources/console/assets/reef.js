// Reef console and portal: progressive enhancement only (every page works without it). Served as a
// file from /console/assets/: the pages' Content-Security-Policy runs no inline script.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    // After a refused form, put the keyboard on the first field the error is about.
    var invalid = document.querySelector('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
    }
  });
})();
