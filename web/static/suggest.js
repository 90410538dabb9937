// Suggest commodities from the taxonomy as the user types the last item of a
// ";"-separated list. Progressive enhancement: the field works without it.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-suggest");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var parts = input.value.split(";");
        var last = parts.pop().trim();
        var head = parts.map(function (p) { return p.trim(); }).filter(Boolean);
        if (last.length < 2) { list.innerHTML = ""; return; }
        fetch(url + "?q=" + encodeURIComponent(last), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (names) {
            list.innerHTML = "";
            names.forEach(function (name) {
              var option = document.createElement("option");
              option.value = head.concat([name]).join("; ");
              list.appendChild(option);
            });
          })
          .catch(function () { list.innerHTML = ""; });
      }, 150);
    });
  });
})();
