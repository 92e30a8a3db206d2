// Moves the status page's steps and bar while the region is being prepared, by asking a
// small JSON endpoint; when the work is over, the page is loaded once more to show what
// comes next. Without JavaScript, a meta refresh reloads the page instead.
(function () {
  "use strict";
  var panel = document.querySelector("[data-progress-url]");
  if (!panel) return;
  var every = 1000 * (Number(panel.dataset.pollSeconds) || 2);

  function show(answer) {
    panel.querySelector(".headline").textContent = answer.headline;
    var bar = panel.querySelector("progress");
    if (bar) { bar.value = answer.percent; bar.textContent = answer.percent + "%"; }
    answer.steps.forEach(function (step) {
      var item = panel.querySelector('[data-step="' + step.key + '"]');
      if (!item) return;
      item.dataset.state = step.state;
      item.querySelector(".step-state").textContent = step.state_label;
    });
  }

  function ask() {
    fetch(panel.dataset.progressUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        var changed = answer.state !== panel.dataset.state;
        if (answer.finished || (changed && !panel.querySelector("progress") && answer.steps.length)) {
          window.location.reload();
          return;
        }
        panel.dataset.state = answer.state;
        show(answer);
        setTimeout(ask, every);
      })
      .catch(function () { setTimeout(ask, 3000); });
  }
  setTimeout(ask, every);
})();
