// Filtre du tableau des dossiers par axe, secteur et statut (sans dépendance externe).
document$.subscribe(function () {
  var selects = document.querySelectorAll(".acia-filtres select");
  var rows = document.querySelectorAll("table.acia-dossiers tbody tr");
  function apply() {
    rows.forEach(function (row) {
      var visible = true;
      selects.forEach(function (select) {
        var wanted = select.value;
        var key = select.getAttribute("data-filtre");
        if (wanted && row.getAttribute("data-" + key).split(", ").indexOf(wanted) === -1) {
          visible = false;
        }
      });
      row.hidden = !visible;
    });
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
});
