// Scripts du site acia (sans dépendance externe), exécutés à chaque page affichée.
document$.subscribe(function () {
  // Le site n'a qu'une palette de couleurs : le bouton radio caché du thème ne reçoit pas le focus au clavier.
  document.querySelectorAll("input.md-option[aria-hidden='true']").forEach(function (input) {
    input.tabIndex = -1;
  });

  // Tableaux : chaque cellule connaît l'intitulé de sa colonne (affiché quand le tableau est présenté en fiches).
  var wraps = document.querySelectorAll(".md-typeset__scrollwrap, .acia-tableau");
  var names = {};
  wraps.forEach(function (wrap) {
    var table = wrap.querySelector("table");
    if (!table) {
      return;
    }
    var labels = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (labels[index]) {
          cell.setAttribute("data-label", labels[index]);
        }
      });
    });
    // Une zone nommée d'après le titre qui précède le tableau, nom unique dans la page.
    var heading = wrap.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) {
      heading = heading.previousElementSibling;
    }
    var name = "Tableau" + (heading ? " : " + heading.textContent.replace(/¶$/, "").trim() : "");
    names[name] = (names[name] || 0) + 1;
    if (names[name] > 1) {
      name += " (" + names[name] + ")";
    }
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", name);
  });

  // Un tableau plus large que la colonne de texte est présenté en fiches (une par ligne) : aucune colonne
  // cachée, aucun défilement de côté. Sa sémantique de tableau est gardée pour les lecteurs d'écran.
  function fit() {
    wraps.forEach(function (wrap) {
      var table = wrap.querySelector("table");
      if (!table) {
        return;
      }
      wrap.classList.remove("acia-empile");
      wrap.removeAttribute("tabindex");
      var stacked = table.scrollWidth > wrap.clientWidth + 1;
      if (stacked) {
        wrap.classList.add("acia-empile");
        table.setAttribute("role", "table");
        table.querySelectorAll("tr").forEach(function (row) { row.setAttribute("role", "row"); });
        table.querySelectorAll("thead th").forEach(function (th) { th.setAttribute("role", "columnheader"); });
        table.querySelectorAll("tbody td").forEach(function (td) { td.setAttribute("role", "cell"); });
      }
      // Reste défilable (sans JavaScript, ou un contenu insécable) : atteignable au clavier.
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
      }
    });
  }
  fit();
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(fit, 100);
  });

  // Filtre de la liste des dossiers par nom, axe, secteur et statut, avec le nombre de dossiers affichés.
  var selects = document.querySelectorAll(".acia-filtres select");
  var text = document.querySelector(".acia-filtres input[data-filtre='nom']");
  var reset = document.querySelector(".acia-filtres button[type='reset']");
  var count = document.querySelector(".acia-decompte");
  var rows = document.querySelectorAll("table.acia-dossiers tbody tr");
  function simple(value) {
    return value.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function apply() {
    var shown = 0;
    var wantedText = text ? simple(text.value.trim()) : "";
    rows.forEach(function (row) {
      var visible = !wantedText || simple(row.textContent).indexOf(wantedText) !== -1;
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
      shown += visible ? 1 : 0;
    });
    if (count) {
      count.textContent = shown === 0 ? "Aucun dossier ne correspond aux filtres." : shown === 1 ? "1 dossier affiché sur " + rows.length + "." : shown + " dossiers affichés sur " + rows.length + ".";
    }
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  if (text) {
    text.addEventListener("input", apply);
  }
  // Les tests attendent cette marque avant de mesurer la page.
  document.body.setAttribute("data-acia", "pret");
  if (reset) {
    reset.addEventListener("click", function () {
      selects.forEach(function (select) { select.value = ""; });
      if (text) {
        text.value = "";
      }
      apply();
    });
  }
});
