// Checks the wanted subdomain while the applicant types. Without JavaScript the form still
// works: the server checks the subdomain again when the form is sent.
(function () {
  "use strict";
  var form = document.querySelector("form[data-check-url]");
  if (!form) return;
  var input = form.querySelector("input[name=slug]");
  var output = document.getElementById("cek-subdomain");
  if (!input || !output) return;
  var timer = null;
  var latest = 0;

  function show(state, message) {
    output.textContent = message;
    output.className = "slug-check " + state;
  }

  function check() {
    var slug = input.value.trim().toLowerCase();
    if (!slug) { show("", ""); return; }
    var ask = ++latest;
    fetch(form.dataset.checkUrl + "?slug=" + encodeURIComponent(slug), {
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (ask !== latest) return; // an older answer arriving late
        show(answer.available ? "is-free" : "is-taken", answer.message);
      })
      .catch(function () { show("", ""); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  });
  if (input.value) check();
})();
