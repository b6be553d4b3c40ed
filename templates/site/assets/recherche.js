// Recherche du site en français : la boîte de recherche de Zensical (0.0.x) écrit ses libellés en anglais,
// dans une racine fantôme (shadow root) ouverte ; ce script les traduit dès qu'ils apparaissent.
(function () {
  var LABELS = {
    "Search": "Rechercher",
    "Close search": "Fermer la recherche",
    "Filters": "Filtres",
    "Search results": "Résultats de la recherche",
  };
  var TEXTS = {
    "No results": "Aucun document trouvé",
    "Loading search\u2026": "Chargement de la recherche\u2026",
    "Filters": "Filtres",
    "Tags": "Étiquettes",
  };
  var COUNT = /^([\d,]+) results?$/;

  function french(text) {
    var trimmed = text.trim();
    if (Object.prototype.hasOwnProperty.call(TEXTS, trimmed)) {
      return TEXTS[trimmed];
    }
    var count = COUNT.exec(trimmed);
    if (count) {
      var number = count[1].replace(/,/g, "");
      return number === "1" ? "1 document trouvé" : number.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f") + " documents trouvés";
    }
    return null;
  }

  function translate(root) {
    root.querySelectorAll("[aria-label], [placeholder]").forEach(function (element) {
      ["aria-label", "placeholder"].forEach(function (name) {
        var value = element.getAttribute(name);
        if (value !== null && Object.prototype.hasOwnProperty.call(LABELS, value)) {
          element.setAttribute(name, LABELS[value]);
        }
      });
    });
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var said = french(node.data);
      if (said !== null && said !== node.data) {
        node.data = said;
      }
    }
  }

  var watched = [];
  function watch(host) {
    var root = host.shadowRoot;
    if (!root || watched.indexOf(root) !== -1) {
      return;
    }
    watched.push(root);
    translate(root);
    new MutationObserver(function () {
      translate(root);
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["aria-label", "placeholder"] });
  }

  function scan(element) {
    if (element.nodeType !== 1) {
      return;
    }
    if (element.shadowRoot) {
      watch(element);
    }
    element.querySelectorAll("*").forEach(function (child) {
      if (child.shadowRoot) {
        watch(child);
      }
    });
  }
  scan(document.body);
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(scan);
    });
  }).observe(document.body, { childList: true, subtree: true });
})();
