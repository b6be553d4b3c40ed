// Scripts du site acia (sans dépendance externe), exécutés à chaque page affichée.
document$.subscribe(function () {
  // Accessibilité : nommer la boîte de recherche et rendre les tableaux larges défilables au clavier.
  var search = document.querySelector(".md-search[role='dialog']");
  if (search && !search.getAttribute("aria-label")) {
    search.setAttribute("aria-label", "Recherche");
  }
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Tableau défilant");
  });

  // Filtre du tableau des dossiers par axe, secteur et statut.
  var selects = document.querySelectorAll(".acia-filtres select");
  var rows = document.querySelectorAll("table.acia-dossiers tbody tr");
  function apply() {
    rows.forEach(function (row) {
      var visible = true;
      selects.forEach(function (select) {
        var wanted = select.value;
        var key = select.getAttribute("data-filtre");
        // Several sectors per row (« PA, PH »); one axe and one status.
        var values = key === "secteur" ? row.getAttribute("data-secteur").split("|") : [row.getAttribute("data-" + key)];
        if (wanted && values.indexOf(wanted) === -1) {
          visible = false;
        }
      });
      row.hidden = !visible;
    });
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
});
